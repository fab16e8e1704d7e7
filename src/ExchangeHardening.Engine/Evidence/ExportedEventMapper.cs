using System;
using System.Collections.Generic;
using System.Globalization;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// Turns a producer's property bag into an <see cref="ExportedEvent"/>: the first name found in each alias
    /// list becomes the common property and leaves the bag; everything else stays in <see cref="ExportedEvent.Fields"/>.
    /// </summary>
    internal static class ExportedEventMapper
    {
        // Get-WinEvent, event shippers, Get-EventLog, in that order of preference.
        private static readonly string[] LogNameNames = { "LogName", "Channel" };
        private static readonly string[] ProviderNames = { "ProviderName", "SourceName", "Source" };
        private static readonly string[] IdNames = { "Id", "EventID" };

        // TimeCreated before @timestamp: a shipper's @timestamp may be the time it collected the event.
        // ".value" is Windows PowerShell 5.1's JSON for a DateTime that carries extra notes (flattened).
        private static readonly string[] TimeNames = { "TimeCreated", "TimeCreated.value", "TimeGenerated", "TimeGenerated.value", "@timestamp" };
        private static readonly string[] MachineNames = { "MachineName", "Hostname", "Computer" };

        public static ExportedEvent Map(Dictionary<string, string> fields, string? sourceFile, long line, ExportedEventReaderOptions? options)
        {
            var logName = Take(fields, LogNameNames);
            var providerName = Take(fields, ProviderNames);
            var id = TakeInt(fields, IdNames);
            var time = TakeTime(fields, options);
            var level = TakeLevel(fields);
            var message = Take(fields, "Message");
            var machineName = Take(fields, MachineNames);
            return ExportedEvent.Create(logName, providerName, id, time, level, message, machineName, fields, sourceFile, line);
        }

        /// <summary>Level from a number (0-5) or a name as in LevelDisplayName.</summary>
        internal static int? ParseLevel(string text)
        {
            var s = text.Trim();
            if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            switch (s.ToUpperInvariant())
            {
                case "LOGALWAYS":
                    return 0;
                case "CRITICAL":
                    return 1;
                case "ERROR":
                    return 2;
                case "WARNING":
                    return 3;
                case "INFORMATION":
                case "INFORMATIONAL":
                case "INFO":
                    return 4;
                case "VERBOSE":
                    return 5;
                default:
                    return null;
            }
        }

        /// <summary>
        /// Get-EventLog's EntryType: a name in CSV, the enum number in JSON (Error 1, Warning 2, Information 4,
        /// SuccessAudit 8, FailureAudit 16). Audits map to 0, the level Get-WinEvent shows for Security events.
        /// </summary>
        internal static int? ParseEntryType(string text)
        {
            var s = text.Trim();
            if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
            {
                switch (number)
                {
                    case 1:
                        return 2;
                    case 2:
                        return 3;
                    case 4:
                        return 4;
                    case 8:
                    case 16:
                        return 0;
                    default:
                        return null;
                }
            }

            if (s.Equals("SuccessAudit", StringComparison.OrdinalIgnoreCase) || s.Equals("FailureAudit", StringComparison.OrdinalIgnoreCase))
            {
                return 0;
            }

            return ParseLevel(s);
        }

        private static string? Take(Dictionary<string, string> fields, params string[] names)
        {
            foreach (var name in names)
            {
                if (fields.TryGetValue(name, out var value))
                {
                    fields.Remove(name);
                    return value;
                }
            }

            return null;
        }

        private static int? TakeInt(Dictionary<string, string> fields, string[] names)
        {
            foreach (var name in names)
            {
                if (fields.TryGetValue(name, out var value)
                    && int.TryParse(value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    fields.Remove(name);
                    return number;
                }
            }

            return null;
        }

        private static DateTimeOffset? TakeTime(Dictionary<string, string> fields, ExportedEventReaderOptions? options)
        {
            foreach (var name in TimeNames)
            {
                if (fields.TryGetValue(name, out var value)
                    && EvidenceTimestamp.TryParse(value, options?.Culture, options?.AssumedUtcOffset ?? TimeSpan.Zero, out var time))
                {
                    fields.Remove(name);
                    return time;
                }
            }

            return null;
        }

        private static int? TakeLevel(Dictionary<string, string> fields)
        {
            if (fields.TryGetValue("Level", out var level) && ParseLevel(level) is int fromLevel)
            {
                fields.Remove("Level");
                return fromLevel;
            }

            if (fields.TryGetValue("EntryType", out var entryType) && ParseEntryType(entryType) is int fromEntryType)
            {
                fields.Remove("EntryType");
                return fromEntryType;
            }

            // LevelDisplayName stays in Fields: it is the only level there is, but it is still what the producer wrote.
            return fields.TryGetValue("LevelDisplayName", out var display) ? ParseLevel(display) : null;
        }
    }
}
