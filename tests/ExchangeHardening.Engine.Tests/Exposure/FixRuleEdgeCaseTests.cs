using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeHardening.Engine.Advisories;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Exposure;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Tests.Advisories;
using ExchangeHardening.Engine.Tests.Data;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Exposure
{
    /// <summary>
    /// Edge cases of Microsoft's fix rule (rules 1-6 of the tests/reference/su-cves.tsv header) and of the
    /// configuration, override, mitigation, lifecycle and summary handling around it. Expected values are
    /// derived by hand from the reference TSVs; each test says why.
    /// </summary>
    public class FixRuleEdgeCaseTests
    {
        private static readonly DateTime AsOf = new DateTime(2026, 11, 30);

        // Rule 4: Jun23SU exists for E16 CU23 only (15.1.2507.27). CU22's last build (Nov22SU 15.1.2375.37) never
        // received it, so the server stays vulnerable and the fix named is the CU23 build (upgrade the CU first).
        [Fact]
        public void CU_that_never_received_the_key_stays_vulnerable()
        {
            var record = Record(Evaluate("15.1.2375.37"), "CVE-2023-28310");
            Assert.Equal(ExposureStatus.Vulnerable, record.Status);
            Assert.Contains("never received Jun23SU", record.Reason);
            Assert.Contains("CU23", record.FixedIn);
            Assert.Contains("15.1.2507.27", record.FixedIn);

            // With AdminDisplayVersion the answer is just as certain: no CU22 build can contain Jun23SU.
            Assert.Equal(ExposureStatus.Vulnerable, Record(Evaluate("15.1.2375.7", BuildSource.AdminDisplayVersion), "CVE-2023-28310").Status);

            // CU23 with Jun23SU is patched (control).
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.1.2507.27"), "CVE-2023-28310").Status);
        }

        // Quirk: Health Checker gives Feb19SU the CU release build on E16 CU12 (15.1.1713.5). A server at exactly that
        // build is at the key build on the newest (only) CU with Feb19SU, so it is patched (rule 2, "at or above").
        // The installed update is still reported as "None" (the CU release row wins over the alias row).
        [Fact]
        public void Update_build_equal_to_the_CU_build_counts_as_installed()
        {
            var result = Evaluate("15.1.1713.5");
            var record = Record(result, "CVE-2019-0686");
            Assert.Equal(ExposureStatus.Patched, record.Status);
            Assert.Equal("None", record.SecurityUpdate);
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.0.1473.3"), "CVE-2019-0724").Status); // E13 CU22 alias
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.2.330.5"), "CVE-2019-0686").Status); // E19 CU1 alias

            // AdminDisplayVersion names the CU build, which already is the Feb19SU build: patched, not Unknown.
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.2.330.5", BuildSource.AdminDisplayVersion), "CVE-2019-0686").Status);

            // E16 CU11 (even its last build, Mar21SU 15.1.1591.18) never received Feb19SU and is below the CU12 alias build.
            Assert.Equal(ExposureStatus.Vulnerable, Record(Evaluate("15.1.1591.18"), "CVE-2019-0686").Status);
        }

        // Re-releases are separate keys with higher builds. CVE-2024-49040 is keyed to Nov24SUv2: E16 CU23 Nov24SU
        // (15.1.2507.43) is below Nov24SUv2 (.44) -> vulnerable (rule 3). Aug23SU CVEs are keyed to the first release,
        // so Aug23SU (.31) and Aug23SUv2 (.32) are both patched for them; Jun23SU (.27) is not.
        [Fact]
        public void Re_release_is_a_separate_higher_key()
        {
            Assert.Equal(ExposureStatus.Vulnerable, Record(Evaluate("15.1.2507.43"), "CVE-2024-49040").Status);
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.1.2507.44"), "CVE-2024-49040").Status);
            Assert.Equal(ExposureStatus.Vulnerable, Record(Evaluate("15.2.1258.38"), "CVE-2024-49040").Status);
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.2.1258.39"), "CVE-2024-49040").Status);

            Assert.Equal(ExposureStatus.Vulnerable, Record(Evaluate("15.1.2507.27"), "CVE-2023-38181").Status);
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.1.2507.31"), "CVE-2023-38181").Status);
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.1.2507.32"), "CVE-2023-38181").Status);
        }

        // Hotfix updates are keys like any SU. CVE-2025-53786 is keyed to Apr25HU (E19 CU14 15.2.1544.25): below it
        // (Nov24SUv2 .14) the server is vulnerable; at it the code fix is in, and because the CVE also needs the
        // dedicated hybrid application, the status is ConfigurationRequired rather than Patched.
        [Fact]
        public void Hotfix_update_key_carries_a_CVE()
        {
            var before = Record(Evaluate("15.2.1544.14"), "CVE-2025-53786");
            Assert.Equal(ExposureStatus.Vulnerable, before.Status);
            Assert.Contains("Apr25HU", before.FixedIn);
            Assert.Contains("15.2.1544.25", before.FixedIn);
            Assert.Equal(ExposureStatus.ConfigurationRequired, Record(Evaluate("15.2.1544.25"), "CVE-2025-53786").Status);
            Assert.Equal(ExposureStatus.ConfigurationRequired, Record(Evaluate("15.1.2507.55"), "CVE-2025-53786").Status);
        }

        // Rule 6 never changes a verdict with the shipped data (checked with the oracle over every catalog build), so
        // it is tested on a small catalog where it decides: an older key (Dec20SU) shipped for a CU released in 2021.
        // On CU9 (2021) the 20 key is not evaluated -> patched, although CU9's own Dec20SU build is above the server;
        // the 21 key on the same CU is evaluated -> vulnerable (rule 3). On CU8 (2020) the 20 key is evaluated.
        [Fact]
        public void Keys_older_than_the_CU_release_year_are_not_evaluated()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", @"apiVersion: exchangehardening/v1
kind: BuildCatalog
metadata:
  name: Exchange2019
spec:
  product:
    id: Exchange2019
    name: Exchange Server 2019
    version: '15.2'
    buildBelow: 2562
    endOfSupport: 2025-10-14
  builds:
    - {cu: CU8, update: RTM, build: 15.2.792.3, released: 2020-12-15}
    - {cu: CU8, update: Dec20SU, build: 15.2.792.4, released: 2020-12-20}
    - {cu: CU9, update: RTM, build: 15.2.858.5, released: 2021-03-16}
    - {cu: CU9, update: Dec20SU, build: 15.2.858.7, released: 2021-03-20}
    - {cu: CU9, update: Apr21SU, build: 15.2.858.10, released: 2021-04-13}
");
            dir.Write("old.yaml", AdvisoryStoreLoaderTests.Advisory("Old", "CVE-2020-99001", "Dec20SU"));
            dir.Write("new.yaml", AdvisoryStoreLoaderTests.Advisory("New", "CVE-2021-99002", "Apr21SU"));
            var loaded = new AdvisoryStoreLoader().Load(new[] { new AdvisoryLayer("test", new[] { dir.Path }) });
            Assert.Empty(loaded.Errors);
            var evaluator = new ExposureEvaluator(loaded.Store, AsOf);

            var cu9 = evaluator.Evaluate(new ServerFacts("EX1", ExchangeBuild.Parse("15.2.858.5"), BuildSource.FileVersion), out _)!;
            Assert.Equal(ExposureStatus.Patched, Record(cu9, "CVE-2020-99001").Status);
            Assert.Equal(ExposureStatus.Vulnerable, Record(cu9, "CVE-2021-99002").Status);

            var cu9Adv = evaluator.Evaluate(new ServerFacts("EX1", ExchangeBuild.Parse("15.2.858.5"), BuildSource.AdminDisplayVersion), out _)!;
            Assert.Equal(ExposureStatus.Patched, Record(cu9Adv, "CVE-2020-99001").Status);
            Assert.Equal(ExposureStatus.Unknown, Record(cu9Adv, "CVE-2021-99002").Status);

            var cu8 = evaluator.Evaluate(new ServerFacts("EX1", ExchangeBuild.Parse("15.2.792.3"), BuildSource.FileVersion), out _)!;
            Assert.Equal(ExposureStatus.Vulnerable, Record(cu8, "CVE-2020-99001").Status);
        }

        // CVE-2023-21707 is listed under Feb23SU and Mar23SU; both are needed. One record, not one per key.
        // E19 CU12: Jan23SU .21 (both missing), Feb23SU .25 (Mar23SU missing), Mar23SU .26 (patched).
        [Fact]
        public void Multi_key_CVE_needs_every_key()
        {
            foreach (var (build, status) in new[] { ("15.2.1118.21", ExposureStatus.Vulnerable), ("15.2.1118.25", ExposureStatus.Vulnerable), ("15.2.1118.26", ExposureStatus.Patched) })
            {
                var result = Evaluate(build);
                Assert.Equal(status, Record(result, "CVE-2023-21707").Status);
                Assert.Single(result.Records, r => r.Cve == "CVE-2023-21707");
            }

            // On Feb23SU the other Feb23SU CVEs are closed; the remaining key is Mar23SU, which is what FixedIn names.
            var feb = Evaluate("15.2.1118.25");
            Assert.Equal(ExposureStatus.Patched, Record(feb, "CVE-2023-21706").Status);
            Assert.Contains("Mar23SU", Record(feb, "CVE-2023-21707").FixedIn);
            Assert.Equal(ExposureStatus.Vulnerable, Record(Evaluate("15.0.1497.47"), "CVE-2023-21707").Status); // E13 CU23 Feb23SU
        }

        // E19 CU15 Feb26SU contains the CVE-2024-49040 code (Nov24SUv2 is a 24 key on a 2025 CU), but the override
        // AddP2FromRegexMatchHeader=false switches the fix off again ("Disabled By Override"). An override targeted at
        // another server does not touch EX1; one targeted at EX1 by FQDN does.
        [Fact]
        public void Setting_override_reopens_a_fixed_CVE_only_on_the_servers_it_targets()
        {
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.2.1748.43", overrides: new List<SettingOverrideFact>()), "CVE-2024-49040").Status);

            var org = Record(Evaluate("15.2.1748.43", overrides: new[] { P2FromOverride() }), "CVE-2024-49040");
            Assert.Equal(ExposureStatus.Vulnerable, org.Status);
            Assert.Contains("P2From", org.Reason);
            Assert.Contains("Remove-SettingOverride", org.Recommendation);

            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.2.1748.43", overrides: new[] { P2FromOverride("EX2") }), "CVE-2024-49040").Status);
            Assert.Equal(ExposureStatus.Vulnerable, Record(Evaluate("15.2.1748.43", overrides: new[] { P2FromOverride("ex1.contoso.com") }), "CVE-2024-49040").Status);

            // Value true, or another parameter of the same section, does not disable the fix.
            var enabled = Override("P2From", "Transport", "NonCompliantSenderSettings", "AddP2FromRegexMatchHeader", "true");
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.2.1748.43", overrides: new[] { enabled }), "CVE-2024-49040").Status);

            // One evaluator for several servers with the same build: the override that targets EX2 only must not leak
            // into EX1's result, nor EX1's into EX2's (servers with equal facts may share an evaluation).
            var shared = new ExposureEvaluator(ShippedData.Store, AsOf);
            var targeted = new[] { P2FromOverride("EX2") };
            foreach (var (server, status) in new[] { ("EX1", ExposureStatus.Patched), ("EX2", ExposureStatus.Vulnerable), ("EX3", ExposureStatus.Patched), ("EX2", ExposureStatus.Vulnerable), ("EX1", ExposureStatus.Patched) })
            {
                var result = shared.Evaluate(new ServerFacts(server, ExchangeBuild.Parse("15.2.1748.43"), BuildSource.FileVersion) { SettingOverrides = targeted }, out _)!;
                Assert.Equal(status, Record(result, "CVE-2024-49040").Status);
                Assert.All(result.Records, r => Assert.Equal(server, r.Server));
                Assert.Equal(server, result.Summary.Server);
            }

            // Below the fix the override changes nothing: still vulnerable, and the update is still recommended.
            var unpatched = Record(Evaluate("15.2.1258.38", overrides: new[] { P2FromOverride() }), "CVE-2024-49040");
            Assert.Equal(ExposureStatus.Vulnerable, unpatched.Status);
            Assert.Contains("Nov24SUv2", unpatched.Recommendation);
        }

        // CVE-2024-21410 (NTLM relay) needs Extended Protection; the key is Aug22SU (skipped by rule 6 on CU15, i.e.
        // contained). The build cannot show EP, so a patched build is ConfigurationRequired, overrides or not.
        [Fact]
        public void Extended_Protection_CVE_on_a_patched_build_needs_configuration()
        {
            var record = Record(Evaluate("15.2.1748.43"), "CVE-2024-21410");
            Assert.Equal(ExposureStatus.ConfigurationRequired, record.Status);
            Assert.Contains("ExtendedProtection", record.Reason);
            Assert.Equal(ExposureStatus.ConfigurationRequired, Record(Evaluate("15.2.1748.43", overrides: new List<SettingOverrideFact>()), "CVE-2024-21410").Status);

            // E16 CU22 before Aug22SU (May22SU 15.1.2375.28) is simply vulnerable; with Aug22SU (.31) it needs configuration.
            Assert.Equal(ExposureStatus.Vulnerable, Record(Evaluate("15.1.2375.28"), "CVE-2024-21410").Status);
            Assert.Equal(ExposureStatus.ConfigurationRequired, Record(Evaluate("15.1.2375.31"), "CVE-2024-21410").Status);
        }

        // Serialized data signing is on by default from Nov23SU and only a setting override turns it off, so the
        // override list decides it: unknown (null) -> ConfigurationRequired; known and empty -> Patched;
        // Data\EnableSerializationDataSigning Enabled=false -> Vulnerable. Below Nov23SU it is vulnerable regardless.
        [Fact]
        public void Serialized_data_signing_is_decided_by_the_override_list()
        {
            const string cve = "CVE-2023-36050";
            Assert.Equal(ExposureStatus.ConfigurationRequired, Record(Evaluate("15.2.1748.43", overrides: null), cve).Status);
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.2.1748.43", overrides: new List<SettingOverrideFact>()), cve).Status);

            var off = Override("SigningOff", "Data", "EnableSerializationDataSigning", "Enabled", "false");
            var disabled = Evaluate("15.2.1748.43", overrides: new[] { off });
            Assert.Equal(ExposureStatus.Vulnerable, Record(disabled, cve).Status);
            Assert.All(new[] { "CVE-2023-36039", "CVE-2023-36035", "CVE-2023-36439" }, c => Assert.Equal(ExposureStatus.Vulnerable, Record(disabled, c).Status));

            // An unrelated override is known information too: signing stays on.
            var unrelated = Override("Other", "Transport", "NonCompliantSenderSettings", "BlockNullBytesInFromHeader", "true");
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.2.1748.43", overrides: new[] { unrelated }), cve).Status);

            // E16 CU23 Oct23SU (15.1.2507.34) is below Nov23SU (.35).
            Assert.Equal(ExposureStatus.Vulnerable, Record(Evaluate("15.1.2507.34", overrides: new List<SettingOverrideFact>()), cve).Status);
            Assert.Equal(ExposureStatus.Patched, Record(Evaluate("15.1.2507.35", overrides: new List<SettingOverrideFact>()), cve).Status);
        }

        // M1 (EM, ProxyNotShell) mitigates CVE-2022-41040 until Nov22SU. E19 CU12 Oct22SU (15.2.1118.15) lacks
        // Nov22SU: with M1 applied 41040 is Mitigated (sub-ids like M1.1 count too); OWASSRF CVE-2022-41080 bypassed
        // M1 and stays Vulnerable. On Nov22SU (.20) the CVE is Patched and M1 does not matter.
        [Fact]
        public void Applied_mitigation_turns_vulnerable_into_mitigated()
        {
            var store = StoreWithM1();
            var evaluator = new ExposureEvaluator(store, AsOf);

            var none = evaluator.Evaluate(new ServerFacts("EX1", ExchangeBuild.Parse("15.2.1118.15"), BuildSource.FileVersion), out _)!;
            Assert.Equal(ExposureStatus.Vulnerable, Record(none, "CVE-2022-41040").Status);

            foreach (var id in new[] { "M1", "M1.1.0" })
            {
                var mitigated = evaluator.Evaluate(new ServerFacts("EX1", ExchangeBuild.Parse("15.2.1118.15"), BuildSource.FileVersion) { MitigationsApplied = new[] { id } }, out _)!;
                var record = Record(mitigated, "CVE-2022-41040");
                Assert.Equal(ExposureStatus.Mitigated, record.Status);
                Assert.Contains(id, record.Reason);
                Assert.Equal(ExposureStatus.Vulnerable, Record(mitigated, "CVE-2022-41080").Status);
            }

            // "M10" is not M1.
            var other = evaluator.Evaluate(new ServerFacts("EX1", ExchangeBuild.Parse("15.2.1118.15"), BuildSource.FileVersion) { MitigationsApplied = new[] { "M10" } }, out _)!;
            Assert.Equal(ExposureStatus.Vulnerable, Record(other, "CVE-2022-41040").Status);

            var patched = evaluator.Evaluate(new ServerFacts("EX1", ExchangeBuild.Parse("15.2.1118.20"), BuildSource.FileVersion) { MitigationsApplied = new[] { "M1" } }, out _)!;
            Assert.Equal(ExposureStatus.Patched, Record(patched, "CVE-2022-41040").Status);
        }

        // Exchange 2016 ended support on 2025-10-14. Its latest build (Aug26SU 15.1.2507.72) has nothing open from the
        // build, so on 2026-11-30 the Red level comes from the lifecycle record alone; on 2025-01-01 the product was
        // supported, no lifecycle record, and the ConfigurationRequired records (EP, signing, ...) make it Yellow.
        [Fact]
        public void Lifecycle_record_depends_on_the_evaluation_date()
        {
            var late = Evaluate("15.1.2507.72");
            var lifecycle = Assert.Single(late.Records, r => r.AdvisoryId == "Lifecycle");
            Assert.Equal(ExposureStatus.Unsupported, lifecycle.Status);
            Assert.Contains("2025-10-14", lifecycle.Title);
            Assert.DoesNotContain(late.Records, r => r.Status == ExposureStatus.Vulnerable);
            Assert.Equal(ExposureLevel.Red, late.Summary.Level);
            Assert.False(late.Summary.Supported);

            var early = Evaluate("15.1.2507.72", asOf: new DateTime(2025, 1, 1));
            Assert.DoesNotContain(early.Records, r => r.AdvisoryId == "Lifecycle" || r.Status == ExposureStatus.Unsupported);
            Assert.True(early.Summary.Supported);
            Assert.Equal(ExposureLevel.Yellow, early.Summary.Level);

            // Last day of support still counts as supported.
            Assert.DoesNotContain(Evaluate("15.1.2507.72", asOf: new DateTime(2025, 10, 14)).Records, r => r.AdvisoryId == "Lifecycle");
        }

        // SE Aug26SU (15.2.2562.46) on 2026-11-30: SE has no end of support; every SE key is installed; and no
        // configuration-gated CVE has an SE key (Extended Protection and FIP-FS are keyed to Aug22SU/Mar24SU, which have
        // no SE build, rule 1; serialization signing and the hybrid CVE do not list SE). So there is no
        // ConfigurationRequired record and the summary is Green. SE Feb26SU still misses the exploited CVE-2026-42897: Red.
        [Fact]
        public void Fully_patched_SE_has_only_configuration_checks_left()
        {
            // SE contains the Aug22SU and Mar24SU code, but Extended Protection and the FIP-FS override still need checking.
            var result = Evaluate("15.2.2562.46");
            Assert.DoesNotContain(result.Records, r => r.Status != ExposureStatus.Patched && r.Status != ExposureStatus.ConfigurationRequired);
            Assert.Equal(7, result.Records.Count(r => r.Status == ExposureStatus.ConfigurationRequired));
            Assert.Equal(ExposureLevel.Yellow, result.Summary.Level);
            Assert.True(result.Summary.Supported);
            Assert.Equal(0, result.Summary.VulnerableCount);
            Assert.Equal("Aug26SU", result.Summary.SecurityUpdate);

            var feb = Evaluate("15.2.2562.37");
            Assert.Equal(ExposureLevel.Red, feb.Summary.Level);
            Assert.Equal(1, feb.Summary.ExploitedCount);
        }

        // LatestUpdate: the product's newest update is Aug26SU (CU14 .44 and CU15 .49). CU12 never received it, so the
        // server must move to the newest CU's newest build; CU14 and CU15 name their own Aug26SU build.
        [Fact]
        public void Latest_update_points_at_a_build_the_server_can_install()
        {
            var cu12 = Evaluate("15.2.1118.40").Summary.LatestUpdate;
            Assert.Equal("Exchange2019 CU15 Aug26SU 15.2.1748.49 (KB5121574)", cu12);
            Assert.Equal("Exchange2019 CU15 Aug26SU 15.2.1748.49 (KB5121574)", Evaluate("15.2.1748.43").Summary.LatestUpdate);
            Assert.Equal("Exchange2019 CU14 Aug26SU 15.2.1544.44 (KB5121575)", Evaluate("15.2.1544.4").Summary.LatestUpdate);
            Assert.Equal("Exchange2013 CU23 Mar23SU 15.0.1497.48 (KB5024296)", Evaluate("15.0.1473.3").Summary.LatestUpdate);
        }

        // Builds no product (or no CU) covers: 15.3 and 14.x are not Exchange 2013-SE; 15.0.500.0 is below E13 RTM.
        [Theory]
        [InlineData("15.3.1.1")]
        [InlineData("14.3.123.4")]
        [InlineData("15.0.500.0")]
        public void Unknown_product_returns_null_with_an_error_naming_the_build(string build)
        {
            var evaluator = new ExposureEvaluator(ShippedData.Store, AsOf);
            var result = evaluator.Evaluate(new ServerFacts("EX9", ExchangeBuild.Parse(build), BuildSource.FileVersion), out var error);
            Assert.Null(result);
            Assert.Contains(build, error);
            Assert.Contains("EX9", error);
        }

        private static ServerExposure Evaluate(string build, BuildSource source = BuildSource.FileVersion, IReadOnlyList<SettingOverrideFact>? overrides = null, DateTime? asOf = null)
        {
            var evaluator = new ExposureEvaluator(ShippedData.Store, asOf ?? AsOf);
            var facts = new ServerFacts("EX1", ExchangeBuild.Parse(build), source) { SettingOverrides = overrides };
            var result = evaluator.Evaluate(facts, out var error);
            Assert.True(result != null, error);
            return result!;
        }

        private static ExposureRecord Record(ServerExposure result, string cve)
        {
            var matches = result.Records.Where(r => r.Cve == cve).ToList();
            Assert.True(matches.Count == 1, $"expected one record for {cve}, got {matches.Count}");
            return matches[0];
        }

        private static SettingOverrideFact Override(string name, string component, string section, string parameter, string value, params string[] servers) =>
            new SettingOverrideFact(name, component, section, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { [parameter] = value }, servers);

        private static SettingOverrideFact P2FromOverride(params string[] servers) =>
            Override("P2FromOff", "Transport", "NonCompliantSenderSettings", "AddP2FromRegexMatchHeader", "false", servers);

        /// <summary>
        /// The shipped store when it defines M1 for CVE-2022-41040; otherwise the shipped data plus a test layer with
        /// an M1 resource in the documented Mitigation schema.
        /// </summary>
        private static AdvisoryStore StoreWithM1()
        {
            if (ShippedData.Store.Mitigations.Any(m => m.Name == "M1" && (((MitigationSpec)m.Spec).Mitigates ?? new List<string>()).Contains("CVE-2022-41040")))
            {
                return ShippedData.Store;
            }

            var dir = Path.Combine(Path.GetTempPath(), "eh-m1-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                File.WriteAllText(Path.Combine(dir, "M1.yaml"), @"apiVersion: exchangehardening/v1
kind: Mitigation
metadata:
  name: M1
  title: Block autodiscover requests that reach remote PowerShell (ProxyNotShell)
spec:
  origin: EmergencyMitigation
  mitigates: [CVE-2022-41040]
  highestApplicable: Oct22SU
  fixedBy: [Nov22SU]
  rules:
    - direction: Inbound
      location: DefaultWebSite
      matchUrl: '.*'
      conditions:
        - input: '{UrlDecode:{REQUEST_URI}}'
          pattern: '(?=.*autodiscover)(?=.*powershell)'
      action: AbortRequest
");
                var loaded = new AdvisoryStoreLoader().Load(new[]
                {
                    new AdvisoryLayer("shipped", new[] { ShippedData.Directory }),
                    new AdvisoryLayer("test", new[] { dir }),
                });
                Assert.Empty(loaded.Errors);
                Assert.Contains(loaded.Store.Mitigations, m => m.Name == "M1");
                return loaded.Store;
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
