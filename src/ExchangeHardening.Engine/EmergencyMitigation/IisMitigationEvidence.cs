using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.EmergencyMitigation
{
    /// <summary>What the IIS configuration says: is URL Rewrite there, and how does each mitigation stand.</summary>
    public sealed class IisMitigationEvidence
    {
        private readonly IReadOnlyDictionary<string, RuleState> states;

        public IisMitigationEvidence(bool urlRewriteInstalled, string urlRewriteDetail, IReadOnlyDictionary<string, RuleState> states)
        {
            UrlRewriteInstalled = urlRewriteInstalled;
            UrlRewriteDetail = urlRewriteDetail;
            this.states = states;
        }

        public bool UrlRewriteInstalled { get; }

        public string UrlRewriteDetail { get; }

        public RuleState StateOf(string mitigationId) => states.TryGetValue(mitigationId, out var state) ? state : RuleState.Absent;

        /// <summary>Mitigations whose rules are present although no applied id names them (EOMT or hand-made rules).</summary>
        public IEnumerable<string> UnlistedMitigations(IReadOnlyCollection<string> applied, IEnumerable<MitigationDefinition> definitions) =>
            definitions
                .Where(d => StateOf(d.Id).Status == RuleStatus.Present && !applied.Any(d.IsNamedBy))
                .Select(d => $"{d.Id} ({d.Origin}: {StateOf(d.Id).Detail})");

        public static IisMitigationEvidence Create(bool urlRewriteInstalled, string detail, IEnumerable<KeyValuePair<string, RuleState>> states) =>
            new IisMitigationEvidence(urlRewriteInstalled, detail, states.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));
    }
}
