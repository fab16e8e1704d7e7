using System.Collections.Generic;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>A "### Example N: title" entry.</summary>
    internal sealed class ExampleHelp
    {
        public ExampleHelp(string title, int line)
        {
            Title = title;
            Line = line;
        }

        /// <summary>The heading text as written ("Example 1: Get one widget").</summary>
        public string Title { get; }

        public int Line { get; }

        /// <summary>Text before the first code block (rare; MAML calls it the introduction).</summary>
        public List<string> Introduction { get; } = new List<string>();

        public List<string> Code { get; } = new List<string>();

        public List<string> Remarks { get; } = new List<string>();
    }
}
