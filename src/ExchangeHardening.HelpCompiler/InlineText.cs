using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>
    /// Turns markdown text into the plain text Get-Help prints. Consoles show markup literally, so
    /// bold markers, escapes and link syntax are removed. Code spans keep their backticks, as in
    /// PowerShell's own help, because they mark what to type ("separated by `;`" stays readable).
    /// Single '*' and '_' are left alone: here they are far more often wildcards and identifiers.
    /// </summary>
    internal static class InlineText
    {
        private static readonly Regex CodeSpan = new Regex(@"(`+)(.+?)\1", RegexOptions.CultureInvariant);
        private static readonly Regex Link = new Regex(@"!?\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+""[^""]*"")?\s*\)", RegexOptions.CultureInvariant);
        private static readonly Regex AutoLink = new Regex(@"<((?:https?|mailto):[^>\s]+)>", RegexOptions.CultureInvariant);
        private static readonly Regex Bold = new Regex(@"\*\*(\S(?:.*?\S)?)\*\*", RegexOptions.CultureInvariant);
        private static readonly Regex Escape = new Regex(@"\\([\\`*_{}\[\]()#+\-.!<>|])", RegexOptions.CultureInvariant);

        public static string Clean(string text)
        {
            // Code spans are copied untouched; only the text between them loses its markup.
            var result = new StringBuilder(text.Length);
            int position = 0;
            foreach (Match span in CodeSpan.Matches(text))
            {
                result.Append(CleanProse(text.Substring(position, span.Index - position)));
                result.Append(span.Value);
                position = span.Index + span.Length;
            }

            result.Append(CleanProse(text.Substring(position)));
            return result.ToString();
        }

        private static string CleanProse(string text)
        {
            text = Link.Replace(text, match =>
            {
                string label = match.Groups[1].Value;
                string uri = match.Groups[2].Value;
                return uri.Length == 0 || uri == label ? label : $"{label} ({uri})";
            });
            text = AutoLink.Replace(text, "$1");
            text = Bold.Replace(text, "$1");
            return Escape.Replace(text, "$1");
        }

        /// <summary>
        /// One string per MAML paragraph: prose paragraphs are joined into one line (Get-Help wraps
        /// them itself), list items keep their marker, code keeps its lines indented by four spaces.
        /// </summary>
        public static List<string> ToParagraphs(IEnumerable<MarkdownBlock> blocks)
        {
            var paragraphs = new List<string>();
            foreach (MarkdownBlock block in blocks)
            {
                switch (block.Kind)
                {
                    case MarkdownBlockKind.Comment:
                        // Markdown viewers hide comments, so Get-Help does too.
                        break;
                    case MarkdownBlockKind.ListItem:
                        paragraphs.Add(block.Marker + " " + Clean(block.Text));
                        break;
                    case MarkdownBlockKind.Table:
                        paragraphs.Add(string.Join("\n", block.Lines));
                        break;
                    case MarkdownBlockKind.Code:
                        var code = new List<string>();
                        foreach (string line in block.Lines)
                        {
                            code.Add(line.Length == 0 ? line : "    " + line);
                        }

                        paragraphs.Add(string.Join("\n", code));
                        break;
                    default:
                        paragraphs.Add(Clean(block.Text));
                        break;
                }
            }

            return paragraphs;
        }
    }
}
