using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>The result of matching the known mitigations against one server's IIS configuration.</summary>
    public sealed class MitigationMatchReport
    {
        public MitigationMatchReport(IReadOnlyList<MitigationFinding> findings, IReadOnlyList<UnlistedMitigationRule> unlistedRules, bool isComplete)
        {
            Findings = findings;
            UnlistedRules = unlistedRules;
            IsComplete = isComplete;
        }

        /// <summary>One per Mitigation resource, in the order given.</summary>
        public IReadOnlyList<MitigationFinding> Findings { get; }

        /// <summary>Rules that look like a mitigation no listed ID names; empty when no list was given.</summary>
        public IReadOnlyList<UnlistedMitigationRule> UnlistedRules { get; }

        /// <summary>False when some configuration file could not be read: an Absent may then be wrong.</summary>
        public bool IsComplete { get; }

        public MitigationFinding? Find(string mitigationId) =>
            Findings.FirstOrDefault(f => string.Equals(f.Id, mitigationId, StringComparison.OrdinalIgnoreCase));
    }
}
