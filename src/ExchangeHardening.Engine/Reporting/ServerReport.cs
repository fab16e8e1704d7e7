using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Exposure;

namespace ExchangeHardening.Engine.Reporting
{
    /// <summary>One server's part of the report: what the three cmdlets said about it, and the verdicts drawn from that.</summary>
    public sealed class ServerReport
    {
        public ServerReport(string name)
        {
            Name = name;
        }

        public string Name { get; }

        public ServerExposureSummary? Summary { get; internal set; }

        public List<ExposureRecord> Records { get; } = new List<ExposureRecord>();

        public EmergencyMitigationResult? EmergencyMitigation { get; internal set; }

        public List<Finding> Findings { get; } = new List<Finding>();

        /// <summary>The summary's Level; computed from the records by the same rule when only records were given; null when neither.</summary>
        public ExposureLevel? Level => Summary?.Level ?? (Records.Count > 0 ? ExposureLevelRule.Of(Records) : (ExposureLevel?)null);

        public string ProductName => Summary?.ProductName ?? Records.Select(r => r.ProductName).FirstOrDefault(p => p.Length > 0) ?? string.Empty;

        public string CumulativeUpdate => Summary?.CumulativeUpdate ?? Records.Select(r => r.CumulativeUpdate).FirstOrDefault(p => p.Length > 0) ?? string.Empty;

        public string SecurityUpdate => Summary?.SecurityUpdate ?? Records.Select(r => r.SecurityUpdate).FirstOrDefault(p => p.Length > 0) ?? string.Empty;

        public string Build => Summary?.Build ?? Records.Select(r => r.Build).FirstOrDefault(p => p.Length > 0) ?? EmergencyMitigation?.Build ?? string.Empty;

        public bool HasExposure => Summary != null || Records.Count > 0;

        public bool Unsupported => Summary != null ? !Summary.Supported : Records.Any(r => r.Status == ExposureStatus.Unsupported);

        public int VulnerableCount => Summary?.VulnerableCount ?? Records.Count(r => r.Status == ExposureStatus.Vulnerable);

        public int ExploitedCount => Summary?.ExploitedCount ?? Records.Count(r => r.Status == ExposureStatus.Vulnerable && r.Exploited);

        public int UnknownCount => Summary?.UnknownCount ?? Records.Count(r => r.Status == ExposureStatus.Unknown);

        public int MitigatedCount => Records.Count(r => r.Status == ExposureStatus.Mitigated);

        public int ConfigurationRequiredCount => Records.Count(r => r.Status == ExposureStatus.ConfigurationRequired);

        /// <summary>The product that replaces an unsupported one, as the Unsupported record names it.</summary>
        public string Successor => Records.Where(r => r.Status == ExposureStatus.Unsupported).Select(r => r.FixedIn).FirstOrDefault() ?? string.Empty;

        public InstallAdvice? Install => InstallAdvice.From(Summary?.LatestUpdate, CumulativeUpdate, Build);

        /// <summary>The records a reader must act on, worst first; Unknown and Patched ones are only counted.</summary>
        public IEnumerable<ExposureRecord> OpenRecords => Records
            .Where(r => r.Status == ExposureStatus.Vulnerable || r.Status == ExposureStatus.Unsupported || r.Status == ExposureStatus.Mitigated || r.Status == ExposureStatus.ConfigurationRequired)
            .OrderBy(r => r.Status == ExposureStatus.Unsupported ? 0 : r.Status == ExposureStatus.Vulnerable ? 1 : r.Status == ExposureStatus.Mitigated ? 2 : 3)
            .ThenBy(r => r.Exploited ? 0 : 1)
            .ThenBy(r => r.Severity)
            .ThenBy(r => r.Cve, System.StringComparer.Ordinal);

        public bool Reviewed => Findings.Count > 0;

        /// <summary>Findings that say something about an attack; coverage findings only say what the evidence could not show.</summary>
        public IEnumerable<Finding> Traces => Findings.Where(f => f.Category != FindingCategory.Coverage);

        public IEnumerable<Finding> CoverageGaps => Findings.Where(f => f.Category == FindingCategory.Coverage);

        public ReviewVerdict Review
        {
            get
            {
                if (!Reviewed)
                {
                    return ReviewVerdict.NotReviewed;
                }

                var traces = Traces.ToList();
                if (traces.Any(f => f.Severity <= Severity.High))
                {
                    return ReviewVerdict.SignsOfCompromise;
                }

                return traces.Any(f => f.Severity == Severity.Medium) ? ReviewVerdict.Suspicious : ReviewVerdict.NoSigns;
            }
        }

        /// <summary>The logs do not reach back to the start of an exploitation wave the server was exposed to (EXH-COV-002 and kin, Medium).</summary>
        public bool HasCoverageGap => CoverageGaps.Any(f => f.Severity <= Severity.Medium);

        /// <summary>Sort key: a server with signs of compromise first, then by traffic light, then servers not assessed.</summary>
        internal int Urgency => Review == ReviewVerdict.SignsOfCompromise ? 0 : Level.HasValue ? 1 + (int)Level.Value : 5;
    }
}
