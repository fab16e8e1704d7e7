using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using ExchangeHardening.Engine.Resources;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Runs the file Indicator resources of one source type over each file (path, name, hash and content rules) through
    /// the shared file rule engine. The concrete analyzers only say which source type and finding category they serve.
    /// </summary>
    public abstract class FileRuleAnalyzer : IEvidenceAnalyzer
    {
        private readonly EvidenceSourceType[] handled;
        private readonly IndicatorSetCache indicators;
        private readonly FileRuleEngine engine;

        /// <param name="source">The evidence source type it analyzes.</param>
        /// <param name="category">The category of its findings when an indicator names none.</param>
        /// <param name="openRead">How files are opened (read-only); null for the default shared read.</param>
        private protected FileRuleAnalyzer(EvidenceSourceType source, FindingCategory category, Func<string, Stream>? openRead)
        {
            handled = new[] { source };
            indicators = new IndicatorSetCache(handled, category);
            engine = new FileRuleEngine(openRead);
        }

        public IReadOnlyCollection<EvidenceSourceType> SourceTypes => handled;

        public void Analyze(ClassifiedFile file, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            var set = indicators.Get(context, sink);
            engine.Analyze(file, set.For(file.SourceType, IndicatorSubject.File), context, sink, cancellationToken);
        }
    }
}
