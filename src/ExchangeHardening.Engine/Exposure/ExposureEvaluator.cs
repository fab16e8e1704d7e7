using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ExchangeHardening.Engine.Advisories;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Resources;

namespace ExchangeHardening.Engine.Exposure
{
    /// <summary>
    /// Judges servers against the advisory data. Built once per invocation: the per-product vulnerability
    /// lists and the mitigation index are computed here, so each server costs only its own lookups.
    /// </summary>
    public sealed class ExposureEvaluator
    {
        private const string MsrcLink = "https://msrc.microsoft.com/update-guide/vulnerability/";
        private readonly AdvisoryStore store;
        private readonly DateTime asOf;
        private readonly Dictionary<string, Vulnerability[]> byProduct;
        private readonly Dictionary<string, string> titles;
        private readonly List<(string Id, string[] Cves)> mitigations;
        private readonly Dictionary<string, ServerExposure> results = new Dictionary<string, ServerExposure>(StringComparer.Ordinal);

        public ExposureEvaluator(AdvisoryStore store, DateTime asOf)
        {
            this.store = store;
            this.asOf = asOf;
            // Vulnerabilities no Exchange update fixes (Windows, .NET, organisation settings) are not judged from a build.
            byProduct = store.Catalog.Products.ToDictionary(
                p => p.Id,
                p => store.Vulnerabilities.Where(v => v.FixedBy.Length > 0 && v.Products.Contains(p.Id, StringComparer.OrdinalIgnoreCase)).ToArray(),
                StringComparer.OrdinalIgnoreCase);
            titles = store.Advisories.ToDictionary(a => a.Id, a => a.Title, StringComparer.OrdinalIgnoreCase);
            mitigations = store.Mitigations
                .Select(m => (m.Name, ((MitigationSpec)m.Spec).Mitigates?.ToArray() ?? Array.Empty<string>()))
                .ToList();
        }

        /// <summary>
        /// Evaluates one server; null with an error message when the build fits no product or CU. Servers with the
        /// same facts (build, its source, applied mitigations, the setting overrides that target them) share one
        /// evaluation: an organisation has many servers but few distinct builds.
        /// </summary>
        public ServerExposure? Evaluate(ServerFacts server, out string error)
        {
            var key = CacheKey(server);
            if (results.TryGetValue(key, out var known))
            {
                error = string.Empty;
                return known.ForServer(server.Name);
            }

            var result = EvaluateOnce(server, out error);
            if (result != null)
            {
                results[key] = result;
            }

            return result;
        }

        private static string CacheKey(ServerFacts server)
        {
            var overrides = server.SettingOverrides == null || !server.SettingOverridesComplete
                ? "unknown" + (server.SettingOverrides == null ? string.Empty : ":" + string.Join(";", server.SettingOverrides.Where(o => o.AppliesTo(server.Name)).Select(o => o.ToString())))
                : string.Join(";", server.SettingOverrides.Where(o => o.AppliesTo(server.Name)).Select(o => o.ToString()));
            return server.Build + "|" + server.BuildSource + "|" + server.IsEdge + "|" + string.Join(",", server.MitigationsApplied) + "|" + overrides;
        }

        private ServerExposure? EvaluateOnce(ServerFacts server, out string error)
        {
            var resolution = store.Catalog.Resolve(server.Build);
            if (resolution == null)
            {
                error = $"Build {server.Build} of '{server.Name}' belongs to no Exchange product or CU the advisory data knows (Exchange 2013 and later: 15.0, 15.1, 15.2).";
                return null;
            }

            error = string.Empty;
            var records = new List<ExposureRecord>();
            if (resolution.IsBeyondCatalog)
            {
                records.Add(BeyondCatalogRecord(server, resolution));
            }

            foreach (var vulnerability in byProduct[resolution.Product.Id])
            {
                var record = Judge(server, resolution, vulnerability);
                if (record != null)
                {
                    records.Add(record);
                }
            }

            if (!resolution.Product.IsSupportedOn(asOf))
            {
                records.Add(UnsupportedRecord(server, resolution));
            }

            return new ServerExposure(records, Summarize(server, resolution, records));
        }

