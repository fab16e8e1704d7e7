using System;
using System.Collections.Generic;
using System.Globalization;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// A Windows event as found in an export or piped in, in one shape whatever the producer: <c>Get-WinEvent</c>,
    /// <c>Get-EventLog</c> or an event shipper. Everything beyond the common properties (event data such as
    /// <c>Image</c>, <c>CommandLine</c>, <c>TargetFilename</c>, and the producer's extras) is in <see cref="Fields"/>.
    /// </summary>
    public sealed class ExportedEvent
    {
        private static readonly IReadOnlyDictionary<string, string> NoFields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Builds an event from values already at hand, e.g. the properties of a piped <c>EventLogRecord</c>.</summary>
        public ExportedEvent(
            string? logName,
            string? providerName,
            int? id,
            DateTimeOffset? timeCreated,
            int? level,
            string? message,
            string? machineName,
            IEnumerable<KeyValuePair<string, string>>? fields = null,
            string? sourceFile = null,
            long line = 0)
            : this(logName, providerName, id, timeCreated, level, message, machineName, CopyFields(fields), sourceFile, line)
        {
        }

        private ExportedEvent(
            string? logName,
            string? providerName,
            int? id,
            DateTimeOffset? timeCreated,
            int? level,
            string? message,
            string? machineName,
            IReadOnlyDictionary<string, string> fields,
            string? sourceFile,
            long line)
        {
            LogName = logName;
            ProviderName = providerName;
            Id = id;
            TimeCreated = timeCreated;
            Level = level;
            Message = message;
            MachineName = machineName;
            Fields = fields;
            SourceFile = sourceFile;
            Line = line;
        }

        /// <summary>Channel, e.g. <c>Application</c> or <c>Microsoft-Windows-Sysmon/Operational</c> (shippers: <c>Channel</c>).</summary>
        public string? LogName { get; }

        /// <summary>Provider or source, e.g. <c>MSExchange Mitigation Service</c> (shippers: <c>SourceName</c>; <c>Get-EventLog</c>: <c>Source</c>).</summary>
        public string? ProviderName { get; }

        /// <summary>Event ID (shippers and <c>Get-EventLog</c>: <c>EventID</c>).</summary>
        public int? Id { get; }

        /// <summary>When the event was written (<c>TimeCreated</c>, <c>@timestamp</c> or <c>TimeGenerated</c>).</summary>
        public DateTimeOffset? TimeCreated { get; }

        /// <summary>0 LogAlways (also audit events), 1 Critical, 2 Error, 3 Warning, 4 Information, 5 Verbose.</summary>
        public int? Level { get; }

        public string? Message { get; }

        /// <summary>Computer that logged the event (shippers: <c>Hostname</c>).</summary>
        public string? MachineName { get; }

        /// <summary>Every other property, by name, case-insensitive; nested JSON objects are flattened as <c>Parent.Child</c>.</summary>
        public IReadOnlyDictionary<string, string> Fields { get; }

        /// <summary>File the event was read from; null for piped events.</summary>
        public string? SourceFile { get; }

        /// <summary>1-based line where the event starts in <see cref="SourceFile"/>; 0 when unknown.</summary>
        public long Line { get; }

        /// <summary>
        /// Builds an event from any property bag (a piped <c>PSObject</c>'s properties, a deserialized event, a
        /// shipper record), recognising the property names of every supported producer.
        /// </summary>
        public static ExportedEvent FromProperties(
            IEnumerable<KeyValuePair<string, object?>> properties,
            string? sourceFile = null,
            long line = 0,
            ExportedEventReaderOptions? options = null)
        {
            var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var property in properties)
            {
                var text = ToText(property.Value);
                if (text != null)
                {
                    fields[property.Key] = text;
                }
            }

            return ExportedEventMapper.Map(fields, sourceFile, line, options);
        }

        /// <summary>A field by name, case-insensitive; null when absent.</summary>
        public string? GetField(string name) => Fields.TryGetValue(name, out var value) ? value : null;

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0:o} {1} {2}", TimeCreated, ProviderName, Id);

        /// <summary>Takes ownership of a case-insensitive dictionary the readers built, without copying it.</summary>
        internal static ExportedEvent Create(
            string? logName,
            string? providerName,
            int? id,
            DateTimeOffset? timeCreated,
            int? level,
            string? message,
            string? machineName,
            Dictionary<string, string> fields,
            string? sourceFile,
            long line) =>
            new ExportedEvent(logName, providerName, id, timeCreated, level, message, machineName, fields.Count == 0 ? NoFields : fields, sourceFile, line);

        private static IReadOnlyDictionary<string, string> CopyFields(IEnumerable<KeyValuePair<string, string>>? fields)
        {
            if (fields == null)
            {
                return NoFields;
            }

            var copy = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in fields)
            {
                copy[field.Key] = field.Value;
            }

            return copy.Count == 0 ? NoFields : copy;
        }

        private static string? ToText(object? value)
        {
            switch (value)
            {
                case null:
                    return null;
                case string s:
                    return s;
                case DateTimeOffset dto:
                    return dto.ToString("o", CultureInfo.InvariantCulture);
                case DateTime dt:
                    // A live EventLogRecord gives local time; keep the offset so nothing depends on where we run.
                    return dt.Kind == DateTimeKind.Unspecified
                        ? dt.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)
                        : new DateTimeOffset(dt).ToString("o", CultureInfo.InvariantCulture);
                case Enum e:
                    return e.ToString();
                case IFormattable f:
                    return f.ToString(null, CultureInfo.InvariantCulture);
                default:
                    return value.ToString();
            }
        }
    }
}
