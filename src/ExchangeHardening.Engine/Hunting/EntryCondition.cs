using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// A compiled indicator condition: a field test or an all/any group, optionally inverted. Comparisons ignore case
    /// unless asked otherwise; Equals and In compare the trimmed value; a missing field is an empty value. Regular
    /// expressions run with a match timeout; a timeout surfaces as <see cref="RegexMatchTimeoutException"/> for the
    /// analyzer to report.
    /// </summary>
    internal sealed class EntryCondition
    {
        private readonly EntryField? field;
        private readonly ConditionOperator op;
        private readonly string[] values;
        private readonly Regex[] patterns;
        private readonly bool negate;
        private readonly StringComparison comparison;
        private readonly EntryCondition[]? all;
        private readonly EntryCondition[]? any;

        private EntryCondition(EntryField? field, ConditionOperator op, string[] values, Regex[] patterns, bool negate, bool caseSensitive, EntryCondition[]? all, EntryCondition[]? any)
        {
            this.field = field;
            this.op = op;
            this.values = values;
            this.patterns = patterns;
            this.negate = negate;
            comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
            this.all = all;
            this.any = any;
        }

        public static EntryCondition Leaf(EntryField field, ConditionOperator op, IEnumerable<string> values, IEnumerable<Regex> patterns, bool negate, bool caseSensitive) =>
            new EntryCondition(field, op, values.ToArray(), patterns.ToArray(), negate, caseSensitive, null, null);

        public static EntryCondition Group(IEnumerable<EntryCondition>? all, IEnumerable<EntryCondition>? any, bool negate) =>
            new EntryCondition(null, ConditionOperator.Equals, Array.Empty<string>(), Array.Empty<Regex>(), negate, false, all?.ToArray(), any?.ToArray());

        public bool Holds(EntryRecord entry)
        {
            bool result;
            if (field == null)
            {
                result = true;
                if (all != null)
                {
                    foreach (var condition in all)
                    {
                        if (!condition.Holds(entry))
                        {
                            result = false;
                            break;
                        }
                    }
                }

                if (result && any != null && any.Length > 0)
                {
                    result = false;
                    foreach (var condition in any)
                    {
                        if (condition.Holds(entry))
                        {
                            result = true;
                            break;
                        }
                    }
                }
            }
            else
            {
                result = Compare(entry.Get(field));
            }

            return negate ? !result : result;
        }

        private bool Compare(string value)
        {
            switch (op)
            {
                case ConditionOperator.IsEmpty:
                    return IsBlank(value);
                case ConditionOperator.IsNotEmpty:
                    return !IsBlank(value);
                case ConditionOperator.Equals:
                case ConditionOperator.In:
                    var trimmed = value.Trim();
                    foreach (var v in values)
                    {
                        if (string.Equals(trimmed, v, comparison))
                        {
                            return true;
                        }
                    }

                    return false;
                case ConditionOperator.Contains:
                    foreach (var v in values)
                    {
                        if (value.IndexOf(v, comparison) >= 0)
                        {
                            return true;
                        }
                    }

                    return false;
                case ConditionOperator.StartsWith:
                    foreach (var v in values)
                    {
                        if (value.StartsWith(v, comparison))
                        {
                            return true;
                        }
                    }

                    return false;
                case ConditionOperator.EndsWith:
                    foreach (var v in values)
                    {
                        if (value.EndsWith(v, comparison))
                        {
                            return true;
                        }
                    }

                    return false;
                case ConditionOperator.Matches:
                    foreach (var pattern in patterns)
                    {
                        if (pattern.IsMatch(value))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        private static bool IsBlank(string value)
        {
            foreach (var c in value)
            {
                if (!char.IsWhiteSpace(c))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
