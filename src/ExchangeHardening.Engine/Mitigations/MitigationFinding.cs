using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>One mitigation against the IIS configuration: its status and every IIS rule that counts for or against it.</summary>
    public sealed class MitigationFinding
    {
        public MitigationFinding(ResourceRecord mitigation, MitigationRuleStatus status, IReadOnlyList<MitigationRuleStatus> ruleStatuses, IReadOnlyList<MitigationRuleMatch> matches)
        {
            Mitigation = mitigation;
            Status = status;
            RuleStatuses = ruleStatuses;
            Matches = matches;
        }

        /// <summary>The Mitigation resource.</summary>
        public ResourceRecord Mitigation { get; }

        public MitigationSpec Spec => (MitigationSpec)Mitigation.Spec;

        /// <summary>The mitigation's name (M1, EOMTv2-CVE-2022-41040, ...).</summary>
        public string Id => Mitigation.Name;

        public MitigationOrigin? Origin => Spec.Origin;

        public MitigationRuleStatus Status { get; }

        /// <summary>The status of each of its rules (spec.rules order); EOMT's 2021 mitigation has two.</summary>
        public IReadOnlyList<MitigationRuleStatus> RuleStatuses { get; }

        /// <summary>Every IIS rule that behaves like one of its rules, or carries its name or its distinctive condition.</summary>
        public IReadOnlyList<MitigationRuleMatch> Matches { get; }

        /// <summary>The rules that make it present: EM, EOMT and hand-made copies may stand side by side.</summary>
        public IEnumerable<MitigationRuleMatch> Implementations => Matches.Where(m => m.Kind == MitigationRuleMatchKind.Implements);

        /// <summary>Everything else found: disabled, removed, shadowed, or misbehaving rules.</summary>
        public IEnumerable<MitigationRuleMatch> Problems => Matches.Where(m => m.Kind != MitigationRuleMatchKind.Implements);

        /// <summary>A summary for check details: which rules implement it and what is wrong with the others.</summary>
        public string Detail
        {
            get
            {
                if (Status == MitigationRuleStatus.NotApplicable)
                {
                    return "it applies no IIS rule";
                }

                var parts = new List<string>();
                var implementations = Implementations.ToList();
                if (implementations.Count > 0)
                {
                    parts.Add("implemented by " + string.Join(", ", implementations.Select(m => m.Rule.ToString())));
                }

                var count = RuleStatuses.Count;
                for (var i = 0; i < count && count > 1; i++)
                {
                    if (RuleStatuses[i] != MitigationRuleStatus.Present)
                    {
                        parts.Add($"rule {i + 1} of {count}: {RuleStatuses[i].ToString().ToLowerInvariant()}");
                    }
                }

                parts.AddRange(Problems.Select(p => p.Describe()));
                return parts.Count == 0 ? "no rule with its behaviour" : string.Join("; ", parts);
            }
        }

        public override string ToString() => Id + ": " + Status;
    }
}
