using System.Collections.Generic;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>A heading with the blocks under it, up to the next heading of the same or a higher level.</summary>
    internal sealed class MarkdownSection
    {
        public MarkdownSection(MarkdownBlock heading)
        {
            Heading = heading;
        }

        public MarkdownBlock Heading { get; }

        public string Title => Heading.Lines[0];

        public int Line => Heading.Line;

        public List<MarkdownBlock> Body { get; } = new List<MarkdownBlock>();

        /// <summary>
        /// Splits blocks at headings of <paramref name="level"/>. Blocks before the first such heading
        /// are returned in <paramref name="leading"/> so the caller can reject or use them.
        /// </summary>
        public static List<MarkdownSection> Split(IEnumerable<MarkdownBlock> blocks, int level, out List<MarkdownBlock> leading)
        {
            leading = new List<MarkdownBlock>();
            var sections = new List<MarkdownSection>();
            foreach (MarkdownBlock block in blocks)
            {
                if (block.IsHeading(level))
                {
                    sections.Add(new MarkdownSection(block));
                }
                else if (sections.Count == 0)
                {
                    leading.Add(block);
                }
                else
                {
                    sections[sections.Count - 1].Body.Add(block);
                }
            }

            return sections;
        }
    }
}
