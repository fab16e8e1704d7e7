using System;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>Entry point; all work is in <see cref="HelpCompilation"/> so tests can run it in-process.</summary>
    internal static class Program
    {
        public static int Main(string[] args)
        {
            return HelpCompilation.Run(args, Console.Out, Console.Error);
        }
    }
}