        private ExposureRecord? Judge(ServerFacts server, BuildResolution resolution, Vulnerability vulnerability)
        {
            var outcomes = vulnerability.FixedBy
                .Select(key => FixRule.Check(store.Catalog, resolution, server.BuildSource, key))
                .Where(o => o != null)
                .Select(o => o!)
                .ToList();
            if (outcomes.Count == 0)
            {
                if (vulnerability.Requires.Length == 0)
                {
                    return null; // the product never received any fixing update: Microsoft treats it as not affected
                }

                // A product released after the fix (Exchange SE and Aug22SU) contains the code; its configuration part still applies.
                outcomes.Add(new KeyOutcome(ExposureStatus.Patched, null, $"{resolution.Product.Name} contains the code fix of {string.Join(", ", vulnerability.FixedBy)}."));
            }

            var worst = outcomes.FirstOrDefault(o => o.Status == ExposureStatus.Vulnerable)
                ?? outcomes.FirstOrDefault(o => o.Status == ExposureStatus.Unknown)
                ?? outcomes.Last();
            var record = NewRecord(server, resolution, vulnerability);
            record.Status = worst.Status;
            record.Reason = worst.Reason;
            record.FixedIn = FixedInText(resolution, vulnerability, outcomes);
            record.Recommendation = worst.Status == ExposureStatus.Unknown
                ? "Pass the ExSetup.exe file version with -Build (for example (Get-Command ExSetup.exe).FileVersionInfo) to decide; if the update is missing, install " + record.FixedIn + "."
                : "Install " + record.FixedIn + ".";

            var disabling = DisablingOverride(server, vulnerability);
            if (disabling != null)
            {
                record.Status = ExposureStatus.Vulnerable;
                record.Reason = (worst.Status == ExposureStatus.Patched ? "The build has the fix, but " : worst.Reason + " Also, ") + $"the setting override {disabling} switches the fix off.";
                record.Recommendation = $"Remove the setting override '{disabling.Name}' (Remove-SettingOverride), then refresh with Get-ExchangeDiagnosticInfo -Process Microsoft.Exchange.Directory.TopologyService -Component VariantConfiguration -Argument Refresh and restart the affected services."
                    + (worst.Status == ExposureStatus.Patched ? string.Empty : " Install " + record.FixedIn + ".");
                return record;
            }

            if (record.Status == ExposureStatus.Patched && vulnerability.Requires.Length > 0)
            {
                var open = vulnerability.Requires.Where(r => !IsSatisfied(server, resolution, vulnerability, r)).ToArray();
                if (open.Length > 0)
                {
                    record.Status = ExposureStatus.ConfigurationRequired;
                    record.Reason = "The build has the code fix; the fix also needs configuration that the input does not show: " + string.Join(" ", open.Select(r => r.Check + ": " + r.Description));
                    record.Recommendation = "Check " + string.Join(" and ", open.Select(r => r.Check.ToString())) + " on this server (Health Checker reports it), and correct it where it does not hold.";
                }
            }

            if (record.Status == ExposureStatus.Vulnerable || record.Status == ExposureStatus.Unknown)
            {
                var mitigation = AppliedMitigation(server, vulnerability.Cve);
                if (mitigation != null)
                {
                    record.Reason += $" Mitigation {mitigation} is applied, so it is mitigated but not patched.";
                    record.Status = ExposureStatus.Mitigated;
                }
            }

            return record;
        }

        /// <summary>
        /// A requirement is met when the server's CU carries it (satisfiedFrom), or, for serialized-data signing, when
        /// the setting overrides are known and none switches it off (it is on by default from Nov23SU).
        /// </summary>
        private bool IsSatisfied(ServerFacts server, BuildResolution resolution, Vulnerability vulnerability, ConfigurationRequirement requirement)
        {
            foreach (var entry in requirement.SatisfiedFrom)
            {
                var parts = entry.Split(' ');
                var cu = store.Catalog.CuRelease(parts[0], parts[1]);
                if (cu != null && string.Equals(cu.Product.Id, resolution.Product.Id, StringComparison.OrdinalIgnoreCase) && resolution.CumulativeUpdate.Build >= cu.Build)
                {
                    return true;
                }
            }

            return requirement.Check == ConfigurationCheck.SerializedDataSigning && server.SettingOverrides != null && server.SettingOverridesComplete && vulnerability.DisabledBy.Length > 0;
        }

        private static SettingOverrideFact? DisablingOverride(ServerFacts server, Vulnerability vulnerability) =>
            server.SettingOverrides?
                .Where(o => o.AppliesTo(server.Name))
                .FirstOrDefault(o => vulnerability.DisabledBy.Any(o.Disables));

        private string? AppliedMitigation(ServerFacts server, string cve)
        {
            foreach (var applied in server.MitigationsApplied)
            {
                foreach (var (id, cves) in mitigations)
                {
                    // Admin tools show sub-ids such as M2.1.0 for mitigation M2.
                    var matches = string.Equals(applied, id, StringComparison.OrdinalIgnoreCase)
                        || applied.StartsWith(id + ".", StringComparison.OrdinalIgnoreCase);
                    if (matches && cves.Contains(cve, StringComparer.OrdinalIgnoreCase))
                    {
                        return applied;
                    }
                }
            }

            return null;
        }

        private static string FixedInText(BuildResolution resolution, Vulnerability vulnerability, List<KeyOutcome> outcomes)
        {
            var fixes = outcomes.Where(o => o.Fix != null).Select(o => o.Fix!).ToList();
            if (fixes.Count == 0)
            {
                return string.Join(", ", vulnerability.FixedBy) + " (contained in " + resolution.CumulativeUpdate.CumulativeUpdate + ")";
            }

            return fixes.OrderBy(f => f.Build).Last().InstallName;
        }

