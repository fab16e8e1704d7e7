using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Resources;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// A compiled spec.conditions entry for artefact records (an EOMT log line, a PatchState value, an application
    /// pool's attributes): a field test, or an all/any group. Comparisons ignore case unless caseSensitive is set;
    /// a missing field is an empty value.
    /// </summary>
    internal sealed class FieldCondition
    {
        private readonly string? fieldName;
        private readonly ConditionOperator op;
        private readonly string[] values;
        private readonly Regex[] patterns;
        private readonly bool negate;
        private readonly bool urlDecode;
        private readonly StringComparison comparison;
        private readonly IReadOnlyList<FieldCondition>? all;
        private readonly IReadOnlyList<FieldCondition>? any;

        private FieldCondition(string? field, ConditionOperator op, string[] values, Regex[] patterns, bool negate, bool urlDecode, bool caseSensitive, IReadOnlyList<FieldCondition>? all, IReadOnlyList<FieldCondition>? any)
        {
            fieldName = field;
            this.op = op;
            this.values = values;
            this.patterns = patterns;
            this.negate = negate;
            this.urlDecode = urlDecode;
            comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            this.all = all;
            this.any = any;
        }

        /// <summary>The field names the condition reads (groups included).</summary>
        public IEnumerable<string> Fields =>
            (fieldName == null ? Enumerable.Empty<string>() : new[] { fieldName })
                .Concat((all ?? Array.Empty<FieldCondition>()).SelectMany(c => c.Fields))
                .Concat((any ?? Array.Empty<FieldCondition>()).SelectMany(c => c.Fields));

        public static FieldCondition? Compile(IndicatorConditionSpec spec, List<string> errors)
        {
            if (spec.All != null || spec.Any != null)
            {
                var all = spec.All?.Select(c => Compile(c, errors)).ToList();
                var any = spec.Any?.Select(c => Compile(c, errors)).ToList();
                if ((all != null && all.Any(c => c == null)) || (any != null && any.Any(c => c == null)))
                {
                    return null;
                }

                return new FieldCondition(null, ConditionOperator.Equals, Array.Empty<string>(), Array.Empty<Regex>(), spec.Not == true, false, false, all?.Select(c => c!).ToList(), any?.Select(c => c!).ToList());
            }

            if (string.IsNullOrWhiteSpace(spec.Field) || spec.Operator == null)
            {
                errors.Add("a condition needs 'field' and 'operator' (or 'all'/'any').");
                return null;
            }

            var values = new List<string>();
            if (spec.Value != null)
            {
                values.Add(spec.Value);
            }

            values.AddRange(spec.Values ?? new List<string>());
            var op = spec.Operator.Value;
            if (values.Count == 0 && op != ConditionOperator.IsEmpty && op != ConditionOperator.IsNotEmpty)
            {
                errors.Add($"the condition on '{spec.Field}' ({op}) needs 'value' or 'values'.");
                return null;
            }

            var patterns = new List<Regex>();
            if (op == ConditionOperator.Matches)
            {
                foreach (var value in values)
                {
                    var regex = IndicatorRegex.TryCreate(value, out var error);
                    if (regex == null)
                    {
                        errors.Add($"the condition on '{spec.Field}' has an invalid regular expression: {error}");
                        return null;
                    }

                    patterns.Add(regex);
                }
            }

            return new FieldCondition(spec.Field!.Trim(), op, values.ToArray(), patterns.ToArray(), spec.Not == true, spec.UrlDecode == true, spec.CaseSensitive == true, null, null);
        }

        /// <summary>Tests the record whose fields <paramref name="lookup"/> returns (null when absent).</summary>
        public bool Holds(Func<string, string?> lookup)
        {
            bool result;
            if (all != null || any != null)
            {
                result = (all == null || all.All(c => c.Holds(lookup))) && (any == null || any.Any(c => c.Holds(lookup)));
            }
            else
            {
                var value = lookup(fieldName!) ?? string.Empty;
                if (urlDecode)
                {
                    value = Uri.UnescapeDataString(value.Replace('+', ' '));
                }

                result = Compare(value);
            }

            return negate ? !result : result;
        }

        private bool Compare(string value)
        {
            switch (op)
            {
                case ConditionOperator.IsEmpty:
                    return value.Trim().Length == 0;
                case ConditionOperator.IsNotEmpty:
                    return value.Trim().Length > 0;
                case ConditionOperator.Equals:
                case ConditionOperator.In:
                    return values.Any(v => string.Equals(value.Trim(), v, comparison));
                case ConditionOperator.Contains:
                    return values.Any(v => value.IndexOf(v, comparison) >= 0);
                case ConditionOperator.StartsWith:
                    return values.Any(v => value.StartsWith(v, comparison));
                case ConditionOperator.EndsWith:
                    return values.Any(v => value.EndsWith(v, comparison));
                case ConditionOperator.Matches:
                    return patterns.Any(p => IndicatorRegex.Find(p, value, out _) != null);
                default:
                    return false;
            }
        }
    }
}
