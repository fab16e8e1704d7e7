using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// The indicators of one source type, ready for a single pass: the union of their literals in one matcher, and
    /// for each literal the indicators it can start. An entry that contains none of the literals is skipped before
    /// anything is parsed; one that does is tested only against the indicators its literals name.
    /// </summary>
    public sealed class SourceIndicators
    {
        private readonly int[][] indicatorsByLiteral;
        private readonly int[] unfiltered;

        internal SourceIndicators(EvidenceSourceType source, IReadOnlyList<EntryIndicator> indicators, int fieldSlots)
        {
            Source = source;
            Indicators = indicators;
            FieldSlots = fieldSlots;
            var literals = new List<string>();
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            var owners = new List<List<int>>();
            var withoutLiterals = new List<int>();
            for (var i = 0; i < indicators.Count; i++)
            {
                if (indicators[i].Literals.Count == 0)
                {
                    withoutLiterals.Add(i);
                    continue;
                }

                foreach (var literal in indicators[i].Literals)
                {
                    if (!index.TryGetValue(literal, out var id))
                    {
                        id = literals.Count;
                        index.Add(literal, id);
                        literals.Add(literal);
                        owners.Add(new List<int>());
                    }

                    if (!owners[id].Contains(i))
                    {
                        owners[id].Add(i);
                    }
                }
            }

            Literals = literals;
            Matcher = new LiteralMatcher(literals);
            indicatorsByLiteral = owners.Select(o => o.ToArray()).ToArray();
            unfiltered = withoutLiterals.ToArray();
        }

        public EvidenceSourceType Source { get; }

        public IReadOnlyList<EntryIndicator> Indicators { get; }

        /// <summary>The distinct literals of all indicators of the source (the prefilter).</summary>
        public IReadOnlyList<string> Literals { get; }

        /// <summary>True when some indicator has no literal, so every entry must be tested.</summary>
        public bool TestsEveryEntry => unfiltered.Length > 0;

        internal LiteralMatcher Matcher { get; }

        internal int FieldSlots { get; }

        internal LiteralHits NewHits() => new LiteralHits(Literals.Count);

        /// <summary>The indicators an entry with these literal hits must be tested against, in indicator order.</summary>
        internal void Candidates(LiteralHits hits, bool[] mark, List<int> into)
        {
            into.Clear();
            foreach (var i in unfiltered)
            {
                mark[i] = true;
                into.Add(i);
            }

            for (var h = 0; h < hits.Count; h++)
            {
                foreach (var i in indicatorsByLiteral[hits[h]])
                {
                    if (!mark[i])
                    {
                        mark[i] = true;
                        into.Add(i);
                    }
                }
            }

            foreach (var i in into)
            {
                mark[i] = false;
            }

            if (into.Count > 1)
            {
                into.Sort();
            }
        }
    }
}
