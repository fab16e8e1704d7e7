using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>
    /// A markdown file split into front matter and a flat list of blocks. This is deliberately not a
    /// CommonMark parser: PlatyPS writes a small, regular subset (ATX headings, paragraphs, lists,
    /// fenced code; authors add HTML comments) and a small reader keeps line numbers exact for error messages.
    /// </summary>
    internal sealed class MarkdownDocument
    {
        private static readonly Regex HeadingPattern = new Regex(@"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$", RegexOptions.CultureInvariant);
        private static readonly Regex ListItemPattern = new Regex(@"^( {0,3})([-*+]|\d{1,9}[.)])[ \t]+(.*)$", RegexOptions.CultureInvariant);
        private static readonly Regex FencePattern = new Regex(@"^( {0,3})(`{3,}|~{3,})[ \t]*([^`]*?)[ \t]*$", RegexOptions.CultureInvariant);
        private static readonly Regex CommentStartPattern = new Regex(@"^ {0,3}<!--", RegexOptions.CultureInvariant);
        private static readonly Regex ThematicBreakPattern = new Regex(@"^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$", RegexOptions.CultureInvariant);

        private MarkdownDocument(string file, FrontMatter? frontMatter, IReadOnlyList<MarkdownBlock> blocks, int lineCount)
        {
            File = file;
            FrontMatter = frontMatter;
            Blocks = blocks;
            LineCount = lineCount;
        }

        /// <summary>The path used in error messages (as given by the caller).</summary>
        public string File { get; }

        public FrontMatter? FrontMatter { get; }

        public IReadOnlyList<MarkdownBlock> Blocks { get; }

        public int LineCount { get; }

        public static MarkdownDocument Load(string path, string displayPath)
        {
            return Parse(displayPath, System.IO.File.ReadAllText(path));
        }

        public static MarkdownDocument Parse(string file, string text)
        {
            string[] lines = SplitLines(text);
            FrontMatter? frontMatter = FrontMatter.Read(file, lines, out int start);
            var blocks = new List<MarkdownBlock>();
            var pending = new List<string>();
            MarkdownBlockKind pendingKind = MarkdownBlockKind.Paragraph;
            string pendingMarker = string.Empty;
            int pendingLine = 0;

            void Flush()
            {
                if (pending.Count > 0)
                {
                    blocks.Add(new MarkdownBlock(pendingKind, pendingLine, pending.ToArray(), marker: pendingMarker, lastLine: pendingLine + pending.Count - 1));
                    pending.Clear();
                }
            }

            void Begin(MarkdownBlockKind kind, int line, string marker, string firstText)
            {
                Flush();
                pendingKind = kind;
                pendingLine = line;
                pendingMarker = marker;
                pending.Add(firstText);
            }

            for (int i = start; i < lines.Length; i++)
            {
                string line = lines[i];
                int lineNumber = i + 1;

                if (line.Trim().Length == 0)
                {
                    Flush();
                    continue;
                }

                Match fence = FencePattern.Match(line);
                if (fence.Success)
                {
                    Flush();
                    i = ReadFence(file, lines, i, fence, blocks);
                    continue;
                }

                // An HTML comment starts a block of its own, even inside a paragraph, as in CommonMark.
                if (CommentStartPattern.IsMatch(line))
                {
                    Flush();
                    i = ReadComment(file, lines, i, blocks);
                    continue;
                }

                Match heading = HeadingPattern.Match(line);
                if (heading.Success)
                {
                    Flush();
                    blocks.Add(new MarkdownBlock(MarkdownBlockKind.Heading, lineNumber, new[] { heading.Groups[2].Value.Trim() }, level: heading.Groups[1].Value.Length));
                    continue;
                }

                if (ThematicBreakPattern.IsMatch(line))
                {
                    Flush();
                    continue;
                }

                string trimmed = line.Trim();
                if (trimmed.StartsWith("|", StringComparison.Ordinal))
                {
                    if (pending.Count > 0 && pendingKind == MarkdownBlockKind.Table)
                    {
                        pending.Add(trimmed);
                    }
                    else
                    {
                        Begin(MarkdownBlockKind.Table, lineNumber, string.Empty, trimmed);
                    }

                    continue;
                }

                Match item = ListItemPattern.Match(line);
                if (item.Success)
                {
                    Begin(MarkdownBlockKind.ListItem, lineNumber, item.Groups[2].Value, item.Groups[3].Value.Trim());
                    continue;
                }

                // Continuation of a paragraph or list item (including lazy, unindented continuation).
                if (pending.Count > 0 && pendingKind != MarkdownBlockKind.Table)
                {
                    pending.Add(trimmed);
                }
                else
                {
                    Begin(MarkdownBlockKind.Paragraph, lineNumber, string.Empty, trimmed);
                }
            }

            Flush();
            return new MarkdownDocument(file, frontMatter, blocks, lines.Length);
        }

        private static int ReadFence(string file, string[] lines, int open, Match fence, List<MarkdownBlock> blocks)
        {
            int indent = fence.Groups[1].Value.Length;
            string marker = fence.Groups[2].Value;
            string info = fence.Groups[3].Value.Trim();
            var content = new List<string>();
            for (int j = open + 1; j < lines.Length; j++)
            {
                string candidate = lines[j].Trim();
                if (candidate.Length >= marker.Length && candidate.Trim(marker[0]).Length == 0)
                {
                    blocks.Add(new MarkdownBlock(MarkdownBlockKind.Code, open + 1, content.ToArray(), info: info, lastLine: j + 1));
                    return j;
                }

                content.Add(RemoveIndent(lines[j], indent));
            }

            throw new HelpSourceException(file, open + 1, $"The code block that starts here is not closed by a '{marker}' line.");
        }

        // CommonMark would end an unclosed comment at the end of the file and hide everything after it;
        // here that is an error, and so is text after '-->', which CommonMark would show as raw HTML.
        private static int ReadComment(string file, string[] lines, int open, List<MarkdownBlock> blocks)
        {
            string text = string.Join("\n", lines, open, lines.Length - open).TrimStart();
            int end = text.IndexOf("-->", "<!--".Length, StringComparison.Ordinal);
            if (end < 0)
            {
                throw new HelpSourceException(file, open + 1, "The HTML comment that starts here is not closed by '-->'.");
            }

            string comment = text.Substring("<!--".Length, end - "<!--".Length);
            int close = open + comment.Split('\n').Length - 1;
            string after = text.Substring(end + "-->".Length).Split('\n')[0];
            if (after.Trim().Length > 0)
            {
                throw new HelpSourceException(file, close + 1, $"Text after '-->' on the same line ('{after.Trim()}'); put it on a line of its own.");
            }

            string[] content = comment.Split('\n');
            blocks.Add(new MarkdownBlock(MarkdownBlockKind.Comment, open + 1, content, lastLine: close + 1));
            return close;
        }

        // Content of an indented fence is de-indented by the fence's own indentation, as CommonMark does.
        private static string RemoveIndent(string line, int indent)
        {
            int remove = 0;
            while (remove < indent && remove < line.Length && line[remove] == ' ')
            {
                remove++;
            }

            return line.Substring(remove).TrimEnd();
        }

        private static string[] SplitLines(string text)
        {
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text.Substring(1);
            }

            string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
            return lines.Length > 0 && lines[lines.Length - 1].Length == 0 ? lines[..^1] : lines;
        }

        /// <summary>True for the file name PlatyPS gives about topics.</summary>
        public static bool IsAboutTopic(string path)
        {
            return Path.GetFileName(path).StartsWith("about_", StringComparison.OrdinalIgnoreCase);
        }
    }
}
