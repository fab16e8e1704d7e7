using System;
using System.Collections.Generic;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Hunting;

namespace ExchangeHardening.Engine.Tests.Hunting
{
    /// <summary>Keeps what analyzers report, for assertions.</summary>
    internal sealed class RecordingSink : IFindingSink
    {
        private readonly object gate = new object();

        public List<Finding> Findings { get; } = new List<Finding>();

        public List<EvidenceError> Errors { get; } = new List<EvidenceError>();

        public List<(EvidenceSourceType Source, DateTimeOffset Time)> Observed { get; } = new List<(EvidenceSourceType, DateTimeOffset)>();

        public void Add(Finding finding)
        {
            lock (gate)
            {
                Findings.Add(finding);
            }
        }

        public void Error(EvidenceError error)
        {
            lock (gate)
            {
                Errors.Add(error);
            }
        }

        public void Observe(EvidenceSourceType source, DateTimeOffset timestamp)
        {
            lock (gate)
            {
                Observed.Add((source, timestamp));
            }
        }
    }
}
