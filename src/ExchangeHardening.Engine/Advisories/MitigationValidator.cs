using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Advisories
{
    /// <summary>Checks Mitigation resources against the advisories and the catalog; an invalid one is reported and left out.</summary>
    internal sealed class MitigationValidator
    {
        private readonly BuildCatalog catalog;
        private readonly HashSet<string> vulnerabilities;
        private readonly List<ResourceLoadError> errors;

        public MitigationValidator(BuildCatalog catalog, IEnumerable<Advisory> advisories, List<ResourceLoadError> errors)
        {
            this.catalog = catalog;
            this.errors = errors;
            vulnerabilities = new HashSet<string>(advisories.SelectMany(a => a.Cves), StringComparer.OrdinalIgnoreCase);
        }

        public IReadOnlyList<ResourceRecord> Validate(IEnumerable<ResourceRecord> records) => records.Where(IsValid).ToList();

        private bool IsValid(ResourceRecord record)
        {
            var spec = (MitigationSpec)record.Spec;
            if (spec.Origin == null)
            {
                return Error(record, spec, $"Mitigation '{record.Name}' needs an 'origin'.");
            }

            var unknown = (spec.Mitigates ?? new List<string>()).FirstOrDefault(c => !vulnerabilities.Contains(c));
            if (unknown != null)
            {
                return Error(record, spec, $"Mitigation '{record.Name}' mitigates '{unknown}', which no advisory lists.");
            }

            var missingKey = (spec.FixedBy ?? new List<string>()).Concat(spec.HighestApplicable == null ? Array.Empty<string>() : new[] { spec.HighestApplicable })
                .FirstOrDefault(k => !catalog.Products.Any(p => catalog.HasUpdate(p.Id, k)));
            if (missingKey != null)
            {
                return Error(record, spec, $"Mitigation '{record.Name}' names update '{missingKey}', which the catalog does not have.");
            }

            foreach (var rule in spec.Rules ?? new List<RewriteRuleSpec>())
            {
                if (rule.Direction == null || rule.Location == null || rule.Action == null)
                {
                    return Error(record, rule, $"Mitigation '{record.Name}': a rule needs 'direction', 'location' and 'action'.");
                }

                var conditions = (rule.Conditions ?? new List<RewriteConditionSpec>()).Concat(rule.PreConditions ?? new List<RewriteConditionSpec>());
                var incomplete = conditions.FirstOrDefault(c => string.IsNullOrEmpty(c.Input) || string.IsNullOrEmpty(c.Pattern));
                if (incomplete != null)
                {
                    return Error(record, incomplete, $"Mitigation '{record.Name}': a condition needs 'input' and 'pattern'.");
                }
            }

            return true;
        }

        private bool Error(ResourceRecord record, LocatedNode node, string message)
        {
            errors.Add(new ResourceLoadError(node.LocationIn(record.File), message));
            return false;
        }
    }
}
