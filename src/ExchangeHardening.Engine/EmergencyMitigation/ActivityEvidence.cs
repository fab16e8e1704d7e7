using System;
using System.Globalization;
using ExchangeHardening.Engine.Mitigations;

namespace ExchangeHardening.Engine.EmergencyMitigation
{
    /// <summary>What the EM events and logs say about recent service activity.</summary>
    public sealed class ActivityEvidence
    {
        public DateTimeOffset? LastSuccess { get; set; }

        public DateTimeOffset? LastError { get; set; }

        public string? LastErrorMessage { get; set; }

        public int ErrorCount { get; set; }

        public DateTimeOffset? EvidenceStart { get; set; }

        public DateTimeOffset? EvidenceEnd { get; set; }

        /// <summary>A success within the last 24 hours of the evidence (its end, not the wall clock).</summary>
        public bool RecentSuccess => LastSuccess.HasValue && EvidenceEnd.HasValue && EvidenceEnd.Value - LastSuccess.Value <= TimeSpan.FromHours(24);

        /// <summary>From the EM events and log analysis; null when it found no EM evidence at all.</summary>
        public static ActivityEvidence? From(EmergencyMitigationActivity activity) =>
            activity.Verdict == EmergencyMitigationActivityVerdict.NoEvidence
                ? null
                : new ActivityEvidence
                {
                    LastSuccess = activity.LastSuccessTime,
                    LastError = activity.LastErrorTime,
                    LastErrorMessage = activity.LastErrorMessage,
                    ErrorCount = activity.ErrorCount,
                    EvidenceStart = activity.EvidenceStart,
                    EvidenceEnd = activity.EvidenceEnd,
                };

        public CheckResult ToCheck(string name)
        {
            var window = EvidenceStart.HasValue && EvidenceEnd.HasValue
                ? $"evidence from {Format(EvidenceStart.Value)} to {Format(EvidenceEnd.Value)}"
                : "no dated evidence";
            var errors = ErrorCount == 0 ? string.Empty : $"; {ErrorCount} fetch error(s), the last at {Format(LastError!.Value)}: {LastErrorMessage?.TrimEnd('.', ' ')}";
            if (RecentSuccess)
            {
                return new CheckResult(name, ErrorCount == 0 || (LastError < LastSuccess) ? CheckOutcome.Pass : CheckOutcome.Warn, $"Last success {Format(LastSuccess!.Value)} ({window}){errors}.", ErrorCount == 0 ? string.Empty : "Look at event 1008 of MSExchange Mitigation Service for the cause.");
            }

            var last = LastSuccess.HasValue ? "the last success was " + Format(LastSuccess.Value) : "no success at all";
            return new CheckResult(name, CheckOutcome.Warn, $"No successful fetch in the last 24 hours of the evidence: {last} ({window}){errors}.", "Check connectivity to officeclient.microsoft.com, the proxy settings and the signing-certificate requirement (build at least Mar23SU); restart MSExchangeMitigation and look for events 1005/1006 within about an hour.");
        }

        private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }
}
