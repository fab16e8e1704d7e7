using System;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>
    /// Finds the parts of an Emergency Mitigation service text-log line. The layout is not documented: only the
    /// fragment <c>FetchMitigation,S:LogLevel=Warning;S:Message=...</c> is known, so the markers are looked for
    /// in every column (and in the whole line when a column split them), the operation is a column named like
    /// one or else the column before the markers, and the time is a time column or the first value that is one.
    /// </summary>
    internal sealed class MitigationServiceLogLine
    {
        private const string LevelKey = "S:LogLevel=";
        private const string MessageKey = "S:Message=";
        private static readonly string[] TimeColumns = { "DateTime", "TimeStamp", "Time", "Date", "LogTime" };
        private static readonly string[] OperationColumns = { "Operation", "EventId", "EventName", "Activity", "Component" };

        private MitigationServiceLogLine(DateTimeOffset? time, string? operation, string? level, string? message)
        {
            Time = time;
            Operation = operation;
            Level = level;
            Message = message;
        }

        public DateTimeOffset? Time { get; }

        public string? Operation { get; }

        public string? Level { get; }

        public string? Message { get; }

        public static MitigationServiceLogLine Parse(IExchangeLogRecord record)
        {
            var time = FindTime(record);
            string? markers = null;
            var markerColumn = -1;
            for (var i = 0; i < record.FieldCount && markerColumn < 0; i++)
            {
                var value = record.GetValue(i);
                if (value.IndexOf(LevelKey, StringComparison.OrdinalIgnoreCase) >= 0 || value.IndexOf(MessageKey, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    markerColumn = i;
                    markers = value;
                }
            }

            if (markers == null)
            {
                var raw = record.GetRawText();
                if (raw.IndexOf(LevelKey, StringComparison.OrdinalIgnoreCase) >= 0 || raw.IndexOf(MessageKey, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    markers = raw;
                }
            }

            var operation = FindOperation(record, markerColumn);
            return markers == null
                ? new MitigationServiceLogLine(time, operation, null, null)
                : new MitigationServiceLogLine(time, operation, ValueOf(markers, LevelKey, toNextKey: false), ValueOf(markers, MessageKey, toNextKey: true));
        }

        private static DateTimeOffset? FindTime(IExchangeLogRecord record)
        {
            foreach (var column in TimeColumns)
            {
                if (record.TryGetField(column, out var value) && EvidenceTimestamp.TryParse(value, null, TimeSpan.Zero, out var named))
                {
                    return named;
                }
            }

            for (var i = 0; i < record.FieldCount; i++)
            {
                var value = record.GetValue(i);
                if (value.Length >= 10 && char.IsDigit(value[0]) && value.IndexOf('=') < 0
                    && EvidenceTimestamp.TryParse(value, null, TimeSpan.Zero, out var found))
                {
                    return found;
                }
            }

            return null;
        }

        private static string? FindOperation(IExchangeLogRecord record, int markerColumn)
        {
            foreach (var column in OperationColumns)
            {
                if (record.TryGetField(column, out var value) && value.Length > 0)
                {
                    return value;
                }
            }

            if (markerColumn > 0)
            {
                var before = record.GetValue(markerColumn - 1).Trim();
                if (before.Length > 0 && IsName(before))
                {
                    return before;
                }
            }

            return null;
        }

        private static bool IsName(string value)
        {
            foreach (var c in value)
            {
                if (!char.IsLetterOrDigit(c) && c != '.' && c != '_' && c != '-')
                {
                    return false;
                }
            }

            return char.IsLetter(value[0]);
        }

        /// <summary>
        /// The value after <paramref name="key"/>: up to the next ';' for short values, or, for the message, up to
        /// the next <c>;&lt;type&gt;:&lt;Key&gt;=</c> item (Exchange's EventData style), so a ';' inside the text stays.
        /// </summary>
        private static string? ValueOf(string text, string key, bool toNextKey)
        {
            var start = text.IndexOf(key, StringComparison.OrdinalIgnoreCase);
            if (start < 0)
            {
                return null;
            }

            start += key.Length;
            var end = start;
            while (true)
            {
                end = text.IndexOf(';', end);
                if (end < 0)
                {
                    end = text.Length;
                    break;
                }

                if (!toNextKey || StartsItem(text, end + 1))
                {
                    break;
                }

                end++;
            }

            return text.Substring(start, end - start).Trim();
        }

        /// <summary>True when <c>S:KEY=</c>, <c>I32:KEY=</c>, <c>Dbl:KEY=</c> and the like start at <paramref name="at"/>.</summary>
        private static bool StartsItem(string text, int at)
        {
            var i = at;
            while (i < text.Length && i - at < 4 && char.IsLetterOrDigit(text[i]))
            {
                i++;
            }

            if (i == at || i >= text.Length || text[i] != ':' || !char.IsLetter(text[at]))
            {
                return false;
            }

            var keyStart = ++i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '-' || text[i] == '.'))
            {
                i++;
            }

            return i > keyStart && i < text.Length && text[i] == '=';
        }
    }
}
