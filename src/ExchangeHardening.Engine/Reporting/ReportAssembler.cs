using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Reporting
{
    /// <summary>
    /// Sorts the cmdlets' objects into one part per server. Names are matched without regard to case, and a fully
    /// qualified name (EX01.contoso.com) joins the short name (EX01) when that short name is also present, because
    /// Get-ExchangeServer gives short names while a review run with -Local names the computer as Windows does.
    /// </summary>
    public static class ReportAssembler
    {
        public static IReadOnlyList<ServerReport> Assemble(ReportInput input)
        {
            var parts = new Dictionary<string, ServerReport>(StringComparer.OrdinalIgnoreCase);
            var names = AllNames(input).ToList();
            var shortNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var name in names.Where(n => n.IndexOf('.') < 0))
            {
                if (!shortNames.ContainsKey(name))
                {
                    shortNames.Add(name, name);
                }
            }


            ServerReport PartOf(string server)
            {
                var name = Canonical(server, shortNames);
                if (!parts.TryGetValue(name, out var part))
                {
                    part = new ServerReport(name);
                    parts.Add(name, part);
                }

                return part;
            }

            foreach (var summary in input.Summaries)
            {
                PartOf(summary.Server).Summary = summary; // the last one wins when a server was piped twice
            }

            foreach (var record in input.Records.GroupBy(r => (Server: Canonical(r.Server, shortNames).ToUpperInvariant(), r.AdvisoryId, r.Cve)).Select(g => g.Last()))
            {
                PartOf(record.Server).Records.Add(record);
            }

            foreach (var result in input.EmergencyMitigation)
            {
                PartOf(result.Server).EmergencyMitigation = result;
            }

            foreach (var finding in input.Findings)
            {
                PartOf(finding.Server).Findings.Add(finding);
            }

            return parts.Values
                .OrderBy(p => p.Urgency)
                .ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
        }

        private static IEnumerable<string> AllNames(ReportInput input) =>
            input.Summaries.Select(s => s.Server)
                .Concat(input.Records.Select(r => r.Server))
                .Concat(input.EmergencyMitigation.Select(r => r.Server))
                .Concat(input.Findings.Select(f => f.Server))
                .Select(Clean);

        private static string Canonical(string server, Dictionary<string, string> shortNames)
        {
            var name = Clean(server);
            var dot = name.IndexOf('.');
            if (dot > 0 && !IsBuildOrAddress(name))
            {
                var shortName = name.Substring(0, dot);
                if (shortNames.TryGetValue(shortName, out var known))
                {
                    return known;
                }
            }

            return name;
        }

        /// <summary>A build given as the server name (Get-ExchangeExposure -Build 15.2.1748.24) has dots but is no FQDN.</summary>
        private static bool IsBuildOrAddress(string name) => name.All(c => char.IsDigit(c) || c == '.');

        private static string Clean(string? server) => string.IsNullOrWhiteSpace(server) ? "(unnamed)" : server!.Trim();
    }
}
