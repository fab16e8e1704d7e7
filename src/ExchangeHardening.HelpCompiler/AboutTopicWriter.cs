using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>
    /// Converts an about_*.md page into the plain-text about_*.help.txt that Get-Help shows.
    /// Headings become upper-case lines, prose is wrapped at 80 columns and code blocks are indented
    /// by four spaces. PowerShell takes line 5 of the file as the topic's synopsis (the text that
    /// "Get-Help about_*" lists), so the layout always puts the short description there, on one line.
    /// </summary>
    internal static class AboutTopicWriter
    {
        private const string ShortDescription = "SHORT DESCRIPTION";

        public static string Convert(MarkdownDocument document, string topicName)
        {
            // The topic name heading ('# about_X', or '# X' in PlatyPS's template) becomes the TOPIC block.
            string bareName = topicName.Substring("about_".Length);
            // Comments are for authors; markdown viewers and Get-Help do not show them.
            List<MarkdownBlock> blocks = document.Blocks
                .Where(block => block.Kind != MarkdownBlockKind.Comment)
                .Where(block => !(block.Kind == MarkdownBlockKind.Heading
                    && (block.Text.Equals(topicName, StringComparison.OrdinalIgnoreCase) || block.Text.Equals(bareName, StringComparison.OrdinalIgnoreCase))))
                .ToList();

            // Both layouts occur: '## SHORT DESCRIPTION' under '# about_X', and PlatyPS's template with '# SHORT DESCRIPTION'.
            int shortIndex = blocks.FindIndex(block => block.Kind == MarkdownBlockKind.Heading && block.Text.Equals(ShortDescription, StringComparison.OrdinalIgnoreCase));
            if (shortIndex < 0)
            {
                throw new HelpSourceException(document.File, 1, "An about topic needs a 'SHORT DESCRIPTION' heading; Get-Help lists its text as the topic's synopsis.");
            }

            int end = blocks.FindIndex(shortIndex + 1, block => block.Kind == MarkdownBlockKind.Heading);
            if (end < 0)
            {
                end = blocks.Count;
            }

            List<MarkdownBlock> synopsis = blocks.GetRange(shortIndex + 1, end - shortIndex - 1);
            if (synopsis.Count == 0 || synopsis[0].Kind != MarkdownBlockKind.Paragraph)
            {
                throw new HelpSourceException(document.File, blocks[shortIndex].Line, "The 'SHORT DESCRIPTION' section must start with a line of text.");
            }

            var output = new List<string>
            {
                "TOPIC",
                topicName,
                string.Empty,
                ShortDescription,
                InlineText.Clean(synopsis[0].Text),
            };
            AppendBlocks(output, synopsis.Skip(1));
            AppendBlocks(output, blocks.Take(shortIndex).Concat(blocks.Skip(end)));

            var text = new StringBuilder();
            foreach (string line in output)
            {
                text.Append(line).Append("\r\n");
            }

            return text.ToString();
        }

        public static void Write(string path, string text)
        {
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        }

        private static void AppendBlocks(List<string> output, IEnumerable<MarkdownBlock> blocks)
        {
            MarkdownBlockKind? previous = null;
            foreach (MarkdownBlock block in blocks)
            {
                // A blank line between blocks, except right under a heading and between list items.
                bool tight = previous == MarkdownBlockKind.Heading && block.Kind != MarkdownBlockKind.Heading
                    || previous == MarkdownBlockKind.ListItem && block.Kind == MarkdownBlockKind.ListItem;
                if (!tight)
                {
                    output.Add(string.Empty);
                }

                switch (block.Kind)
                {
                    case MarkdownBlockKind.Heading:
                        output.Add(InlineText.Clean(block.Text).ToUpperInvariant());
                        break;
                    case MarkdownBlockKind.Code:
                        output.AddRange(block.Lines.Select(line => line.Length == 0 ? line : "    " + line));
                        break;
                    case MarkdownBlockKind.Table:
                        output.AddRange(block.Lines.Select(InlineText.Clean));
                        break;
                    case MarkdownBlockKind.ListItem:
                        string marker = block.Marker + " ";
                        output.AddRange(TextWrapper.Wrap(InlineText.Clean(block.Text), marker, new string(' ', marker.Length)));
                        break;
                    default:
                        output.AddRange(TextWrapper.Wrap(InlineText.Clean(block.Text), string.Empty, string.Empty));
                        break;
                }

                previous = block.Kind;
            }
        }
    }
}
