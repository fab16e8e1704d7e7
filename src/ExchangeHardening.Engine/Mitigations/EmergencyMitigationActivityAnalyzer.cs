using System;
using System.Collections.Generic;
using System.Globalization;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>
    /// Judges the Emergency Mitigation service's recent work from its Application events (provider
    /// <c>MSExchange Mitigation Service</c>: 1005 and 1006 success, 1008 error) and its text log. Feed it
    /// events and lines in any order, then ask for the result. "Recent" means the 24 hours before the end of
    /// the evidence (or a given time), never the wall clock, so an old copy of a server's logs is judged as of
    /// when it was taken.
    /// </summary>
    public sealed class EmergencyMitigationActivityAnalyzer
    {
        public const string ProviderName = "MSExchange Mitigation Service";

        public static readonly TimeSpan RecentWindow = TimeSpan.FromHours(24);

        // The text log has no documented success marker: an informational fetch or apply line counts when its
        // message reports a completed action and no failure ("Fetching ..." is a start, not a success).
        private static readonly string[] CompletionWords =
        {
            "fetched", "applied", "downloaded", "succeeded", "successful", "success", "completed",
        };

        private static readonly string[] FailureWords =
        {
            "fail", "exception", "error", "unable", "not successful", "unsuccessful", "untrusted", "invalid", "denied", "timed out", "timeout", "could not", "cannot",
        };

        private DateTimeOffset? first;
        private DateTimeOffset? last;
        private EmergencyMitigationActivityRecord? lastSuccess;
        private EmergencyMitigationActivityRecord? lastError;
        private EmergencyMitigationActivityRecord? lastWarning;
        private int successCount;
        private int errorCount;
        private int warningCount;
        private int eventCount;
        private int serviceEventCount;
        private int logLineCount;

        /// <summary>Analyses everything at once; see <see cref="GetResult"/> for <paramref name="asOf"/>.</summary>
        public static EmergencyMitigationActivity Analyze(IEnumerable<ExportedEvent> events, IEnumerable<IExchangeLogRecord> logLines, DateTimeOffset? asOf = null)
        {
            var analyzer = new EmergencyMitigationActivityAnalyzer();
            foreach (var e in events)
            {
                analyzer.Add(e);
            }

            foreach (var line in logLines)
            {
                analyzer.Add(line);
            }

            return analyzer.GetResult(asOf);
        }

        /// <summary>
        /// Takes one event. Every event widens the evidence window; only the service's own are classified.
        /// Returns the classification, or null for another provider's event.
        /// </summary>
        public EmergencyMitigationActivityRecord? Add(ExportedEvent e)
        {
            if (e == null)
            {
                throw new ArgumentNullException(nameof(e));
            }

            eventCount++;
            Widen(e.TimeCreated);
            if (!string.Equals(e.ProviderName?.Trim(), ProviderName, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            serviceEventCount++;
            var kind = ClassifyEvent(e.Id, e.Level);
            var record = new EmergencyMitigationActivityRecord(
                kind,
                e.TimeCreated,
                null,
                e.Level?.ToString(CultureInfo.InvariantCulture),
                e.Message?.Trim(),
                e.Id,
                e.SourceFile,
                e.Line);
            Count(record);
            return record;
        }

        /// <summary>Takes one line of the service's text log (the reader's current line or a kept one) and returns its classification.</summary>
        public EmergencyMitigationActivityRecord Add(IExchangeLogRecord line)
        {
            if (line == null)
            {
                throw new ArgumentNullException(nameof(line));
            }

            logLineCount++;
            var parsed = MitigationServiceLogLine.Parse(line);
            Widen(parsed.Time);
            var record = new EmergencyMitigationActivityRecord(
                ClassifyLine(parsed),
                parsed.Time,
                parsed.Operation,
                parsed.Level,
                parsed.Message,
                null,
                line.File,
                line.Line);
            Count(record);
            return record;
        }

        /// <summary>
        /// The result so far. <paramref name="asOf"/> sets when "the last 24 hours" end (e.g. the collection time
        /// of a live server); by default the newest timestamp in the evidence.
        /// </summary>
        public EmergencyMitigationActivity GetResult(DateTimeOffset? asOf = null)
        {
            var reference = asOf ?? last;
            EmergencyMitigationActivityVerdict verdict;
            if (serviceEventCount + logLineCount == 0)
            {
                verdict = EmergencyMitigationActivityVerdict.NoEvidence;
            }
            else if (lastSuccess?.Time != null && reference.HasValue && lastSuccess.Time.Value >= reference.Value - RecentWindow)
            {
                verdict = EmergencyMitigationActivityVerdict.RecentSuccess;
            }
            else
            {
                verdict = EmergencyMitigationActivityVerdict.NoRecentSuccess;
            }

            return new EmergencyMitigationActivity(
                first,
                last,
                reference,
                lastSuccess,
                lastError,
                lastWarning,
                successCount,
                errorCount,
                warningCount,
                eventCount,
                serviceEventCount,
                logLineCount,
                verdict);
        }

        private static EmergencyMitigationActivityKind ClassifyEvent(int? id, int? level)
        {
            switch (id)
            {
                case 1005:
                case 1006:
                    return EmergencyMitigationActivityKind.Success;
                case 1008:
                    return EmergencyMitigationActivityKind.Error;
            }

            // Other IDs (blocked mitigations, service start and stop) count by their level only.
            switch (level)
            {
                case 1:
                case 2:
                    return EmergencyMitigationActivityKind.Error;
                case 3:
                    return EmergencyMitigationActivityKind.Warning;
                default:
                    return EmergencyMitigationActivityKind.Other;
            }
        }

        private static EmergencyMitigationActivityKind ClassifyLine(MitigationServiceLogLine line)
        {
            var level = line.Level?.Trim().ToUpperInvariant();
            switch (level)
            {
                case "ERROR":
                case "CRITICAL":
                case "FATAL":
                    return EmergencyMitigationActivityKind.Error;
                case "WARNING":
                case "WARN":
                    return EmergencyMitigationActivityKind.Warning;
                case "INFO":
                case "INFORMATION":
                case "INFORMATIONAL":
                case "VERBOSE":
                case "DEBUG":
                case "SUCCESS":
                    return IsFetchOrApply(line) && MentionsAny(line.Message, CompletionWords) && !MentionsAny(line.Message, FailureWords)
                        ? EmergencyMitigationActivityKind.Success
                        : EmergencyMitigationActivityKind.Other;
                default:
                    return EmergencyMitigationActivityKind.Other;
            }
        }

        private static bool IsFetchOrApply(MitigationServiceLogLine line) =>
            Mentions(line.Operation, "Fetch") || Mentions(line.Operation, "Apply") || Mentions(line.Operation, "Applied")
            || Mentions(line.Message, "fetch") || Mentions(line.Message, "appl");

        private static bool MentionsAny(string? text, string[] words)
        {
            foreach (var word in words)
            {
                if (Mentions(text, word))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool Mentions(string? text, string word) => text != null && text.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0;

        private static EmergencyMitigationActivityRecord? Later(EmergencyMitigationActivityRecord? current, EmergencyMitigationActivityRecord candidate)
        {
            // A timed record beats an untimed one; among timed ones the later wins, ties to the one read last.
            if (current == null || (candidate.Time.HasValue && (!current.Time.HasValue || candidate.Time.Value >= current.Time.Value)))
            {
                return candidate;
            }

            return !current.Time.HasValue && !candidate.Time.HasValue ? candidate : current;
        }

        private void Count(EmergencyMitigationActivityRecord record)
        {
            switch (record.Kind)
            {
                case EmergencyMitigationActivityKind.Success:
                    successCount++;
                    lastSuccess = Later(lastSuccess, record);
                    break;
                case EmergencyMitigationActivityKind.Error:
                    errorCount++;
                    lastError = Later(lastError, record);
                    break;
                case EmergencyMitigationActivityKind.Warning:
                    warningCount++;
                    lastWarning = Later(lastWarning, record);
                    break;
            }
        }

        private void Widen(DateTimeOffset? time)
        {
            if (!time.HasValue)
            {
                return;
            }

            if (!first.HasValue || time.Value < first.Value)
            {
                first = time;
            }

            if (!last.HasValue || time.Value > last.Value)
            {
                last = time;
            }
        }
    }
}
