using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ExchangeHardening.Engine.Advisories;
using ExchangeHardening.Engine.Builds;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Turns what the evidence covers into findings: per log source its oldest and newest entry, and per campaign the
    /// server was exposed to, the sources that do not reach back to when exploitation began (or are missing) —
    /// because "nothing found" means little in logs that start after the attack.
    /// </summary>
    public static class CoverageReporter
    {
        public static IEnumerable<Finding> Report(CoverageTracker coverage, HuntContext context)
        {
            foreach (var span in coverage.Coverage)
            {
                yield return new Finding
                {
                    Server = context.Server,
                    Category = FindingCategory.Coverage,
                    RuleId = "EXH-COV-001",
                    Title = $"{Describe(span.Source)} cover {Day(span.Oldest)} to {Day(span.Newest)}",
                    Severity = Severity.Low,
                    Confidence = Confidence.High,
                    Timestamp = span.Newest,
                    Evidence = $"{coverage.FileCount(span.Source)} file(s) of {span.Source}, oldest entry {Stamp(span.Oldest)}, newest {Stamp(span.Newest)}",
                    Recommendation = "Keep (or export) logs long enough to reach back to the attack waves the server was exposed to.",
                };
            }

            foreach (var hunt in context.Store.Hunts.Where(h => h.Sources.Count > 0 && WasExposed(h, context)))
            {
                var missing = new List<EvidenceSourceType>();
                foreach (var source in hunt.Sources)
                {
                    var span = coverage.For(source);
                    if (span == null)
                    {
                        missing.Add(source);
                        continue;
                    }

                    if (span.Oldest > hunt.ExploitedFrom)
                    {
                        yield return new Finding
                        {
                            Server = context.Server,
                            Category = FindingCategory.Coverage,
                            RuleId = "EXH-COV-002",
                            Title = $"{Describe(source)} start after {hunt.AdvisoryId} exploitation began",
                            Severity = Severity.Medium,
                            Confidence = Confidence.High,
                            Cve = string.Join(",", hunt.Cves),
                            Timestamp = span.Oldest,
                            Evidence = $"oldest {source} entry {Stamp(span.Oldest)}; {hunt.AdvisoryId} was exploited from {Day(hunt.ExploitedFrom)}",
                            Recommendation = $"These logs cannot rule {hunt.AdvisoryId} out for the time before {Day(span.Oldest)}. Look for older copies (backups, SIEM) and review web folders and accounts as if the server had been compromised then.",
                        };
                    }
                }

                if (missing.Count > 0)
                {
                    yield return new Finding
                    {
                        Server = context.Server,
                        Category = FindingCategory.Coverage,
                        RuleId = "EXH-COV-003",
                        Title = $"No {string.Join(", ", missing.Select(Describe))} in the evidence for {hunt.AdvisoryId}",
                        Severity = Severity.Low,
                        Confidence = Confidence.High,
                        Cve = string.Join(",", hunt.Cves),
                        Evidence = $"{hunt.AdvisoryId} (exploited from {Day(hunt.ExploitedFrom)}) is hunted in {string.Join(", ", hunt.Sources)}; missing: {string.Join(", ", missing)}",
                        Recommendation = "Add these logs to -Path (a copy of the server's Logging folder, inetpub\\logs, exported events) to look for this campaign.",
                    };
                }
            }
        }

        /// <summary>
        /// A server whose CU came out after the campaign's fix never ran a vulnerable build of it. Without a build we
        /// cannot tell, so the campaign counts.
        /// </summary>
        private static bool WasExposed(CampaignHunt hunt, HuntContext context)
        {
            if (context.Build == null || hunt.FixPublished == null)
            {
                return true;
            }

            var resolution = context.Store.Catalog.Resolve(context.Build.Value);
            if (resolution == null)
            {
                return true;
            }

            var productAffected = hunt.Cves.Any(cve => context.Store.FindVulnerability(cve)?.Products.Contains(resolution.Product.Id, StringComparer.OrdinalIgnoreCase) == true);
            var cuReleased = resolution.CumulativeUpdate.Released;
            return productAffected && !(cuReleased.HasValue && cuReleased.Value > hunt.FixPublished.Value);
        }

        private static string Describe(EvidenceSourceType source)
        {
            switch (source)
            {
                case EvidenceSourceType.HttpProxyLog: return "HttpProxy logs";
                case EvidenceSourceType.IisLog: return "IIS logs";
                case EvidenceSourceType.EcpServerLog: return "ECP server logs";
                case EvidenceSourceType.EcpActivityLog: return "ECP activity logs";
                case EvidenceSourceType.OabGeneratorLog: return "OABGenerator logs";
                case EvidenceSourceType.MitigationServiceLog: return "Emergency Mitigation logs";
                case EvidenceSourceType.ExportedEvents: return "exported Windows events";
                case EvidenceSourceType.MsertLog: return "Safety Scanner logs";
                case EvidenceSourceType.EomtLog: return "EOMT logs";
                case EvidenceSourceType.IisConfiguration: return "IIS configuration files";
                default: return source.ToString();
            }
        }

        private static string Day(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
    }
}
