using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using ExchangeHardening.Engine.Resources;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Web shells among the files IIS and Exchange serve (EXH-WS-001 to -006 and the location and timing rules of
    /// EXH-WS-003): known-bad hashes, MSTIC and reported paths, files where a standard install has none, China
    /// Chopper-style and OAB-, PST- or certificate-request-dropped content, compiled pages of such files in Temporary
    /// ASP.NET Files, and .aspx files newer than the installed build. Every fact comes from Indicator resources whose
    /// source is WebFile.
    /// </summary>
    public sealed class WebShellFileAnalyzer : IEvidenceAnalyzer
    {
        private static readonly EvidenceSourceType[] Handled = { EvidenceSourceType.WebFile };

        private readonly IndicatorSetCache indicators = new IndicatorSetCache(Handled, FindingCategory.WebShell);
        private readonly FileRuleEngine engine;

        public WebShellFileAnalyzer()
            : this(null)
        {
        }

        /// <param name="openRead">How files are opened (read-only); null for the default shared read.</param>
        internal WebShellFileAnalyzer(Func<string, Stream>? openRead)
        {
            engine = new FileRuleEngine(openRead);
        }

        public IReadOnlyCollection<EvidenceSourceType> SourceTypes => Handled;

        public void Analyze(ClassifiedFile file, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            var set = indicators.Get(context, sink);
            engine.Analyze(file, set.For(file.SourceType, IndicatorSubject.File), context, sink, cancellationToken);
        }
    }
}
