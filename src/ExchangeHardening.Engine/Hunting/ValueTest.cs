using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// The comparison of one condition leaf, shared by log-entry conditions (EntryCondition) and artefact-record
    /// conditions (Files.FieldCondition): ignores case unless asked otherwise; Equals and In compare the trimmed
    /// value. Loops instead of LINQ because log scans call it for every candidate line. A regular expression that
    /// runs out of time throws <see cref="RegexMatchTimeoutException"/>; the caller decides what that means.
    /// </summary>
    internal sealed class ValueTest
    {
        private readonly ConditionOperator op;
        private readonly string[] values;
        private readonly Regex[] patterns;
        private readonly StringComparison comparison;

        public ValueTest(ConditionOperator op, IEnumerable<string> values, IEnumerable<Regex> patterns, bool caseSensitive)
        {
            this.op = op;
            this.values = values.ToArray();
            this.patterns = patterns.ToArray();
            comparison = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        }

        public bool Matches(string value)
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
