using System.Collections.Generic;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>A "### Example N: title" entry.</summary>
    internal sealed class ExampleHelp
    {
        /// <summary>
        /// The line that marks an example as runnable on the module's bundled samples
        /// (tests/Pester/HelpExamples.Tests.ps1 runs those). It stands directly above the example's first
        /// code fence: PlatyPS 0.14 reads anything after the language on the fence line as code, but keeps
        /// a comment above it out of the code, and Markdig (PlatyPS 1.0) and markdown viewers take it as HTML.
        /// </summary>
        public const string RunnableMarker = "<!-- runnable -->";

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

        /// <summary>True when <see cref="RunnableMarker"/> stands above the code; never written to MAML.</summary>
        public bool Runnable { get; set; }
    }
}
