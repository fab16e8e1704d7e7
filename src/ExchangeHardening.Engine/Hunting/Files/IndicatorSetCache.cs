using System.Collections.Generic;
using ExchangeHardening.Engine.Advisories;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Compiles an analyzer's indicators once per store (analyzers see many files of one run, concurrently) and
    /// reports unusable indicators once, to the sink of the call that compiled them.
    /// </summary>
    internal sealed class IndicatorSetCache
    {
        private readonly IReadOnlyCollection<EvidenceSourceType> sources;
        private readonly FindingCategory defaultCategory;
        private readonly object gate = new object();
        private AdvisoryStore? store;
        private IndicatorSet? set;

        public IndicatorSetCache(IReadOnlyCollection<EvidenceSourceType> sources, FindingCategory defaultCategory)
        {
            this.sources = sources;
            this.defaultCategory = defaultCategory;
        }

        public IndicatorSet Get(HuntContext context, IFindingSink sink)
        {
            lock (gate)
            {
                if (set != null && ReferenceEquals(store, context.Store))
                {
                    return set;
                }

                set = IndicatorSet.Compile(context.Store, sources, defaultCategory);
                store = context.Store;
                foreach (var error in set.Errors)
                {
                    sink.Error(error);
                }

                return set;
            }
        }
    }
}
