using System;
using System.IO;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Credential theft and staging in the places attackers use (ProgramData, Windows\Temp, C:\root, Users\Public, ...):
    /// lsass dumps (EXH-CT-001), staged archives (EXH-CT-003, known security-product folders excluded), post-exploitation
    /// tool names (EXH-CT-006) and .aspx files in the ProxyShell device-name folders (EXH-WS-011). Every fact comes from
    /// Indicator resources whose source is StagingFile; files are read only when a rule needs their content or hash.
    /// </summary>
    public sealed class StagingFileAnalyzer : FileRuleAnalyzer
    {
        public StagingFileAnalyzer()
            : this(null)
        {
        }

        /// <param name="openRead">How files are opened (read-only); null for the default shared read.</param>
        internal StagingFileAnalyzer(Func<string, Stream>? openRead)
            : base(EvidenceSourceType.StagingFile, FindingCategory.CredentialTheft, openRead)
        {
        }
    }
}
