using System;
using System.Collections.Generic;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// An Indicator resource compiled for one entry source (a log type or exported events): literal prefilter,
    /// conditions, exclusions, event filter and graded variants. Immutable; analyzers share it across threads.
    /// </summary>
    public sealed class EntryIndicator
    {
        internal EntryIndicator(
            string name,
            string ruleId,
            string title,
            FindingCategory category,
            Severity severity,
            Confidence confidence,
            string cve,
            string recommendation,
            EvidenceSourceType source,
            IReadOnlyList<string> literals,
            EntryCondition condition,
            IReadOnlyList<EntryEventFilter> events,
            IReadOnlyList<EntryIndicatorVariant> variants)
        {
            Name = name;
            RuleId = ruleId;
            Title = title;
            Category = category;
            Severity = severity;
            Confidence = confidence;
            Cve = cve;
            Recommendation = recommendation;
            Source = source;
            Literals = literals;
            Condition = condition;
            Events = events;
            Variants = variants;
        }

        /// <summary>metadata.name.</summary>
        public string Name { get; }

        /// <summary>The id findings carry (spec.ruleId, else metadata.name).</summary>
        public string RuleId { get; }

        public string Title { get; }

        public FindingCategory Category { get; }

        public Severity Severity { get; }

        public Confidence Confidence { get; }

        /// <summary>Comma-separated CVE ids.</summary>
        public string Cve { get; }

        public string Recommendation { get; }

        public EvidenceSourceType Source { get; }

        /// <summary>The prefilter: an entry is tested only when it contains one of them (case-insensitive); empty = every entry.</summary>
        public IReadOnlyList<string> Literals { get; }

        internal EntryCondition Condition { get; }

        internal IReadOnlyList<EntryEventFilter> Events { get; }

        internal IReadOnlyList<EntryIndicatorVariant> Variants { get; }

        public override string ToString() => RuleId + " (" + Source + ")";

        /// <summary>Tests an entry that passed the prefilter; null when it does not match, else the finding's grading.</summary>
        internal EntryIndicatorVariant? Test(EntryRecord entry, out bool matched)
        {
            matched = Condition.Holds(entry);
            if (!matched)
            {
                return null;
            }

            foreach (var variant in Variants)
            {
                if (variant.When.Holds(entry))
                {
                    return variant;
                }
            }

            return null;
        }

        /// <summary>The finding for a matched entry, graded by <paramref name="variant"/> when one applied.</summary>
        internal Finding CreateFinding(EntryIndicatorVariant? variant, string server, DateTimeOffset? timestamp, string clientIp, string path, long line, string evidence) =>
            new Finding
            {
                Server = server,
                Category = Category,
                RuleId = RuleId,
                Title = variant?.TitleSuffix == null ? Title : Title + " (" + variant.TitleSuffix + ")",
                Severity = variant?.Severity ?? Severity,
                Confidence = variant?.Confidence ?? Confidence,
                Cve = Cve,
                Timestamp = timestamp,
                ClientIp = clientIp,
                Path = path,
                Line = line,
                Evidence = evidence,
                Recommendation = Recommendation,
            };
    }
}
