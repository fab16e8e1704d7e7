using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Joins findings from one client IP into the attack chains of the campaigns (SSRF, then a virtual-directory reset
    /// or file write, then web-shell access): two or more steps in time order make one Correlation finding.
    /// Keeps only the findings that carry a client IP and belong to some chain, so memory stays small.
    /// </summary>
    public sealed class Correlator
    {
        private readonly IReadOnlyList<CampaignHunt> hunts;
        private readonly HashSet<string> chainRules;
        private readonly List<Finding> kept = new List<Finding>();

        public Correlator(IReadOnlyList<CampaignHunt> hunts)
        {
            this.hunts = hunts.Where(h => h.Chain.Count >= 2).ToList();
            chainRules = new HashSet<string>(this.hunts.SelectMany(h => h.Chain.SelectMany(step => step)), StringComparer.OrdinalIgnoreCase);
        }

        public void Add(Finding finding)
        {
            if (finding.ClientIp.Length > 0 && chainRules.Contains(finding.RuleId))
            {
                kept.Add(finding);
            }
        }

        public IEnumerable<Finding> Correlate(string server)
        {
            foreach (var byIp in kept.GroupBy(f => f.ClientIp, StringComparer.OrdinalIgnoreCase))
            {
                foreach (var hunt in hunts)
                {
                    var steps = new List<Finding>();
                    DateTimeOffset? after = null;
                    foreach (var step in hunt.Chain)
                    {
                        // A later step must come strictly later and from another log line: the request that performs a
                        // step (the reset POST) also matches the request-shape rules of the next one.
                        var next = byIp
                            .Where(f => step.Contains(f.RuleId, StringComparer.OrdinalIgnoreCase))
                            .Where(f => after == null || f.Timestamp == null || f.Timestamp > after)
                            .Where(f => !steps.Any(s => s.Path == f.Path && s.Line == f.Line && f.Line > 0))
                            .OrderBy(f => f.Timestamp ?? DateTimeOffset.MaxValue)
                            .FirstOrDefault();
                        if (next == null)
                        {
                            continue; // a missing step (logs rotated, other source) does not break the chain
                        }

                        steps.Add(next);
                        after = next.Timestamp ?? after;
                    }

                    if (steps.Count < 2)
                    {
                        continue;
                    }

                    var worst = steps.Min(f => f.Severity);
                    yield return new Finding
                    {
                        Server = steps[0].Server.Length > 0 ? steps[0].Server : server,
                        Category = FindingCategory.Correlation,
                        RuleId = "EXH-COR-" + hunt.AdvisoryId,
                        Title = $"{hunt.AdvisoryId} attack chain from {byIp.Key}: {steps.Count} of {hunt.Chain.Count} steps",
                        Severity = worst == Severity.Low ? Severity.Medium : (worst == Severity.Medium ? Severity.High : Severity.Critical),
                        Confidence = steps.Count == hunt.Chain.Count ? Confidence.High : Confidence.Medium,
                        Cve = string.Join(",", hunt.Cves),
                        Timestamp = steps[0].Timestamp,
                        ClientIp = byIp.Key,
                        Path = steps[0].Path,
                        Line = steps[0].Line,
                        Evidence = string.Join(" -> ", steps.Select(f => $"{f.RuleId} at {f.Timestamp:yyyy-MM-dd HH:mm:ss} ({System.IO.Path.GetFileName(f.Path)}:{f.Line})")),
                        Recommendation = $"Treat the server as compromised through {hunt.AdvisoryId}: isolate it, preserve the evidence, remove web shells and reset credentials, then patch; see the individual findings for paths and times.",
                    };
                }
            }
        }
    }
}
