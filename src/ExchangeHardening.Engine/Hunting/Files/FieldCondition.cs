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
        private readonly ValueTest? test;
        private readonly bool negate;
        private readonly bool urlDecode;
        private readonly IReadOnlyList<FieldCondition>? all;
        private readonly IReadOnlyList<FieldCondition>? any;

        private FieldCondition(string? field, ValueTest? test, bool negate, bool urlDecode, IReadOnlyList<FieldCondition>? all, IReadOnlyList<FieldCondition>? any)
        {
            fieldName = field;
            this.test = test;
            this.negate = negate;
            this.urlDecode = urlDecode;
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

                return new FieldCondition(null, null, spec.Not == true, false, all?.Select(c => c!).ToList(), any?.Select(c => c!).ToList());
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

            return new FieldCondition(spec.Field!.Trim(), new ValueTest(op, values, patterns, spec.CaseSensitive == true), spec.Not == true, spec.UrlDecode == true, null, null);
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

        /// <summary>An artefact record is small and read once: a pattern that runs out of time is no match.</summary>
        private bool Compare(string value)
        {
            try
            {
                return test!.Matches(value);
            }
            catch (RegexMatchTimeoutException)
            {
                return false;
            }
        }
    }
}