        private ExposureRecord NewRecord(ServerFacts server, BuildResolution resolution, Vulnerability vulnerability)
        {
            var record = NewRecord(server, resolution);
            record.AdvisoryId = vulnerability.AdvisoryId;
            record.Cve = vulnerability.Cve;
            record.Title = titles.TryGetValue(vulnerability.AdvisoryId, out var advisoryTitle) ? vulnerability.Title + " (" + advisoryTitle + ")" : vulnerability.Title;
            record.Severity = vulnerability.Severity;
            record.Exploited = vulnerability.Exploited;
            record.Link = vulnerability.References.FirstOrDefault() ?? (vulnerability.Cve.StartsWith("CVE-", StringComparison.Ordinal) ? MsrcLink + vulnerability.Cve : string.Empty);
            return record;
        }

        private static ExposureRecord NewRecord(ServerFacts server, BuildResolution resolution) => new ExposureRecord
        {
            Server = server.Name,
            Product = resolution.Product.Id,
            ProductName = resolution.Product.Name,
            CumulativeUpdate = resolution.CumulativeUpdate.CumulativeUpdate,
            SecurityUpdate = SecurityUpdateText(server, resolution),
            Build = server.Build.ToString(),
            BuildSource = server.BuildSource,
        };

        private static string SecurityUpdateText(ServerFacts server, BuildResolution resolution) =>
            server.BuildSource == BuildSource.AdminDisplayVersion ? "Unknown" : resolution.Update?.Update ?? "None";

        private ExposureRecord UnsupportedRecord(ServerFacts server, BuildResolution resolution)
        {
            var product = resolution.Product;
            var record = NewRecord(server, resolution);
            record.AdvisoryId = "Lifecycle";
            record.Title = $"{product.Name} is past its end of support ({product.EndOfSupport:yyyy-MM-dd})";
            record.Severity = Severity.High;
            record.Status = ExposureStatus.Unsupported;
            record.Reason = $"Microsoft ended support for {product.Name} on {product.EndOfSupport:yyyy-MM-dd}; vulnerabilities found later are fixed only for paying Extended Security Update customers, if at all.";
            var successor = product.Successor == null ? null : store.Catalog.FindProduct(product.Successor);
            record.Recommendation = successor == null
                ? "Move to a supported Exchange Server version."
                : $"Move to {successor.Name}; until then install every security update available to you.";
            record.FixedIn = successor?.Name ?? string.Empty;
            return record;
        }

        private static ExposureRecord BeyondCatalogRecord(ServerFacts server, BuildResolution resolution)
        {
            var record = NewRecord(server, resolution);
            record.AdvisoryId = "AdvisoryData";
            record.Title = "Build newer than the advisory data";
            record.Severity = Severity.Medium;
            record.Status = ExposureStatus.Unknown;
            record.Reason = $"Build {server.Build} is newer than every build the advisory data knows for {resolution.Product.Id} {resolution.CumulativeUpdate.CumulativeUpdate}; vulnerabilities fixed after the data was written cannot be judged.";
            record.Recommendation = "Update the module or its advisory data (see about_ExchangeHardening_Advisories; -AdvisoryPath or $env:EXCHANGEHARDENING_ADVISORYPATH for local additions).";
            return record;
        }

        private ServerExposureSummary Summarize(ServerFacts server, BuildResolution resolution, List<ExposureRecord> records)
        {
            var vulnerable = records.Where(r => r.Status == ExposureStatus.Vulnerable).ToList();
            var level = ExposureLevelRule.Of(records);
            var latest = LatestUpdate(resolution);
            return new ServerExposureSummary
            {
                Server = server.Name,
                ProductName = resolution.Product.Name,
                CumulativeUpdate = resolution.CumulativeUpdate.CumulativeUpdate,
                SecurityUpdate = SecurityUpdateText(server, resolution),
                Build = server.Build.ToString(),
                Supported = resolution.Product.IsSupportedOn(asOf),
                EndOfSupport = resolution.Product.EndOfSupport,
                LatestUpdate = latest?.InstallName ?? string.Empty,
                VulnerableCount = vulnerable.Count,
                ExploitedCount = vulnerable.Count(r => r.Exploited),
                UnknownCount = records.Count(r => r.Status == ExposureStatus.Unknown),
                Level = level,
            };
        }

        /// <summary>
        /// The update to install: the newest build of the server's own CU when that CU received the product's latest
        /// update, otherwise the newest build of the newest CU (the CU must be upgraded first).
        /// </summary>
        private BuildInfo? LatestUpdate(BuildResolution resolution)
        {
            var builds = store.Catalog.BuildsOf(resolution.Product.Id);
            var latestUpdate = builds.Where(b => !b.IsCuRelease && b.Released.HasValue).OrderBy(b => b.Released).ThenBy(b => b.Build).LastOrDefault();
            var ownCu = builds.Where(b => b.CumulativeUpdate == resolution.CumulativeUpdate.CumulativeUpdate).OrderBy(b => b.Build).ToList();
            if (latestUpdate != null && ownCu.Any(b => b.Update == latestUpdate.Update))
            {
                return ownCu.Last();
            }

            return builds.OrderBy(b => b.Build).LastOrDefault();
        }

        internal static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
