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
        private readonly ValueTest? test;
        private readonly bool negate;
        private readonly EntryCondition[]? all;
        private readonly EntryCondition[]? any;

        private EntryCondition(EntryField? field, ValueTest? test, bool negate, EntryCondition[]? all, EntryCondition[]? any)
        {
            this.field = field;
            this.test = test;
            this.negate = negate;
            this.all = all;
            this.any = any;
        }

        public static EntryCondition Leaf(EntryField field, ConditionOperator op, IEnumerable<string> values, IEnumerable<Regex> patterns, bool negate, bool caseSensitive) =>
            new EntryCondition(field, new ValueTest(op, values, patterns, caseSensitive), negate, null, null);

        public static EntryCondition Group(IEnumerable<EntryCondition>? all, IEnumerable<EntryCondition>? any, bool negate) =>
            new EntryCondition(null, null, negate, all?.ToArray(), any?.ToArray());

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
                result = test!.Matches(entry.Get(field));
            }

            return negate ? !result : result;
        }
    }
}
