using System.Collections.Generic;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>
    /// One block of a markdown file with the line it starts on, so every later error can point at
    /// the source.
    /// </summary>
    internal sealed class MarkdownBlock
    {
        public MarkdownBlock(MarkdownBlockKind kind, int line, IReadOnlyList<string> lines, int level = 0, string info = "", string marker = "", int lastLine = 0)
        {
            Kind = kind;
            Line = line;
            LastLine = lastLine > 0 ? lastLine : line;
            Lines = lines;
            Level = level;
            Info = info;
            Marker = marker;
        }

        public MarkdownBlockKind Kind { get; }

        /// <summary>1-based line of the block's first line in the file.</summary>
        public int Line { get; }

        /// <summary>1-based line of the block's last line in the file (for code, the closing fence).</summary>
        public int LastLine { get; }

        /// <summary>Heading: one line with the title. Code: the content lines without fences. Comment: the text between '&lt;!--' and '--&gt;', untrimmed. Others: the text lines.</summary>
        public IReadOnlyList<string> Lines { get; }

        /// <summary>Heading level (1 for '#').</summary>
        public int Level { get; }

        /// <summary>The info string of a fenced code block ("yaml", "powershell" or empty).</summary>
        public string Info { get; }

        /// <summary>The list marker of a list item ("-", "*", "1." ...).</summary>
        public string Marker { get; }

        public string Text => string.Join(" ", Lines);

        public bool IsHeading(int level) => Kind == MarkdownBlockKind.Heading && Level == level;
    }
}
