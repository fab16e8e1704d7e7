using System;
using System.Collections.Generic;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>
    /// The YAML header PlatyPS writes between two '---' lines. PlatyPS only ever writes flat
    /// "key: value" pairs, so a line-based reader is enough and keeps the tool dependency-free.
    /// </summary>
    internal sealed class FrontMatter
    {
        private readonly Dictionary<string, string> values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, int> lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        private FrontMatter(int firstLine, int lastLine)
        {
            FirstLine = firstLine;
            LastLine = lastLine;
        }

        /// <summary>Line of the opening '---'.</summary>
        public int FirstLine { get; }

        /// <summary>Line of the closing '---'.</summary>
        public int LastLine { get; }

        public bool Contains(string key) => values.ContainsKey(key);

        public string? Get(string key) => values.TryGetValue(key, out string? value) ? value : null;

        /// <summary>The line a key was on, or the opening line when the key is absent (where it should be added).</summary>
        public int LineOf(string key) => lines.TryGetValue(key, out int line) ? line : FirstLine;

        /// <summary>
        /// Reads the front matter if the file starts with '---'; returns null when there is none.
        /// <paramref name="next"/> is the index of the first line after it.
        /// </summary>
        public static FrontMatter? Read(string file, IReadOnlyList<string> source, out int next)
        {
            next = 0;
            if (source.Count == 0 || source[0].TrimEnd() != "---")
            {
                return null;
            }

            for (int i = 1; i < source.Count; i++)
            {
                if (source[i].TrimEnd() == "---")
                {
                    var result = new FrontMatter(1, i + 1);
                    for (int j = 1; j < i; j++)
                    {
                        result.AddLine(file, source[j], j + 1);
                    }

                    next = i + 1;
                    return result;
                }
            }

            throw new HelpSourceException(file, 1, "The front matter that starts here is not closed by a '---' line.");
        }

        private void AddLine(string file, string text, int line)
        {
            if (text.Trim().Length == 0 || text.TrimStart().StartsWith("#", StringComparison.Ordinal))
            {
                return;
            }

            int colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || char.IsWhiteSpace(text[0]))
            {
                throw new HelpSourceException(file, line, $"Malformed front matter line '{text.Trim()}': expected 'key: value'.");
            }

            string key = text.Substring(0, colon).Trim();
            string value = Unquote(text.Substring(colon + 1).Trim());
            if (values.ContainsKey(key))
            {
                throw new HelpSourceException(file, line, $"The front matter key '{key}' appears twice (first on line {lines[key]}).");
            }

            values[key] = value;
            lines[key] = line;
        }

        // PlatyPS writes bare values, but hand edits often quote them; both mean the same.
        private static string Unquote(string value)
        {
            if (value.Length >= 2 && (value[0] == '\'' || value[0] == '"') && value[value.Length - 1] == value[0])
            {
                return value.Substring(1, value.Length - 2);
            }

            return value;
        }
    }
}
