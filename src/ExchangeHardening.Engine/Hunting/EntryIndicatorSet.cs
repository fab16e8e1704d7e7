using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Every Indicator resource that tests log entries or events, compiled and grouped by source type. Compile once
    /// per hunt and share: it is immutable. Indicators of other sources (files, configuration) are left to their
    /// analyzers.
    /// </summary>
    public sealed class EntryIndicatorSet
    {
        private readonly Dictionary<EvidenceSourceType, SourceIndicators> bySource;

        private EntryIndicatorSet(Dictionary<EvidenceSourceType, SourceIndicators> bySource, IReadOnlyList<string> problems)
        {
            this.bySource = bySource;
            Problems = problems;
        }

        /// <summary>All compiled indicators (an indicator with several sources appears once per source).</summary>
        public IReadOnlyList<EntryIndicator> Indicators => bySource.Values.SelectMany(s => s.Indicators).ToList();

        /// <summary>Resources that did not compile (the loader reports them already; left out here).</summary>
        public IReadOnlyList<string> Problems { get; }

        public static EntryIndicatorSet Compile(IEnumerable<ResourceRecord> indicators, EntryIndicatorOptions? options = null)
        {
            if (indicators == null)
            {
                throw new ArgumentNullException(nameof(indicators));
            }

            options ??= new EntryIndicatorOptions();
            var tables = new Dictionary<EvidenceSourceType, EntryFieldTable>();
            var compiled = new Dictionary<EvidenceSourceType, List<EntryIndicator>>();
            var problems = new List<string>();
            foreach (var record in indicators.Where(r => r.Kind == ResourceKind.Indicator))
            {
                if (!(record.Spec is IndicatorSpec spec))
                {
                    continue;
                }

                var found = new List<IndicatorProblem>();
                foreach (var source in EntryIndicatorCompiler.Sources(spec, found).Where(EntryFields.IsEntrySource))
                {
                    if (!tables.TryGetValue(source, out var table))
                    {
                        tables[source] = table = new EntryFieldTable(source);
                        compiled[source] = new List<EntryIndicator>();
                    }

                    var indicator = EntryIndicatorCompiler.Compile(record, spec, source, table, options, found);
                    if (indicator != null)
                    {
                        compiled[source].Add(indicator);
                    }
                }

                problems.AddRange(found.Select(p => $"{p.Node.LocationIn(record.File)}: {record.Name}: {p.Message}"));
            }

            var bySource = compiled.ToDictionary(p => p.Key, p => new SourceIndicators(p.Key, p.Value, tables[p.Key].Count));
            return new EntryIndicatorSet(bySource, problems);
        }

        /// <summary>The store's indicators, with the context's installation path for patterns that name it.</summary>
        public static EntryIndicatorSet Compile(HuntContext context)
        {
            if (context == null)
            {
                throw new ArgumentNullException(nameof(context));
            }

            return Compile(context.Store.Indicators, new EntryIndicatorOptions { ExchangeInstallPath = context.ExchangeInstallPath });
        }

        /// <summary>The indicators of a source type; null when none tests it.</summary>
        public SourceIndicators? For(EvidenceSourceType source) => bySource.TryGetValue(source, out var set) ? set : null;
    }
}
