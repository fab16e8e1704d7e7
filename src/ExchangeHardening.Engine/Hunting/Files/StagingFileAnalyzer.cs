using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using ExchangeHardening.Engine.Resources;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Credential theft and staging in the places attackers use (ProgramData, Windows\Temp, C:\root, Users\Public, ...):
    /// lsass dumps (EXH-CT-001), staged archives (EXH-CT-003, known security-product folders excluded), post-exploitation
    /// tool names (EXH-CT-006) and .aspx files in the ProxyShell device-name folders (EXH-WS-011). Every fact comes from
    /// Indicator resources whose source is StagingFile; files are read only when a rule needs their content or hash.
    /// </summary>
    public sealed class StagingFileAnalyzer : IEvidenceAnalyzer
    {
        private static readonly EvidenceSourceType[] Handled = { EvidenceSourceType.StagingFile };

        private readonly IndicatorSetCache indicators = new IndicatorSetCache(Handled, FindingCategory.CredentialTheft);
        private readonly FileRuleEngine engine;

        public StagingFileAnalyzer()
            : this(null)
        {
        }

        /// <param name="openRead">How files are opened (read-only); null for the default shared read.</param>
        internal StagingFileAnalyzer(Func<string, Stream>? openRead)
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
