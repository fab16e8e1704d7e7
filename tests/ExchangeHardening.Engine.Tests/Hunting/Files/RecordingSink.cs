using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Hunting;

namespace ExchangeHardening.Engine.Tests.Hunting.Files
{
    /// <summary>A sink that keeps everything analyzers report, from any thread.</summary>
    internal sealed class RecordingSink : IFindingSink
    {
        private readonly ConcurrentQueue<Finding> findings = new ConcurrentQueue<Finding>();
        private readonly ConcurrentQueue<EvidenceError> errors = new ConcurrentQueue<EvidenceError>();
        private readonly ConcurrentQueue<(EvidenceSourceType Source, DateTimeOffset Time)> observed = new ConcurrentQueue<(EvidenceSourceType, DateTimeOffset)>();

        public IReadOnlyList<Finding> Findings => findings.ToList();

        public IReadOnlyList<EvidenceError> Errors => errors.ToList();

        public IReadOnlyList<(EvidenceSourceType Source, DateTimeOffset Time)> Observed => observed.ToList();

        public void Add(Finding finding) => findings.Enqueue(finding);

        public void Error(EvidenceError error) => errors.Enqueue(error);

        public void Observe(EvidenceSourceType source, DateTimeOffset timestamp) => observed.Enqueue((source, timestamp));

        public IReadOnlyList<Finding> Of(string ruleId) => Findings.Where(f => string.Equals(f.RuleId, ruleId, StringComparison.OrdinalIgnoreCase)).ToList();

        public IReadOnlyList<string> RuleIds => Findings.Select(f => f.RuleId).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
    }
}
