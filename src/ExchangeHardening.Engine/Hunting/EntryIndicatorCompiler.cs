using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Turns an Indicator resource into an <see cref="EntryIndicator"/> for one source, or says what is wrong with it.
    /// The loader's validation and the hunt use the same code, so what loads also compiles.
    /// </summary>
    internal static class EntryIndicatorCompiler
    {
        /// <summary>In a Matches pattern: the Exchange installation folder with a trailing '\' (escaped), or any folder when unknown.</summary>
        public const string InstallPathPlaceholder = "{ExchangeInstallPath}";

        private const string AnyFolderPattern = @"[^'""\r\n]*\\";

        /// <summary>The source types the indicator names (source and sources); unknown names become problems.</summary>
        public static List<EvidenceSourceType> Sources(IndicatorSpec spec, List<IndicatorProblem> problems)
        {
            var result = new List<EvidenceSourceType>();
            var names = new List<string>();
            if (!string.IsNullOrWhiteSpace(spec.Source))
            {
                names.Add(spec.Source!.Trim());
            }

            names.AddRange((spec.Sources ?? new List<string>()).Select(s => (s ?? string.Empty).Trim()));
            foreach (var name in names)
            {
                if (Enum.TryParse<EvidenceSourceType>(name, true, out var type) && type != EvidenceSourceType.Other && Enum.IsDefined(typeof(EvidenceSourceType), type) && !char.IsDigit(name[0]))
                {
                    if (!result.Contains(type))
                    {
                        result.Add(type);
                    }
                }
                else
                {
                    problems.Add(new IndicatorProblem(spec, $"Unknown source '{name}'; expected one of {string.Join(", ", Enum.GetNames(typeof(EvidenceSourceType)).Where(n => n != nameof(EvidenceSourceType.Other)))}."));
                }
            }

            return result;
        }

        public static EntryIndicator? Compile(ResourceRecord record, IndicatorSpec spec, EvidenceSourceType source, EntryFieldTable fields, EntryIndicatorOptions options, List<IndicatorProblem> problems)
        {
            var before = problems.Count;
            var parts = new List<EntryCondition>();
            parts.AddRange(CompileList(spec.Conditions, fields, options, problems));
            if (spec.AnyOf != null && spec.AnyOf.Count > 0)
            {
                parts.Add(EntryCondition.Group(null, CompileList(spec.AnyOf, fields, options, problems), negate: false));
            }

            if (spec.Exclude != null && spec.Exclude.Count > 0)
            {
                parts.Add(EntryCondition.Group(null, CompileList(spec.Exclude, fields, options, problems), negate: true));
            }

            var events = new List<EntryEventFilter>();
            foreach (var e in spec.Events ?? new List<IndicatorEventSpec>())
            {
                if (source != EvidenceSourceType.ExportedEvents)
                {
                    problems.Add(new IndicatorProblem(e, $"'events' only applies to the ExportedEvents source, not {source}."));
                    continue;
                }

                if (string.IsNullOrWhiteSpace(e.Channel) && string.IsNullOrWhiteSpace(e.Provider) && (e.Ids == null || e.Ids.Count == 0))
                {
                    problems.Add(new IndicatorProblem(e, "An 'events' entry needs a channel, a provider or ids."));
                    continue;
                }

                events.Add(new EntryEventFilter(e.Channel, e.Provider, e.Ids, e.Levels));
            }

            var variants = new List<EntryIndicatorVariant>();
            foreach (var v in spec.Variants ?? new List<IndicatorVariantSpec>())
            {
                if (v.When == null || v.When.Count == 0)
                {
                    problems.Add(new IndicatorProblem(v, "A variant needs 'when' conditions."));
                    continue;
                }

                if (v.Severity == null && v.Confidence == null && string.IsNullOrWhiteSpace(v.TitleSuffix))
                {
                    problems.Add(new IndicatorProblem(v, "A variant needs a severity, a confidence or a titleSuffix."));
                    continue;
                }

                variants.Add(new EntryIndicatorVariant(
                    EntryCondition.Group(CompileList(v.When, fields, options, problems), null, negate: false),
                    v.Severity,
                    v.Confidence,
                    string.IsNullOrWhiteSpace(v.TitleSuffix) ? null : v.TitleSuffix!.Trim()));
            }

            if (problems.Count > before)
            {
                return null;
            }

            var literals = (spec.Literals ?? new List<string>())
                .Where(l => !string.IsNullOrEmpty(l))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();
            return new EntryIndicator(
                record.Name,
                string.IsNullOrWhiteSpace(spec.RuleId) ? record.Name : spec.RuleId!.Trim(),
                string.IsNullOrWhiteSpace(record.Metadata.Title) ? record.Name : record.Metadata.Title!.Trim(),
                spec.Category ?? FindingCategory.Exploitation,
                spec.Severity ?? Severity.Medium,
                spec.Confidence ?? Confidence.Medium,
                string.Join(",", (spec.Cves ?? new List<string>()).Select(c => c.Trim())),
                (spec.Recommendation ?? string.Empty).Trim(),
                source,
                literals,
                EntryCondition.Group(parts, null, negate: false),
                events,
                variants);
        }

        /// <summary>Replaces the placeholders of a pattern: the installation folder (escaped, with a trailing '\'), or any folder.</summary>
        public static string ExpandPlaceholders(string pattern, string? exchangeInstallPath)
        {
            if (pattern.IndexOf(InstallPathPlaceholder, StringComparison.Ordinal) < 0)
            {
                return pattern;
            }

            string replacement;
            if (string.IsNullOrWhiteSpace(exchangeInstallPath))
            {
                replacement = AnyFolderPattern;
            }
            else
            {
                var folder = exchangeInstallPath!.Trim().Replace('/', '\\');
                replacement = Regex.Escape(folder.EndsWith("\\", StringComparison.Ordinal) ? folder : folder + "\\");
            }

            return pattern.Replace(InstallPathPlaceholder, replacement);
        }

        public static Regex CreateRegex(string pattern, bool caseSensitive, TimeSpan timeout) =>
            new Regex(pattern, RegexOptions.CultureInvariant | (caseSensitive ? RegexOptions.None : RegexOptions.IgnoreCase), timeout);

        private static List<EntryCondition> CompileList(List<IndicatorConditionSpec>? specs, EntryFieldTable fields, EntryIndicatorOptions options, List<IndicatorProblem> problems)
        {
            var result = new List<EntryCondition>();
            foreach (var spec in specs ?? new List<IndicatorConditionSpec>())
            {
                if (spec == null)
                {
                    continue;
                }

                var condition = CompileCondition(spec, fields, options, problems);
                if (condition != null)
                {
                    result.Add(condition);
                }
            }

            return result;
        }

        private static EntryCondition? CompileCondition(IndicatorConditionSpec spec, EntryFieldTable fields, EntryIndicatorOptions options, List<IndicatorProblem> problems)
        {
            if (spec.All != null || spec.Any != null)
            {
                if (spec.Field != null || spec.Operator != null)
                {
                    problems.Add(new IndicatorProblem(spec, "A condition is either a test ('field' and 'operator') or a group ('all' or 'any'), not both."));
                    return null;
                }

                if ((spec.All?.Count ?? 0) + (spec.Any?.Count ?? 0) == 0)
                {
                    problems.Add(new IndicatorProblem(spec, "A condition group needs at least one condition."));
                    return null;
                }

                var all = spec.All == null ? null : CompileList(spec.All, fields, options, problems);
                var any = spec.Any == null ? null : CompileList(spec.Any, fields, options, problems);
                return EntryCondition.Group(all, any, spec.Not == true);
            }

            if (string.IsNullOrWhiteSpace(spec.Field) || spec.Operator == null)
            {
                problems.Add(new IndicatorProblem(spec, "A condition needs 'field' and 'operator' (or 'all'/'any')."));
                return null;
            }

            var name = spec.Field!.Trim();
            var field = fields.Resolve(name, spec.UrlDecode == true);
            if (field == null)
            {
                problems.Add(new IndicatorProblem(spec, $"Unknown field '{name}' for source {fields.Source}; use {EntryFields.DescribeCommonNames(fields.Source)}."));
                return null;
            }

            var op = spec.Operator.Value;
            var values = new List<string>();
            if (spec.Value != null)
            {
                values.Add(spec.Value);
            }

            values.AddRange((spec.Values ?? new List<string>()).Where(v => v != null));
            if (op == ConditionOperator.IsEmpty || op == ConditionOperator.IsNotEmpty)
            {
                if (values.Count > 0)
                {
                    problems.Add(new IndicatorProblem(spec, $"The {op} condition on '{name}' takes no 'value' or 'values'."));
                    return null;
                }
            }
            else if (values.Count == 0 || values.Any(v => v.Length == 0))
            {
                problems.Add(new IndicatorProblem(spec, $"The {op} condition on '{name}' needs non-empty 'value' or 'values'."));
                return null;
            }

            var patterns = new List<Regex>();
            if (op == ConditionOperator.Matches)
            {
                foreach (var value in values)
                {
                    try
                    {
                        patterns.Add(CreateRegex(ExpandPlaceholders(value, options.ExchangeInstallPath), spec.CaseSensitive == true, options.RegexTimeout));
                    }
                    catch (ArgumentException ex)
                    {
                        problems.Add(new IndicatorProblem(spec, $"The pattern '{value}' on '{name}' is not a valid .NET regular expression: {ex.Message}"));
                        return null;
                    }
                }
            }

            return EntryCondition.Leaf(field, op, values, patterns, spec.Not == true, spec.CaseSensitive == true);
        }
    }
}
