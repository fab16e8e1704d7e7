using System;
using System.IO;
using System.Linq;
using ExchangeHardening.Engine.Builds;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Data
{
    /// <summary>The shipped YAML against the reference facts: complete, consistent, no duplicates.</summary>
    public class ShippedDataTests
    {
        [Fact]
        public void Shipped_data_loads_without_errors()
        {
            var errors = ShippedData.Result.Errors.Select(e => e.ToString()).ToArray();
            Assert.True(errors.Length == 0, string.Join(Environment.NewLine, errors));
            Assert.Empty(ShippedData.Result.Notices);
        }

        [Fact]
        public void Every_reference_build_row_is_in_the_catalog()
        {
            var catalog = ShippedData.Store.Catalog;
            var missing = new System.Collections.Generic.List<string>();
            foreach (var row in ReferenceTable.Read("exchange-builds.tsv"))
            {
                var product = row["product"];
                var build = ExchangeBuild.Parse(row["build"]);
                var label = $"{product} {row["cu"]} {row["update_name"]} {row["build"]}";
                var candidates = catalog.BuildsOf(product).Where(b => b.CumulativeUpdate == row["cu"] && b.Update == row["update_name"]).ToList();
                var exact = candidates.FirstOrDefault(b => b.Build == build);
                if (exact == null)
                {
                    // A disputed value the catalog did not pick must still be recorded, as a comment, in the catalog file.
                    var disputed = row["note"].Contains("disputed", StringComparison.Ordinal)
                        && candidates.Count == 1
                        && File.ReadAllText(Path.Combine(ShippedData.Directory, "Catalog", product + ".yaml")).Contains(row["build"], StringComparison.Ordinal);
                    if (!disputed)
                    {
                        missing.Add(label + ": not in the catalog");
                    }

                    continue;
                }

                if (row["release_date"].Length > 0 && exact.Released?.ToString("yyyy-MM-dd") != row["release_date"])
                {
                    missing.Add($"{label}: released {exact.Released:yyyy-MM-dd}, reference {row["release_date"]}");
                }

                if (row["kb"].Length > 0 && exact.Kb != row["kb"])
                {
                    missing.Add($"{label}: {exact.Kb}, reference {row["kb"]}");
                }
            }

            Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
        }

        [Fact]
        public void Every_reference_vulnerability_is_covered_once()
        {
            var reference = ReferenceTable.Read("su-cves.tsv");
            var expected = reference.Select(r => r["cve"]).Distinct().OrderBy(c => c).ToArray();
            var actual = ShippedData.Store.Vulnerabilities.Select(v => v.Cve).OrderBy(c => c).ToArray();
            Assert.Equal(132, expected.Length);
            Assert.Equal(expected, actual);
            Assert.Equal(actual.Length, actual.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }

        [Fact]
        public void Products_and_fixing_updates_agree_with_the_reference()
        {
            var problems = new System.Collections.Generic.List<string>();
            foreach (var group in ReferenceTable.Read("su-cves.tsv").GroupBy(r => r["cve"]))
            {
                var vulnerability = ShippedData.Store.FindVulnerability(group.Key)!;
                foreach (var row in group)
                {
                    var products = row["products"].Split(',');
                    if (!products.OrderBy(p => p).SequenceEqual(vulnerability.Products.OrderBy(p => p)))
                    {
                        problems.Add($"{group.Key}: products {string.Join(",", vulnerability.Products)}, reference {row["products"]}");
                    }
                }

                var keys = group.Select(r => r["update_name"]).Distinct().ToArray();
                var disputedCandidates = group.Any(r => r["note"].Contains("candidate fix", StringComparison.Ordinal));
                if (keys.SequenceEqual(new[] { "none" }))
                {
                    if (vulnerability.FixedBy.Length != 0)
                    {
                        problems.Add($"{group.Key}: no Exchange update fixes it, but fixedBy is {string.Join(",", vulnerability.FixedBy)}");
                    }
                }
                else if (disputedCandidates)
                {
                    // The reference keeps two candidate fixes; the data picks one and records the other in a comment.
                    if (vulnerability.FixedBy.Length != 1 || !keys.Contains(vulnerability.FixedBy[0]))
                    {
                        problems.Add($"{group.Key}: fixedBy must be one of {string.Join(",", keys)}");
                    }
                }
                else if (!keys.OrderBy(k => k).SequenceEqual(vulnerability.FixedBy.OrderBy(k => k)))
                {
                    problems.Add($"{group.Key}: fixedBy {string.Join(",", vulnerability.FixedBy)}, reference {string.Join(",", keys)}");
                }
            }

            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        }

        [Fact]
        public void Configuration_gated_fixes_are_expressed_as_data()
        {
            foreach (var row in ReferenceTable.Read("su-cves.tsv").Where(r => r["fix_also_requires"].Length > 0))
            {
                var vulnerability = ShippedData.Store.FindVulnerability(row["cve"])!;
                if (row["note"].StartsWith("[hc-override]", StringComparison.Ordinal))
                {
                    Assert.True(vulnerability.DisabledBy.Length > 0, row["cve"] + " must name the setting overrides that reopen it");
                }
                else
                {
                    Assert.True(vulnerability.Requires.Length > 0, row["cve"] + " must name the configuration its fix also needs");
                }
            }

            var multi = ShippedData.Store.FindVulnerability("CVE-2025-59248")!;
            Assert.Equal(3, multi.DisabledBy.Length);
            Assert.Contains(ShippedData.Store.FindVulnerability("CVE-2024-49040")!.DisabledBy, o => o.Matches("Transport", "NonCompliantSenderSettings", "AddP2FromRegexMatchHeader", "false"));
            Assert.Equal(ConfigurationCheck.ExtendedProtection, ShippedData.Store.FindVulnerability("CVE-2024-21410")!.Requires.Single().Check);
            Assert.Equal(ConfigurationCheck.SerializedDataSigning, ShippedData.Store.FindVulnerability("CVE-2023-36050")!.Requires.Single().Check);
        }

        [Fact]
        public void Every_fixing_update_exists_in_the_catalog_of_an_affected_product()
        {
            var catalog = ShippedData.Store.Catalog;
            foreach (var vulnerability in ShippedData.Store.Vulnerabilities)
            {
                foreach (var key in vulnerability.FixedBy)
                {
                    Assert.True(vulnerability.Products.Any(p => catalog.HasUpdate(p, key)), $"{vulnerability.Cve}: {key}");
                }

                Assert.All(vulnerability.FixedIn, f => Assert.Contains(catalog.BuildsOf(f.Product), b => b.Build.ToString() == f.Build && b.Update == f.Update));
            }
        }

        [Fact]
        public void Advisory_ids_are_unique_and_named_campaigns_exist()
        {
            var ids = ShippedData.Store.Advisories.Select(a => a.Id).ToArray();
            Assert.Equal(ids.Length, ids.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.Contains("ProxyLogon", ids);
            Assert.Contains("ProxyShell", ids);
            Assert.Contains("ProxyNotShell", ids);
            Assert.Contains("OWASSRF", ids);
            Assert.Equal("ProxyLogon", ShippedData.Store.FindVulnerability("CVE-2021-26855")!.AdvisoryId);
        }

        [Theory]
        [InlineData("CVE-2021-26855")]
        [InlineData("CVE-2021-26857")]
        [InlineData("CVE-2021-26858")]
        [InlineData("CVE-2021-27065")]
        [InlineData("CVE-2021-34473")]
        [InlineData("CVE-2021-34523")]
        [InlineData("CVE-2021-31207")]
        [InlineData("CVE-2022-41040")]
        [InlineData("CVE-2022-41082")]
        [InlineData("CVE-2022-41080")]
        [InlineData("CVE-2020-0688")]
        [InlineData("CVE-2024-21410")]
        public void Vulnerabilities_exploited_in_the_wild_are_marked(string cve)
        {
            Assert.True(ShippedData.Store.FindVulnerability(cve)!.Exploited);
        }

        [Fact]
        public void Product_lifecycle_and_build_ranges_match_the_reference()
        {
            var catalog = ShippedData.Store.Catalog;
            Assert.Equal(new DateTime(2023, 4, 11), catalog.FindProduct("Exchange2013")!.EndOfSupport);
            Assert.Equal(new DateTime(2025, 10, 14), catalog.FindProduct("Exchange2016")!.EndOfSupport);
            Assert.Equal(new DateTime(2025, 10, 14), catalog.FindProduct("Exchange2019")!.EndOfSupport);
            Assert.Null(catalog.FindProduct("ExchangeSE")!.EndOfSupport);
            Assert.Equal("ExchangeSE", catalog.FindProduct(ExchangeBuild.Parse("15.2.2562.17"))!.Id);
            Assert.Equal("Exchange2019", catalog.FindProduct(ExchangeBuild.Parse("15.2.1748.43"))!.Id);
            Assert.Equal("Exchange2016", catalog.FindProduct(ExchangeBuild.Parse("15.1.2507.66"))!.Id);
            Assert.Equal("Exchange2013", catalog.FindProduct(ExchangeBuild.Parse("15.0.1497.48"))!.Id);
            Assert.Equal("CU22", catalog.FindProduct("Exchange2016")!.EmergencyMitigationFrom);
            Assert.Equal("CU11", catalog.FindProduct("Exchange2019")!.EmergencyMitigationFrom);
        }

        [Fact]
        public void Emergency_mitigations_are_in_the_data_with_their_CVEs()
        {
            var mitigations = ShippedData.Store.Mitigations.ToDictionary(m => m.Name, m => (Resources.MitigationSpec)m.Spec);
            Assert.Equal(new[] { "CVE-2022-41040" }, mitigations["M1"].Mitigates);
            Assert.Equal(new[] { "Nov22SU" }, mitigations["M1"].FixedBy);
            Assert.Equal(new[] { "CVE-2026-42897" }, mitigations["M2"].Mitigates);
            Assert.Empty(mitigations["PING1"].Mitigates!);
            Assert.Equal(RewriteDirection.Outbound, mitigations["M2"].Rules!.Single().Direction);
        }

        [Fact]
        public void The_Feb19SU_quirk_is_in_the_data()
        {
            // Health Checker gives Feb19SU the CU release build on these three CUs, so those builds count as having it.
            var catalog = ShippedData.Store.Catalog;
            Assert.Equal("15.0.1473.3", catalog.UpdateBuilds("Exchange2013", "Feb19SU").Single().Build.ToString());
            Assert.Equal("15.1.1713.5", catalog.UpdateBuilds("Exchange2016", "Feb19SU").Single().Build.ToString());
            Assert.Equal("15.2.330.5", catalog.UpdateBuilds("Exchange2019", "Feb19SU").Single().Build.ToString());
        }
    }
}
