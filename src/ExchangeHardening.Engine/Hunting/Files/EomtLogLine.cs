using System;
using System.Globalization;
using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// One line of an EOMT log: EOMT.ps1 and EOMTv2.ps1 write "yyyy-MM-dd HH:mm:ss &lt;Level&gt;: &lt;message&gt;", the
    /// unified EOMT's debug log "[&lt;local date time&gt;] : &lt;message&gt;". Anything else (a garbled or foreign line)
    /// keeps its text as the message, without time or level. Times are the server's local time, taken as UTC.
    /// </summary>
    internal sealed class EomtLogLine
    {
        private static readonly Regex Legacy = new Regex(@"^\s*(?<time>\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2})\s+(?<level>[A-Za-z]+)\s*:\s?(?<message>.*)$", RegexOptions.CultureInvariant, IndicatorRegex.Timeout);
        private static readonly Regex Unified = new Regex(@"^\s*\[(?<time>[^\]]{4,64})\]\s*:\s?(?<message>.*)$", RegexOptions.CultureInvariant, IndicatorRegex.Timeout);
        private static readonly CultureInfo UnitedStates = CultureInfo.GetCultureInfo("en-US");

        private EomtLogLine(string text, DateTimeOffset? timestamp, string level, string message)
        {
            Text = text;
            Timestamp = timestamp;
            Level = level;
            Message = message;
        }

        public string Text { get; }

        public DateTimeOffset? Timestamp { get; }

        /// <summary>Info, Notice or Error (legacy logs); empty when the line has none.</summary>
        public string Level { get; }

        public string Message { get; }

        public static EomtLogLine Parse(string text)
        {
            var legacy = IndicatorRegex.Find(Legacy, text, out _);
            if (legacy != null)
            {
                return new EomtLogLine(text, Time(legacy.Groups["time"].Value), legacy.Groups["level"].Value, legacy.Groups["message"].Value);
            }

            var unified = IndicatorRegex.Find(Unified, text, out _);
            if (unified != null)
            {
                return new EomtLogLine(text, Time(unified.Groups["time"].Value), string.Empty, unified.Groups["message"].Value);
            }

            return new EomtLogLine(text, null, string.Empty, text);
        }

        /// <summary>The fields conditions can test: Level, Message, Line (the whole text) and Time.</summary>
        public string? Field(string name)
        {
            switch (name.ToUpperInvariant())
            {
                case "LEVEL":
                    return Level;
                case "MESSAGE":
                    return Message;
                case "LINE":
                case "TEXT":
                    return Text;
                case "TIME":
                case "TIMESTAMP":
                    return Timestamp?.ToString("o", CultureInfo.InvariantCulture);
                default:
                    return null;
            }
        }

        private static DateTimeOffset? Time(string text) =>
            EvidenceTimestamp.TryParse(text, UnitedStates, TimeSpan.Zero, out var value) ? value : (DateTimeOffset?)null;
    }
}
