using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Exposure;
using ExchangeHardening.Engine.Tests.Data;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Exposure
{
    /// <summary>
    /// Representative builds of all four products against the shipped data, with expected CVE sets in
    /// Fixtures/expected-exposure.tsv. The sets were computed by an independent script that implements the
    /// decision rule stated in the header of tests/reference/su-cves.tsv directly from the two reference TSVs
    /// (not from the engine or the YAML), with the project's data decisions applied: E16 CU8/CU9 Mar21SU at
    /// Microsoft's build-list values, Feb19SU alias rows, CVE-2026-42897 keyed to Jul26SU, "none" rows not judged.
    ///
    /// Hand checks of the oracle (rule numbers from the su-cves.tsv header; builds from exchange-builds.tsv):
    ///
    /// 1. 15.2.1748.43 (E19 CU15 Feb26SU). CU15 was released 2025-02-10, so rule 6 leaves only 25/26 keys:
    ///    Apr25HU .24, Aug25SU .36, Oct25SU .39, Dec25SU .42, Feb26SU .43 are all at or below the build on the
    ///    newest CU that received them (CU15 itself); Jul26SU is .48 &gt; .43, so CVE-2026-42897 is the only
    ///    Vulnerable CVE. Keys below 25 count as patched, so the configuration-gated CVEs (6 Extended Protection
    ///    ids incl. CVE-2024-21410, 4 serialization-signing ids, ADV24199947, CVE-2022-21978) plus CVE-2025-53786
    ///    (Apr25HU, hybrid app) are ConfigurationRequired: 13 in all. CVE-2021-34470 is Patched: su-cves.tsv says
    ///    E19 CU10 and later carry its schema change themselves.
    /// 2. 15.1.1415.8 (E16 CU8, Health Checker's disputed Mar21SU value). Newest E16 CU with Mar21SU is CU19
    ///    (15.1.2176.9) &gt; build; own CU8 received Mar21SU at 15.1.1415.10 (our data) &gt; .8, so rule 3 fails:
    ///    the 7 Mar21SU CVEs (26855, 26857, 26858, 27065, 26412, 27078, 26854) are Vulnerable, unlike at .10.
    /// 3. 15.2.1258.38 vs .39 (E19 CU13 Nov24SU vs Nov24SUv2). CVE-2024-49040 is keyed to Nov24SUv2; the newest
    ///    E19 CU with it is CU14 (15.2.1544.14) &gt; build; own CU13 has it at .39. So .38 is Vulnerable (rule 3)
    ///    and .39 is patched; the two sets differ by exactly that CVE.
    /// 4. 15.0.1473.3 (E13 CU22 RTM). The only E13 Feb19SU build is the alias 15.0.1473.3 on CU22, the newest
    ///    (and only) CU with the key; build &gt;= it, so CVE-2019-0686/0724 are patched (rule 2). Apr19SU on CU22
    ///    is .4 &gt; .3, so CVE-2019-0817/0858 stay Vulnerable; 15.0.1473.4 closes exactly those two.
    /// 5. 15.1.2308.8 (E16 CU21 RTM, ProxyShell). Apr21SU exists for E16 CU19 and CU20 only; newest is CU20
    ///    (released 2021-03-16) at 15.1.2242.8 &lt;= build, so CVE-2021-34473/34523 are patched (rule 2); May21SU
    ///    (CVE-2021-31207) likewise via CU20 .10. Jul21SU: newest CU is CU21 itself at .14 &gt; .8 -> Vulnerable.
    ///    The set equals that of CU20 May21SU (15.1.2242.10).
    /// 6. 15.1.2375.37 (E16 CU22 Nov22SU). Jun23SU exists for E16 CU23 only (15.1.2507.27 &gt; build) and CU22
    ///    never received it, so CVE-2023-28310/32031 are Vulnerable (rule 4), as is every later E16 key.
    /// 7. 15.2.2562.17 (SE RTM). SE has builds for Aug25SU, Sep25HU, Oct25SU, Dec25SU, Feb26SU, May26HU, Jun26SU,
    ///    Jul26SU, Aug26SU only. CVEs whose products include SE and whose key has an SE build: Aug25SU (4),
    ///    Oct25SU (3), Dec25SU (2), Feb26SU (1), Jul26SU (1) = 11 Vulnerable. The Extended Protection ids and
    ///    ADV24199947 list SE but their keys (Aug22SU, Mar24SU) have no SE build: rule 1, no record at all.
    /// 8. 15.0.1497.47 (E13 CU23 Feb23SU). CVE-2023-21707 is keyed to Feb23SU (.47, patched) and Mar23SU (.48,
    ///    not installed); all keys are needed, so it is the single Vulnerable CVE.
    /// 9. 15.1.2507.6 by AdminDisplayVersion (E16 CU23). Every E16 key from 2022 on was received by CU23 at a build
    ///    above .6, so each is Unknown (the installed SU is not known); CU23 is the last CU, so none is
    ///    Vulnerable. Jul21SU (CVE-2021-34470) is a 21 key on a 2022 CU: skipped (rule 6), patched, and E16 CU21+
    ///    carries its schema change, so it is Patched rather than ConfigurationRequired.
    /// 10. 15.2.1748.50 (E19 CU15, one above Aug26SU .49): newer than every CU15 build in the catalog, so an Unknown
    ///    record with AdvisoryId "AdvisoryData"; everything else as for .49.
    /// </summary>
    public class RepresentativeBuildTests
    {
        private static readonly DateTime AsOf = new DateTime(2026, 11, 30);

        public static IEnumerable<object[]> Cases() => ExpectedCase.Load().Select(c => new object[] { c.Build, c.Source, c.Why });

        [Theory]
        [MemberData(nameof(Cases))]
        public void Build_has_the_hand_derived_exposure(string build, string source, string why)
        {
            var expected = ExpectedCase.Load().Single(c => c.Build == build && c.Source == source);
            var buildSource = (BuildSource)Enum.Parse(typeof(BuildSource), source);
            var result = Evaluate(build, buildSource);

            var problems = new List<string>();
            Compare("Vulnerable", expected.Vulnerable, Ids(result, ExposureStatus.Vulnerable), problems);
            Compare("Unknown", expected.Unknown, Ids(result, ExposureStatus.Unknown), problems);
            Compare("ConfigurationRequired", expected.ConfigurationRequired, Ids(result, ExposureStatus.ConfigurationRequired), problems);
            var patched = result.Records.Count(r => r.Status == ExposureStatus.Patched);
            if (patched != expected.PatchedCount)
            {
                problems.Add($"Patched: expected {expected.PatchedCount} records, got {patched}");
            }

            Assert.True(problems.Count == 0, $"{build} ({source}) - {why}\n" + string.Join("\n", problems));
            Assert.DoesNotContain(result.Records, r => r.Status == ExposureStatus.Mitigated);

            // Every product but SE is past its end of support on 2026-11-30: exactly one lifecycle record.
            var isSe = build.StartsWith("15.2.", StringComparison.Ordinal) && ExchangeBuild.Parse(build).Build >= 2562;
            Assert.Equal(isSe ? 0 : 1, result.Records.Count(r => r.Status == ExposureStatus.Unsupported && r.AdvisoryId == "Lifecycle"));
            Assert.All(result.Records, r => Assert.Equal(build, r.Build));
            Assert.All(result.Records, r => Assert.Equal(buildSource, r.BuildSource));

            // The summary counts what the records say; AdminDisplayVersion cannot name the installed update.
            Assert.Equal(expected.Vulnerable.Count, result.Summary.VulnerableCount);
            Assert.Equal(expected.Unknown.Count, result.Summary.UnknownCount);
            if (buildSource == BuildSource.AdminDisplayVersion)
            {
                Assert.Equal("Unknown", result.Summary.SecurityUpdate);
                Assert.All(result.Records, r => Assert.Equal("Unknown", r.SecurityUpdate));
            }

            if (!isSe)
            {
                Assert.Equal(ExposureLevel.Red, result.Summary.Level); // past end of support on 2026-11-30
            }
        }

        // SE levels by hand: RTM..Jun26SU miss the exploited CVE-2026-42897 (Red); Aug26SU has nothing open (Green);
        // a build beyond the catalog has only the AdvisoryData Unknown record (Yellow).
        [Theory]
        [InlineData("15.2.2562.17", ExposureLevel.Red)]
        [InlineData("15.2.2562.43", ExposureLevel.Red)]
        [InlineData("15.2.2562.45", ExposureLevel.Yellow)]
        [InlineData("15.2.2562.46", ExposureLevel.Yellow)]
        [InlineData("15.2.2562.50", ExposureLevel.Yellow)]
        public void SE_summary_level(string build, ExposureLevel level)
        {
            Assert.Equal(level, Evaluate(build, BuildSource.FileVersion).Summary.Level);
        }

        [Fact]
        public void Fixture_covers_all_four_products_with_enough_cases()
        {
            var cases = ExpectedCase.Load();
            var fileVersion = cases.Where(c => c.Source == nameof(BuildSource.FileVersion)).ToList();
            Assert.True(fileVersion.Count >= 30, $"only {fileVersion.Count} FileVersion cases");
            Assert.True(cases.Count(c => c.Source == nameof(BuildSource.AdminDisplayVersion)) >= 6);
            var products = cases.Select(c => ShippedData.Store.Catalog.FindProduct(ExchangeBuild.Parse(c.Build))!.Id).Distinct().OrderBy(p => p);
            Assert.Equal(new[] { "Exchange2013", "Exchange2016", "Exchange2019", "ExchangeSE" }, products);
            Assert.All(cases, c => Assert.False(string.IsNullOrWhiteSpace(c.Why)));
            Assert.Equal(cases.Count, cases.Select(c => (c.Build, c.Source)).Distinct().Count());
        }

        // Hand checks that do not depend on the fixture (see the numbered reasoning above).

        [Fact]
        public void E19_CU15_Feb26SU_misses_only_the_July_2026_fix()
        {
            var result = Evaluate("15.2.1748.43", BuildSource.FileVersion);
            Assert.Equal(new[] { "CVE-2026-42897" }, Ids(result, ExposureStatus.Vulnerable));
            Assert.Equal(13, Ids(result, ExposureStatus.ConfigurationRequired).Count);
            Assert.Equal(ExposureStatus.Patched, result.Records.Single(r => r.Cve == "CVE-2021-34470").Status);
            Assert.Empty(Ids(result, ExposureStatus.Unknown));
        }

        [Fact]
        public void E16_CU8_at_the_Health_Checker_Mar21SU_value_is_missing_exactly_the_Mar21SU_CVEs()
        {
            var low = Ids(Evaluate("15.1.1415.8", BuildSource.FileVersion), ExposureStatus.Vulnerable);
            var high = Ids(Evaluate("15.1.1415.10", BuildSource.FileVersion), ExposureStatus.Vulnerable);
            Assert.Equal(
                new[] { "CVE-2021-26412", "CVE-2021-26854", "CVE-2021-26855", "CVE-2021-26857", "CVE-2021-26858", "CVE-2021-27065", "CVE-2021-27078" },
                low.Except(high).OrderBy(x => x, StringComparer.Ordinal));
            Assert.Empty(high.Except(low));
        }

        [Fact]
        public void E19_CU13_first_November_2024_release_differs_from_v2_by_CVE_2024_49040_only()
        {
            var v1 = Ids(Evaluate("15.2.1258.38", BuildSource.FileVersion), ExposureStatus.Vulnerable);
            var v2 = Ids(Evaluate("15.2.1258.39", BuildSource.FileVersion), ExposureStatus.Vulnerable);
            Assert.Equal(new[] { "CVE-2024-49040" }, v1.Except(v2));
            Assert.Empty(v2.Except(v1));
        }

        [Fact]
        public void E16_CU21_RTM_counts_the_ProxyShell_fixes_of_CU20()
        {
            var cu21 = Evaluate("15.1.2308.8", BuildSource.FileVersion);
            var vulnerable = Ids(cu21, ExposureStatus.Vulnerable);
            Assert.DoesNotContain("CVE-2021-34473", vulnerable);
            Assert.DoesNotContain("CVE-2021-34523", vulnerable);
            Assert.DoesNotContain("CVE-2021-31207", vulnerable);
            Assert.Contains("CVE-2021-31206", vulnerable); // Jul21SU: CU21's own build .14 is above RTM
            Assert.Equal(Ids(Evaluate("15.1.2242.10", BuildSource.FileVersion), ExposureStatus.Vulnerable), vulnerable);

            var cu20Apr = Ids(Evaluate("15.1.2242.8", BuildSource.FileVersion), ExposureStatus.Vulnerable);
            Assert.DoesNotContain("CVE-2021-34473", cu20Apr);
            Assert.Contains("CVE-2021-31207", cu20Apr); // the last ProxyShell link needs May21SU
        }

        [Fact]
        public void SE_RTM_is_judged_only_by_keys_that_have_an_SE_build()
        {
            var result = Evaluate("15.2.2562.17", BuildSource.FileVersion);
            Assert.Equal(
                new[]
                {
                    "CVE-2025-25005", "CVE-2025-25006", "CVE-2025-25007", "CVE-2025-33051", "CVE-2025-53782", "CVE-2025-59248",
                    "CVE-2025-59249", "CVE-2025-64666", "CVE-2025-64667", "CVE-2026-21527", "CVE-2026-42897",
                },
                Ids(result, ExposureStatus.Vulnerable));
            // No SE build of Aug22SU or Mar24SU exists: SE contains that code, so only their configuration part is left.
            Assert.Equal(ExposureStatus.ConfigurationRequired, result.Records.Single(r => r.Cve == "CVE-2024-21410").Status);
            Assert.Equal(ExposureStatus.ConfigurationRequired, result.Records.Single(r => r.Cve == "ADV24199947").Status);
        }

        [Fact]
        public void E13_CU23_Feb23SU_still_needs_Mar23SU_for_CVE_2023_21707()
        {
            var result = Evaluate("15.0.1497.47", BuildSource.FileVersion);
            Assert.Equal(new[] { "CVE-2023-21707" }, Ids(result, ExposureStatus.Vulnerable));
        }

        [Fact]
        public void Build_newer_than_the_catalog_gets_an_AdvisoryData_record()
        {
            var result = Evaluate("15.2.1748.50", BuildSource.FileVersion);
            var record = Assert.Single(result.Records, r => r.AdvisoryId == "AdvisoryData");
            Assert.Equal(ExposureStatus.Unknown, record.Status);
            Assert.Empty(Ids(result, ExposureStatus.Vulnerable));
            Assert.DoesNotContain(Evaluate("15.2.1748.49", BuildSource.FileVersion).Records, r => r.AdvisoryId == "AdvisoryData");
        }

        internal static ServerExposure Evaluate(string build, BuildSource source, DateTime? asOf = null)
        {
            var evaluator = new ExposureEvaluator(ShippedData.Store, asOf ?? AsOf);
            var result = evaluator.Evaluate(new ServerFacts("EX1", ExchangeBuild.Parse(build), source), out var error);
            Assert.True(result != null, error);
            return result!;
        }

        /// <summary>The CVE (or advisory id for data/lifecycle records) of every record with the status, sorted ordinally.</summary>
        internal static List<string> Ids(ServerExposure result, ExposureStatus status) =>
            result.Records.Where(r => r.Status == status)
                .Select(r => string.IsNullOrEmpty(r.Cve) ? r.AdvisoryId : r.Cve)
                .OrderBy(x => x, StringComparer.Ordinal)
                .ToList();

        private static void Compare(string what, IReadOnlyCollection<string> expected, IReadOnlyCollection<string> actual, List<string> problems)
        {
            var missing = expected.Except(actual).ToList();
            var extra = actual.Except(expected).ToList();
            if (actual.Count != actual.Distinct().Count())
            {
                problems.Add($"{what}: duplicate records: {string.Join(",", actual.GroupBy(x => x).Where(g => g.Count() > 1).Select(g => g.Key))}");
            }

            if (missing.Count > 0)
            {
                problems.Add($"{what}: expected but not reported: {string.Join(",", missing)}");
            }

            if (extra.Count > 0)
            {
                problems.Add($"{what}: reported but not expected: {string.Join(",", extra)}");
            }
        }

        internal sealed class ExpectedCase
        {
            private static readonly Lazy<IReadOnlyList<ExpectedCase>> All = new Lazy<IReadOnlyList<ExpectedCase>>(Read);

            public string Build { get; private set; } = string.Empty;

            public string Source { get; private set; } = string.Empty;

            public IReadOnlyList<string> Vulnerable { get; private set; } = Array.Empty<string>();

            public IReadOnlyList<string> Unknown { get; private set; } = Array.Empty<string>();

            public IReadOnlyList<string> ConfigurationRequired { get; private set; } = Array.Empty<string>();

            public int PatchedCount { get; private set; }

            public string Why { get; private set; } = string.Empty;

            public static IReadOnlyList<ExpectedCase> Load() => All.Value;

            private static IReadOnlyList<ExpectedCase> Read()
            {
                var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "expected-exposure.tsv");
                var cases = new List<ExpectedCase>();
                var why = string.Empty;
                var headerSeen = false;
                foreach (var line in File.ReadAllLines(path))
                {
                    if (line.StartsWith("# why:", StringComparison.Ordinal))
                    {
                        why = line.Substring("# why:".Length).Trim();
                        continue;
                    }

                    if (line.Length == 0 || line.StartsWith("#", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var cols = line.Split('\t');
                    if (!headerSeen)
                    {
                        Assert.Equal(new[] { "build", "source", "vulnerable", "unknown", "configurationRequired", "patchedCount" }, cols);
                        headerSeen = true;
                        continue;
                    }

                    Assert.True(cols.Length == 6, "bad fixture line: " + line);
                    cases.Add(new ExpectedCase
                    {
                        Build = cols[0],
                        Source = cols[1],
                        Vulnerable = List(cols[2]),
                        Unknown = List(cols[3]),
                        ConfigurationRequired = List(cols[4]),
                        PatchedCount = int.Parse(cols[5], System.Globalization.CultureInfo.InvariantCulture),
                        Why = why,
                    });
                    why = string.Empty;
                }

                return cases;
            }

            private static IReadOnlyList<string> List(string column) =>
                column == "-" ? Array.Empty<string>() : column.Split(',').Select(s => s.Trim()).ToArray();
        }
    }
}
