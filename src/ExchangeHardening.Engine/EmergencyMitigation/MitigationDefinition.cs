using System;
using System.Linq;
using ExchangeHardening.Engine.Mitigations;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.EmergencyMitigation
{
    /// <summary>A Mitigation resource in the shape the checks need.</summary>
    public sealed class MitigationDefinition
    {
        public MitigationDefinition(ResourceRecord record)
        {
            var spec = (MitigationSpec)record.Spec;
            Id = record.Name;
            Title = record.Metadata.Title ?? record.Name;
            Origin = spec.Origin ?? MitigationOrigin.Manual;
            Mitigates = spec.Mitigates?.ToArray() ?? Array.Empty<string>();
            FixedBy = spec.FixedBy?.ToArray() ?? Array.Empty<string>();
            RuleNames = spec.RuleNames?.ToArray() ?? Array.Empty<string>();
            HasRules = spec.Rules != null && spec.Rules.Count > 0;
            Rollback = spec.Rollback ?? string.Empty;
            Spec = spec;
            Record = record;
        }

        /// <summary>The resource it was read from (what the rule matcher takes).</summary>
        public ResourceRecord Record { get; }

        public string Id { get; }

        public string Title { get; }

        public MitigationOrigin Origin { get; }

        public string[] Mitigates { get; }

        public string[] FixedBy { get; }

        public string[] RuleNames { get; }

        public bool HasRules { get; }

        public string Rollback { get; }

        public MitigationSpec Spec { get; }

        /// <summary>True when an applied or blocked id names this mitigation; admin tools show sub-ids such as M2.1.0.</summary>
        public bool IsNamedBy(string id) => MitigationRuleMatcher.IsNamedBy(id, Id);
    }
}
