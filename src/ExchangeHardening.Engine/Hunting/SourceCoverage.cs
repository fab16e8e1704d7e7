using System;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>How far back and forward one kind of evidence reaches.</summary>
    public sealed class SourceCoverage
    {
        public SourceCoverage(EvidenceSourceType source, DateTimeOffset oldest, DateTimeOffset newest)
        {
            Source = source;
            Oldest = oldest;
            Newest = newest;
        }

        public EvidenceSourceType Source { get; }

        public DateTimeOffset Oldest { get; }

        public DateTimeOffset Newest { get; }
    }
}
