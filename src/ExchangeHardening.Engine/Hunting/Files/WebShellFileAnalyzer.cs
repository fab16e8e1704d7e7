using System;
using System.IO;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Web shells among the files IIS and Exchange serve (EXH-WS-001 to -006 and the location and timing rules of
    /// EXH-WS-003): known-bad hashes, MSTIC and reported paths, files where a standard install has none, China
    /// Chopper-style and OAB-, PST- or certificate-request-dropped content, compiled pages of such files in Temporary
    /// ASP.NET Files, and .aspx files newer than the installed build. Every fact comes from Indicator resources whose
    /// source is WebFile.
    /// </summary>
    public sealed class WebShellFileAnalyzer : FileRuleAnalyzer
    {
        public WebShellFileAnalyzer()
            : this(null)
        {
        }

        /// <param name="openRead">How files are opened (read-only); null for the default shared read.</param>
        internal WebShellFileAnalyzer(Func<string, Stream>? openRead)
            : base(EvidenceSourceType.WebFile, FindingCategory.WebShell, openRead)
        {
        }
    }
}
