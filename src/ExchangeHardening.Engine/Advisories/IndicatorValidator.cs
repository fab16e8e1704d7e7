using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Advisories
{
    /// <summary>
    /// Checks Indicator resources: required keys, known sources, CVEs some advisory lists, and, for log and event
    /// sources, that the indicator compiles (known fields, valid regular expressions, complete conditions) and has a
    /// literal prefilter. An invalid one is reported and left out.
    /// </summary>
    internal sealed class IndicatorValidator
    {
        private readonly HashSet<string> vulnerabilities;
        private readonly List<ResourceLoadError> errors;

        public IndicatorValidator(IEnumerable<Advisory> advisories, List<ResourceLoadError> errors)
        {
            this.errors = errors;
            vulnerabilities = new HashSet<string>(advisories.SelectMany(a => a.Cves), StringComparer.OrdinalIgnoreCase);
        }

        public IReadOnlyList<ResourceRecord> Validate(IEnumerable<ResourceRecord> records) => records.Where(IsValid).ToList();

        private bool IsValid(ResourceRecord record)
        {
            var spec = (IndicatorSpec)record.Spec;
            var name = record.Name;
            if (spec.Category == null || spec.Severity == null || spec.Confidence == null || string.IsNullOrWhiteSpace(spec.Recommendation))
            {
                return Error(record, spec, $"Indicator '{name}' needs 'category', 'severity', 'confidence' and 'recommendation'.");
            }

            if (string.IsNullOrWhiteSpace(spec.Source) && (spec.Sources == null || spec.Sources.Count == 0))
            {
                return Error(record, spec, $"Indicator '{name}' needs a 'source' (or 'sources').");
            }

            var problems = new List<IndicatorProblem>();
            var sources = EntryIndicatorCompiler.Sources(spec, problems);
            if (problems.Count > 0)
            {
                return Error(record, problems[0].Node, $"Indicator '{name}': {problems[0].Message}");
            }

            var unknownCve = (spec.Cves ?? new List<string>()).FirstOrDefault(c => !vulnerabilities.Contains(c));
            if (unknownCve != null)
            {
                return Error(record, spec, $"Indicator '{name}' names '{unknownCve}', which no advisory lists.");
            }

            foreach (var source in sources.Where(EntryFields.IsEntrySource))
            {
                if (!IsValidForEntries(record, spec, source))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsValidForEntries(ResourceRecord record, IndicatorSpec spec, EvidenceSourceType source)
        {
            var name = record.Name;
            var literals = spec.Literals ?? new List<string>();
            foreach (var literal in literals)
            {
                if (literal == null || literal.Length < 3 || literal.Any(c => c < 0x20 || c > 0x7E))
                {
                    return Error(record, spec, $"Indicator '{name}': the literal '{literal}' must be at least 3 printable ASCII characters (literals are searched in raw bytes).");
                }
            }

            if (EntryFields.IsLineSource(source) && literals.Count == 0)
            {
                return Error(record, spec, $"Indicator '{name}' needs 'literals' for {source}: every line is searched for them before it is parsed; name text every matching line must contain.");
            }

            var hasEvents = spec.Events != null && spec.Events.Count > 0;
            if (source == EvidenceSourceType.ExportedEvents && !hasEvents && literals.Count == 0)
            {
                return Error(record, spec, $"Indicator '{name}' needs 'events' or 'literals' for ExportedEvents, or it would test every event.");
            }

            if ((spec.Conditions == null || spec.Conditions.Count == 0) && (spec.AnyOf == null || spec.AnyOf.Count == 0) && !hasEvents)
            {
                return Error(record, spec, $"Indicator '{name}' needs 'conditions' or 'anyOf'.");
            }

            var problems = new List<IndicatorProblem>();
            EntryIndicatorCompiler.Compile(record, spec, source, new EntryFieldTable(source), new EntryIndicatorOptions(), problems);
            return problems.Count == 0 || Error(record, problems[0].Node, $"Indicator '{name}' ({source}): {problems[0].Message}");
        }

        private bool Error(ResourceRecord record, LocatedNode node, string message)
        {
            errors.Add(new ResourceLoadError(node.LocationIn(record.File), message));
            return false;
        }
    }
}
