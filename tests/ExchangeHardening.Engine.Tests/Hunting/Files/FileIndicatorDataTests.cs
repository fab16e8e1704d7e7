using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Hunting.Files;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Tests.Data;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Hunting.Files
{
    /// <summary>The shipped FileIndicators data: usable by the analyzers, and holding only the published facts.</summary>
    public class FileIndicatorDataTests
    {
        private static readonly EvidenceSourceType[] FileSources =
        {
            EvidenceSourceType.WebFile, EvidenceSourceType.StagingFile, EvidenceSourceType.IisConfiguration, EvidenceSourceType.EomtLog,
            EvidenceSourceType.EomtSummary, EvidenceSourceType.MsertLog, EvidenceSourceType.PatchStateExport, EvidenceSourceType.TestProxyLogonOutput,
        };

        [Fact]
        public void Every_shipped_file_indicator_compiles()
        {
            var set = IndicatorSet.Compile(ShippedData.Store, FileSources, FindingCategory.WebShell);
            Assert.Empty(set.Errors);
            var shipped = ShippedData.Store.Indicators.Where(r => r.File.Replace('\\', '/').Contains("/FileIndicators/")).Select(r => r.Name).OrderBy(n => n).ToList();
            Assert.Equal(shipped, set.Indicators.Select(i => i.Name).OrderBy(n => n).ToList());
        }

        [Fact]
        public void Rule_ids_are_the_implemented_ones()
        {
            var set = IndicatorSet.Compile(ShippedData.Store, FileSources, FindingCategory.WebShell);
            var expected = new[]
            {
                "EXH-CT-001", "EXH-CT-003", "EXH-CT-006", "EXH-CT-015",
                "EXH-EOMT-001", "EXH-EOMT-002", "EXH-EOMT-003", "EXH-EOMT-004", "EXH-EOMT-005", "EXH-EOMT-006",
                "EXH-MIT-001", "EXH-MIT-002", "EXH-MIT-003", "EXH-MIT-004", "EXH-MIT-005",
                "EXH-WS-001", "EXH-WS-002", "EXH-WS-003", "EXH-WS-004", "EXH-WS-005", "EXH-WS-006", "EXH-WS-007", "EXH-WS-010", "EXH-WS-011",
            };
            Assert.Equal(expected, set.Indicators.Select(i => i.RuleId).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToArray());
        }

        [Fact]
        public void Shipped_hashes_are_exactly_the_48_published_ones()
        {
            var hashes = ShippedData.Store.Indicators.Select(r => (IndicatorSpec)r.Spec).SelectMany(s => s.Sha256 ?? new List<string>()).ToList();
            Assert.Equal(48, hashes.Count);
            Assert.Equal(48, hashes.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
            Assert.Contains("b75f163ca9b9240bf4b37ad92bc7556b40a17e27c2b8ed5c8991385fe07d17d0", hashes);
            Assert.Contains("2b6f1ebb2208e93ade4a6424555d6a8341fd6d9f60c25e44afe11008f5c1aad1", hashes);
        }

        [Fact]
        public void Mstic_feed_has_its_99_unique_paths()
        {
            var feed = ShippedData.Store.Indicators.Where(r => r.Name.StartsWith("EXH-WS-002-mstic-", StringComparison.Ordinal)).Select(r => (IndicatorSpec)r.Spec).ToList();
            var paths = feed.SelectMany(s => s.Paths!.SelectMany(p => s.FileNames!.Select(n => (p + "\\" + n).ToUpperInvariant()))).Distinct().ToList();
            Assert.Equal(99, paths.Count);
        }

        [Theory]
        [InlineData("inetpub\\wwwroot\\aspnet_client\\**", "/srv/case/C/inetpub/wwwroot/aspnet_client/system_web/x", true)]
        [InlineData("inetpub\\wwwroot\\aspnet_client", "C:\\inetpub\\wwwroot\\aspnet_client\\system_web", false)]
        [InlineData("FrontEnd\\HttpProxy\\owa\\auth\\15.*.*.*\\**", "D:\\Ex\\FrontEnd\\HttpProxy\\OWA\\Auth\\15.2.1118.20\\scripts", true)]
        [InlineData("FrontEnd\\HttpProxy\\owa\\auth\\15.*.*.*\\**", "D:\\Ex\\FrontEnd\\HttpProxy\\owa\\auth\\Current", false)]
        [InlineData("ProgramData", "C:\\ProgramData", true)]
        [InlineData("ProgramData", "C:\\ProgramData\\Vendor", false)]
        public void Path_patterns_match_trailing_folders(string pattern, string folder, bool expected)
        {
            Assert.Equal(expected, new PathPattern(pattern).MatchesFolder(PathPattern.Split(folder)));
        }

        [Theory]
        [InlineData("lsass*.dmp", "LSASS_1.DMP", true)]
        [InlineData("App_Web_*.dll", "App_Web_ab12cd34.dll", true)]
        [InlineData("*Cve-2021-26855*.csv", "EXCH01-Cve-2021-26855.csv", true)]
        [InlineData("*.aspx", "x.aspx.txt", false)]
        [InlineData("a?c", "abc", true)]
        [InlineData("a?c", "ac", false)]
        public void Wildcards(string pattern, string name, bool expected)
        {
            Assert.Equal(expected, new WildcardPattern(pattern).IsMatch(name));
        }

        [Fact]
        public void Bad_indicator_data_is_reported_with_its_file_and_left_out()
        {
            using (var layer = new TempDirectory())
            {
                layer.Write("bad.yaml", "apiVersion: exchangehardening/v1\nkind: Indicator\nmetadata:\n  name: TEST-BAD-REGEX\nspec:\n  ruleId: EXH-WS-004\n  source: WebFile\n  category: WebShell\n  severity: High\n  confidence: High\n  recommendation: Test only.\n  contentTraits:\n    - name: broken\n      pattern: '(unclosed'\n");
                var store = HuntingFileFixtures.StoreWith(layer);
                var set = IndicatorSet.Compile(store, new[] { EvidenceSourceType.WebFile }, FindingCategory.WebShell);
                var error = Assert.Single(set.Errors);
                Assert.EndsWith("bad.yaml", error.File);
                Assert.Contains("TEST-BAD-REGEX", error.Message);
                Assert.DoesNotContain(set.Indicators, i => i.Name == "TEST-BAD-REGEX");
            }
        }
    }
}
