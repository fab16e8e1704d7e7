using System;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Where analyzers report, from any thread: findings, problems with the evidence (a bad line, an unreadable file),
    /// and the time span each log source covers (for the coverage findings).
    /// </summary>
    public interface IFindingSink
    {
        void Add(Finding finding);

        void Error(EvidenceError error);

        /// <summary>A dated entry of a source was seen (called once per file with its oldest and newest entry is enough).</summary>
        void Observe(EvidenceSourceType source, DateTimeOffset timestamp);
    }
}
