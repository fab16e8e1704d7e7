using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Advisories;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Resources;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>The Indicator resources of a store that concern some evidence source types, compiled, and the problems met doing so.</summary>
    internal sealed class IndicatorSet
    {
        private IndicatorSet(IReadOnlyList<CompiledIndicator> indicators, IReadOnlyList<EvidenceError> errors)
        {
            Indicators = indicators;
            Errors = errors;
        }

        public IReadOnlyList<CompiledIndicator> Indicators { get; }

        /// <summary>Indicators that could not be used, each with its YAML file and line.</summary>
        public IReadOnlyList<EvidenceError> Errors { get; }

        public static IndicatorSet Compile(AdvisoryStore store, IReadOnlyCollection<EvidenceSourceType> sources, FindingCategory defaultCategory)
        {
            var errors = new List<EvidenceError>();
            var indicators = store.Indicators
                .Where(r => r.Kind == ResourceKind.Indicator)
                .Select(r => CompiledIndicator.Compile(r, sources, defaultCategory, errors))
                .Where(i => i != null)
                .Select(i => i!)
                .ToList();
            return new IndicatorSet(indicators, errors);
        }

        public IEnumerable<CompiledIndicator> For(EvidenceSourceType source, IndicatorSubject subject) =>
            Indicators.Where(i => i.Subject == subject && i.Sources.Contains(source));
    }
}
