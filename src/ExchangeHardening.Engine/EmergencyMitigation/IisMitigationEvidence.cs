using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Mitigations;

namespace ExchangeHardening.Engine.EmergencyMitigation
{
    /// <summary>What the IIS configuration says, in the terms the checks ask: is URL Rewrite there (null when no
    /// applicationHost.config was given), and how does each mitigation stand.</summary>
    public sealed class IisMitigationEvidence
    {
        private readonly IReadOnlyDictionary<string, RuleState> states;

        public IisMitigationEvidence(bool? urlRewriteInstalled, string urlRewriteDetail, IReadOnlyDictionary<string, RuleState> states)
        {
            UrlRewriteInstalled = urlRewriteInstalled;
            UrlRewriteDetail = urlRewriteDetail;
            this.states = states;
        }

        public bool? UrlRewriteInstalled { get; }

        public string UrlRewriteDetail { get; }

        public RuleState StateOf(string mitigationId) => states.TryGetValue(mitigationId, out var state) ? state : RuleState.Absent;

        /// <summary>
        /// Mitigations whose rules are present although no applied id names them (EOMT or hand-made rules). A twin of a
        /// listed mitigation (EOMTv2's rule behaves like M1) is not reported again.
        /// </summary>
        public IEnumerable<string> UnlistedMitigations(IReadOnlyCollection<string> applied, IReadOnlyList<MitigationDefinition> definitions)
        {
            var listedCves = new HashSet<string>(definitions.Where(d => applied.Any(d.IsNamedBy)).SelectMany(d => d.Mitigates), StringComparer.OrdinalIgnoreCase);
            // Twins (EM's M2 rule also behaves like EOMT's) are the same rules: report them once, under the first name.
            return definitions
                .Where(d => StateOf(d.Id).Status == MitigationRuleStatus.Present && !applied.Any(d.IsNamedBy))
                .Where(d => d.Mitigates.Length == 0 || !d.Mitigates.All(listedCves.Contains))
                .GroupBy(d => StateOf(d.Id).Detail, StringComparer.Ordinal)
                .Select(g => g.OrderBy(d => d.Origin == MitigationOrigin.EmergencyMitigation ? 0 : 1).First())
                .Select(d => $"{d.Id} ({d.Origin}: {StateOf(d.Id).Detail})");
        }

        public static IisMitigationEvidence Create(bool? urlRewriteInstalled, string detail, IEnumerable<KeyValuePair<string, RuleState>> states) =>
            new IisMitigationEvidence(urlRewriteInstalled, detail, states.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));

        /// <summary>From the IIS reader and the rule matcher.</summary>
        public static IisMitigationEvidence From(IisConfiguration configuration, MitigationMatchReport report) =>
            Create(
                configuration.UrlRewriteInstalled,
                configuration.UrlRewriteModule?.ToString() ?? string.Empty,
                report.Findings.Select(f => new KeyValuePair<string, RuleState>(f.Id, new RuleState(f.Status, f.Detail))));
    }
}
