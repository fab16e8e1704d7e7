using System.Collections.Generic;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>An IIS rule that looks like a mitigation although no listed ID (MitigationsApplied) names that mitigation.</summary>
    public sealed class UnlistedMitigationRule
    {
        public UnlistedMitigationRule(IisRewriteRule rule, IReadOnlyList<string> mitigationIds, string reason)
        {
            Rule = rule;
            MitigationIds = mitigationIds;
            Reason = reason;
        }

        public IisRewriteRule Rule { get; }

        /// <summary>The mitigations it implements or resembles; for an EM-named rule of an unknown mitigation, the ID in its name.</summary>
        public IReadOnlyList<string> MitigationIds { get; }

        public string Reason { get; }

        public override string ToString() => Rule + ": " + Reason;
    }
}
