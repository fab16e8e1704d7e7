using System;
using System.Text.RegularExpressions;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>A detection the scanner is still collecting lines for: the path may come on a following line.</summary>
    internal sealed class MsertPendingEntry
    {
        // A file URL as the scanner writes resources (file://, containerfile://, ...) or a plain drive path.
        private static readonly Regex ResourcePath = new Regex(@"(?:(?:file|containerfile|process|regkey|regkeyvalue)://(?<url>[^\r\n]+))|(?<drive>(?<![A-Za-z0-9])[A-Za-z]:[\\/][^\r\n""<>|*?]*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, IndicatorRegex.Timeout);

        public MsertPendingEntry(long line, string name, string text, DateTimeOffset? started)
        {
            Line = line;
            Name = name;
            Text = text;
            Started = started;
        }

        public long Line { get; }

        public string Name { get; }

        public DateTimeOffset? Started { get; }

        public string Text { get; set; }

        public string Path { get; private set; } = string.Empty;

        public int LinesSeen { get; set; }

        /// <summary>Keeps the first resource path seen on the entry's lines.</summary>
        public void TakePath(string text)
        {
            if (Path.Length > 0)
            {
                return;
            }

            var match = IndicatorRegex.Find(ResourcePath, text, out _);
            if (match != null)
            {
                var value = match.Groups["url"].Success ? match.Groups["url"].Value : match.Groups["drive"].Value;
                var arrow = value.IndexOf("->", StringComparison.Ordinal);
                Path = (arrow > 0 ? value.Substring(0, arrow) : value).Trim().TrimEnd('.', ',', ';');
            }
        }
    }
}
