using System.Collections.Generic;
using System.Threading;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Reads one evidence file of the source types it handles, in a single pass, and reports to the sink. Analyzers are
    /// called concurrently for different files, so they keep no per-file state in fields.
    /// </summary>
    public interface IEvidenceAnalyzer
    {
        IReadOnlyCollection<EvidenceSourceType> SourceTypes { get; }

        void Analyze(ClassifiedFile file, HuntContext context, IFindingSink sink, CancellationToken cancellationToken);
    }
}
