using System;
using System.Globalization;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>One classified record of the Emergency Mitigation service: an Application event or a text-log line.</summary>
    public sealed class EmergencyMitigationActivityRecord
    {
        public EmergencyMitigationActivityRecord(
            EmergencyMitigationActivityKind kind,
            DateTimeOffset? time,
            string? operation,
            string? level,
            string? message,
            int? eventId,
            string? sourceFile,
            long line)
        {
            Kind = kind;
            Time = time;
            Operation = operation;
            Level = level;
            Message = message;
            EventId = eventId;
            SourceFile = sourceFile;
            Line = line;
        }

        public EmergencyMitigationActivityKind Kind { get; }

        public DateTimeOffset? Time { get; }

        /// <summary>Text-log operation such as <c>FetchMitigation</c>; null for events or when the log does not show one.</summary>
        public string? Operation { get; }

        /// <summary>Text-log <c>S:LogLevel</c> value, or the event level number as text.</summary>
        public string? Level { get; }

        public string? Message { get; }

        /// <summary>Event ID (1005, 1006, 1008, ...); null for text-log lines.</summary>
        public int? EventId { get; }

        public string? SourceFile { get; }

        public long Line { get; }

        /// <summary>Where the record came from, for a report: <c>file:line</c>, or the event ID of a piped event.</summary>
        public string Source =>
            SourceFile != null
                ? string.Format(CultureInfo.InvariantCulture, "{0}:{1}", SourceFile, Line)
                : EventId.HasValue ? string.Format(CultureInfo.InvariantCulture, "event {0}", EventId) : "(piped)";

        public override string ToString() =>
            string.Format(CultureInfo.InvariantCulture, "{0} {1:o} {2}", Kind, Time, Message);
    }
}
