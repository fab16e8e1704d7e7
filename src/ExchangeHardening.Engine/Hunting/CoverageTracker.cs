using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>Collects, from all worker threads, the oldest and newest dated entry per evidence source.</summary>
    public sealed class CoverageTracker
    {
        private readonly ConcurrentDictionary<EvidenceSourceType, (DateTimeOffset Oldest, DateTimeOffset Newest)> spans =
            new ConcurrentDictionary<EvidenceSourceType, (DateTimeOffset, DateTimeOffset)>();

        private readonly ConcurrentDictionary<EvidenceSourceType, int> files = new ConcurrentDictionary<EvidenceSourceType, int>();

        public void Observe(EvidenceSourceType source, DateTimeOffset timestamp) =>
            spans.AddOrUpdate(
                source,
                (timestamp, timestamp),
                (_, span) => (timestamp < span.Oldest ? timestamp : span.Oldest, timestamp > span.Newest ? timestamp : span.Newest));

        public void CountFile(EvidenceSourceType source) => files.AddOrUpdate(source, 1, (_, count) => count + 1);

        public int FileCount(EvidenceSourceType source) => files.TryGetValue(source, out var count) ? count : 0;

        public IReadOnlyCollection<EvidenceSourceType> SourcesSeen => files.Keys.ToList();

        public IReadOnlyList<SourceCoverage> Coverage =>
            spans.Select(p => new SourceCoverage(p.Key, p.Value.Oldest, p.Value.Newest)).OrderBy(c => c.Source).ToList();

        public SourceCoverage? For(EvidenceSourceType source) =>
            spans.TryGetValue(source, out var span) ? new SourceCoverage(source, span.Oldest, span.Newest) : null;
    }
}
