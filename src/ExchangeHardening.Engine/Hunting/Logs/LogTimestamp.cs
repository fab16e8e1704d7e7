using System;
using System.Globalization;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>Entry times of the logs: ISO 8601 UTC in Exchange logs, <c>date</c> plus <c>time</c> (UTC by default) in IIS logs.</summary>
    internal static class LogTimestamp
    {
        public static DateTimeOffset? ParseIso(string? text) =>
            text != null && text.Length >= 10 && char.IsDigit(text[0]) && EvidenceTimestamp.TryParse(text, null, TimeSpan.Zero, out var value) ? value : (DateTimeOffset?)null;

        /// <summary>The first comma-separated value of a line, when it is a timestamp (Exchange logs start with one).</summary>
        public static DateTimeOffset? ParseLeading(ReadOnlySpan<char> line)
        {
            var comma = line.IndexOf(',');
            var first = (comma < 0 ? line : line.Slice(0, comma)).ToString().Trim().Trim('"');
            return first.Length >= 10 && first.Length <= 40 ? ParseIso(first) : null;
        }

        public static DateTimeOffset? ParseW3c(string? date, string? time)
        {
            if (string.IsNullOrEmpty(date) || string.IsNullOrEmpty(time))
            {
                return null;
            }

            return DateTimeOffset.TryParseExact(
                date + " " + time,
                new[] { "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF" },
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
                out var value)
                ? value
                : (DateTimeOffset?)null;
        }
    }
}
