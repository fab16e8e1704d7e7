using System;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>
    /// A problem in a markdown source file. It always carries the file and the 1-based line so that
    /// the author can jump straight to it; the message format is the canonical MSBuild one, which
    /// editors and CI logs turn into links.
    /// </summary>
    internal sealed class HelpSourceException : Exception
    {
        public HelpSourceException(string file, int line, string reason)
            : base(FormattableString.Invariant($"{file}({line}): error: {reason}"))
        {
            File = file;
            Line = line;
            Reason = reason;
        }

        public string File { get; }

        public int Line { get; }

        public string Reason { get; }
    }
}
