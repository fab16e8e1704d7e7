using System;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>What the Emergency Mitigation service's events and text log show about its recent work.</summary>
    public sealed class EmergencyMitigationActivity
    {
        public EmergencyMitigationActivity(
            DateTimeOffset? evidenceStart,
            DateTimeOffset? evidenceEnd,
            DateTimeOffset? referenceTime,
            EmergencyMitigationActivityRecord? lastSuccess,
            EmergencyMitigationActivityRecord? lastError,
            EmergencyMitigationActivityRecord? lastWarning,
            int successCount,
            int errorCount,
            int warningCount,
            int eventCount,
            int serviceEventCount,
            int logLineCount,
            EmergencyMitigationActivityVerdict verdict)
        {
            EvidenceStart = evidenceStart;
            EvidenceEnd = evidenceEnd;
            ReferenceTime = referenceTime;
            LastSuccess = lastSuccess;
            LastError = lastError;
            LastWarning = lastWarning;
            SuccessCount = successCount;
            ErrorCount = errorCount;
            WarningCount = warningCount;
            EventCount = eventCount;
            ServiceEventCount = serviceEventCount;
            LogLineCount = logLineCount;
            Verdict = verdict;
        }

        /// <summary>Oldest timestamp in the evidence (every event given, every text-log line).</summary>
        public DateTimeOffset? EvidenceStart { get; }

        /// <summary>Newest timestamp in the evidence.</summary>
        public DateTimeOffset? EvidenceEnd { get; }

        /// <summary>The time "the last 24 hours" ends at: the caller's, or else <see cref="EvidenceEnd"/>.</summary>
        public DateTimeOffset? ReferenceTime { get; }

        public EmergencyMitigationActivityRecord? LastSuccess { get; }

        public EmergencyMitigationActivityRecord? LastError { get; }

        public EmergencyMitigationActivityRecord? LastWarning { get; }

        public DateTimeOffset? LastSuccessTime => LastSuccess?.Time;

        public DateTimeOffset? LastErrorTime => LastError?.Time;

        public string? LastErrorMessage => LastError?.Message;

        public int SuccessCount { get; }

        public int ErrorCount { get; }

        public int WarningCount { get; }

        /// <summary>Events examined, from any provider (they all widen the evidence window).</summary>
        public int EventCount { get; }

        /// <summary>Events of the <c>MSExchange Mitigation Service</c> provider.</summary>
        public int ServiceEventCount { get; }

        /// <summary>Text-log lines examined.</summary>
        public int LogLineCount { get; }

        public EmergencyMitigationActivityVerdict Verdict { get; }

        /// <summary>True when a success lies within the 24 hours before <see cref="ReferenceTime"/>.</summary>
        public bool SucceededRecently => Verdict == EmergencyMitigationActivityVerdict.RecentSuccess;

        /// <summary>The time span the evidence covers; null without timestamps.</summary>
        public TimeSpan? EvidenceSpan => EvidenceStart.HasValue && EvidenceEnd.HasValue ? EvidenceEnd - EvidenceStart : null;
    }
}
