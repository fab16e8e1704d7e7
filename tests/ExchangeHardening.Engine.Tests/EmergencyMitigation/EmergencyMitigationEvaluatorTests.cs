using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.EmergencyMitigation;
using ExchangeHardening.Engine.Exposure;
using ExchangeHardening.Engine.Mitigations;
using ExchangeHardening.Engine.Tests.Data;
using Xunit;

namespace ExchangeHardening.Engine.Tests.EmergencyMitigation
{
    /// <summary>Each check with a passing and a failing case, on the shipped data.</summary>
    public class EmergencyMitigationEvaluatorTests
    {
        private static readonly EmergencyMitigationEvaluator Evaluator = new EmergencyMitigationEvaluator(ShippedData.Store);

        private static EmergencyMitigationFacts Facts(string build, Action<EmergencyMitigationFacts>? configure = null, string[]? applied = null, bool edge = false, BuildSource source = BuildSource.FileVersion)
        {
            var server = new ServerFacts("EX1", ExchangeBuild.Parse(build), source) { IsEdge = edge, MitigationsApplied = applied ?? Array.Empty<string>() };
            var facts = new EmergencyMitigationFacts(server)
            {
                ServerMitigationsEnabled = true,
                OrganizationMitigationsEnabled = true,
                ServiceStatus = "Running",
                ServiceStartType = "Automatic",
            };
            configure?.Invoke(facts);
            return facts;
        }

        private static EmergencyMitigationResult Evaluate(EmergencyMitigationFacts facts, EmergencyMitigationEvidence? evidence = null)
        {
            var result = Evaluator.Evaluate(facts, evidence ?? new EmergencyMitigationEvidence(), out var error);
            Assert.True(result != null, error);
            return result!;
        }

        private static CheckResult Check(EmergencyMitigationResult result, string name) => result.Checks.Single(c => c.Name == name);

        private static IisMitigationEvidence Iis(bool urlRewrite, params (string Id, MitigationRuleStatus Status)[] states) =>
            IisMitigationEvidence.Create(urlRewrite, urlRewrite ? "RewriteModule" : string.Empty, states.Select(s => new KeyValuePair<string, RuleState>(s.Id, new RuleState(s.Status, s.Id + " rule in inetpub/wwwroot/web.config"))));

        [Theory]
        [InlineData("15.1.2375.7", CheckOutcome.Pass)]    // E16 CU22: the first CU with EM
        [InlineData("15.1.2308.8", CheckOutcome.Fail)]    // E16 CU21: before EM; a CU upgrade brings it
        [InlineData("15.2.986.5", CheckOutcome.Pass)]     // E19 CU11
        [InlineData("15.2.922.7", CheckOutcome.Fail)]     // E19 CU10
        [InlineData("15.2.2562.17", CheckOutcome.Pass)]   // SE RTM
        [InlineData("15.0.1497.48", CheckOutcome.NotApplicable)] // Exchange 2013 never had EM
        public void Applicability_follows_the_product_and_CU(string build, CheckOutcome expected)
        {
            var result = Evaluate(Facts(build));
            Assert.Equal(expected, Check(result, EmergencyMitigationEvaluator.ApplicabilityCheck).Outcome);
            Assert.Equal(expected == CheckOutcome.Pass, result.Supported);
        }

        [Fact]
        public void Edge_servers_are_not_applicable_and_do_not_fail()
        {
            var result = Evaluate(Facts("15.2.1748.43", edge: true));
            Assert.Equal(CheckOutcome.NotApplicable, Check(result, EmergencyMitigationEvaluator.ApplicabilityCheck).Outcome);
            Assert.True(result.Passed);
            Assert.DoesNotContain(result.Checks, c => c.Name == EmergencyMitigationEvaluator.ServiceCheck);
        }

        [Fact]
        public void Switches_fail_when_off_on_either_level_and_warn_when_unknown()
        {
            Assert.Equal(CheckOutcome.Pass, Check(Evaluate(Facts("15.2.1748.43")), EmergencyMitigationEvaluator.SwitchesCheck).Outcome);
            var org = Evaluate(Facts("15.2.1748.43", f => f.OrganizationMitigationsEnabled = false));
            Assert.Equal(CheckOutcome.Fail, Check(org, EmergencyMitigationEvaluator.SwitchesCheck).Outcome);
            Assert.Contains("organisation level", Check(org, EmergencyMitigationEvaluator.SwitchesCheck).Detail);
            Assert.False(org.Enabled);
            Assert.False(org.Passed);
            var server = Evaluate(Facts("15.2.1748.43", f => f.ServerMitigationsEnabled = false));
            Assert.Equal(CheckOutcome.Fail, Check(server, EmergencyMitigationEvaluator.SwitchesCheck).Outcome);
            Assert.Contains("Set-ExchangeServer -Identity EX1 -MitigationsEnabled $true", Check(server, EmergencyMitigationEvaluator.SwitchesCheck).Recommendation);
            var unknown = Evaluate(Facts("15.2.1748.43", f => f.OrganizationMitigationsEnabled = null));
            Assert.Equal(CheckOutcome.Warn, Check(unknown, EmergencyMitigationEvaluator.SwitchesCheck).Outcome);
            Assert.Null(unknown.Enabled);
        }

        [Theory]
        [InlineData("Running", "Automatic", CheckOutcome.Pass)]
        [InlineData("Stopped", "Automatic", CheckOutcome.Fail)]
        [InlineData("Running", "Manual", CheckOutcome.Fail)]
        [InlineData("Stopped", "Disabled", CheckOutcome.Fail)]
        [InlineData(null, null, CheckOutcome.Warn)]
        public void Service_must_be_running_and_automatic(string? status, string? startType, CheckOutcome expected)
        {
            var result = Evaluate(Facts("15.2.1748.43", f =>
            {
                f.ServiceStatus = status;
                f.ServiceStartType = startType;
            }));
            Assert.Equal(expected, Check(result, EmergencyMitigationEvaluator.ServiceCheck).Outcome);
        }

        [Fact]
        public void A_missing_service_fails()
        {
            var result = Evaluate(Facts("15.2.1748.43", f => f.ServiceMissing = true));
            Assert.Equal(CheckOutcome.Fail, Check(result, EmergencyMitigationEvaluator.ServiceCheck).Outcome);
            Assert.Equal("Missing", result.ServiceState);
        }

        [Fact]
        public void Endpoint_reachable_passes_unreachable_fails_skipped_is_not_applicable()
        {
            var ok = new EmergencyMitigationEvidence { Endpoint = new EndpointEvidence("https://officeclient.microsoft.com/GetExchangeMitigations", null, true, 200, string.Empty) };
            Assert.Equal(CheckOutcome.Pass, Check(Evaluate(Facts("15.2.1748.49"), ok), EmergencyMitigationEvaluator.EndpointCheck).Outcome);
            var down = new EmergencyMitigationEvidence { Endpoint = new EndpointEvidence("https://officeclient.microsoft.com/GetExchangeMitigations", "http://proxy:8080", false, 500, "HTTP 500") };
            var failed = Check(Evaluate(Facts("15.2.1748.49"), down), EmergencyMitigationEvaluator.EndpointCheck);
            Assert.Equal(CheckOutcome.Fail, failed.Outcome);
            Assert.Contains("through proxy http://proxy:8080", failed.Detail);
            Assert.Equal(CheckOutcome.NotApplicable, Check(Evaluate(Facts("15.2.1748.49")), EmergencyMitigationEvaluator.EndpointCheck).Outcome);
        }

        [Theory]
        [InlineData("15.1.2375.37", CheckOutcome.Fail)]  // E16 CU22 never received Mar23SU: cannot validate the signing certificate
        [InlineData("15.1.2507.21", CheckOutcome.Fail)]  // E16 CU23 Feb23SU: below Mar23SU
        [InlineData("15.1.2507.23", CheckOutcome.Warn)]  // E16 CU23 Mar23SU: certificate fine, but below Jun26SU for new definitions
        [InlineData("15.2.1118.26", CheckOutcome.Warn)]  // E19 CU12 Mar23SU
        [InlineData("15.2.1544.41", CheckOutcome.Pass)]  // E19 CU14 Jun26SU
        [InlineData("15.2.2562.41", CheckOutcome.Warn)]  // SE May26HU is below Jun26SU
        [InlineData("15.2.2562.43", CheckOutcome.Pass)]  // SE Jun26SU
        public void Old_builds_cannot_use_the_endpoint_even_when_it_is_reachable(string build, CheckOutcome expected)
        {
            var ok = new EmergencyMitigationEvidence { Endpoint = new EndpointEvidence("https://officeclient.microsoft.com/GetExchangeMitigations", null, true, 200, string.Empty) };
            Assert.Equal(expected, Check(Evaluate(Facts(build), ok), EmergencyMitigationEvaluator.EndpointCheck).Outcome);
        }

        [Fact]
        public void Url_rewrite_module_is_required()
        {
            Assert.Equal(CheckOutcome.Pass, Check(Evaluate(Facts("15.2.1748.49"), new EmergencyMitigationEvidence { Iis = Iis(true) }), EmergencyMitigationEvaluator.UrlRewriteCheck).Outcome);
            Assert.Equal(CheckOutcome.Fail, Check(Evaluate(Facts("15.2.1748.49"), new EmergencyMitigationEvidence { Iis = Iis(false) }), EmergencyMitigationEvaluator.UrlRewriteCheck).Outcome);
            Assert.Equal(CheckOutcome.NotApplicable, Check(Evaluate(Facts("15.2.1748.49")), EmergencyMitigationEvaluator.UrlRewriteCheck).Outcome);
        }

        [Fact]
        public void Applied_mitigations_are_explained_and_need_their_rule()
        {
            var present = Evaluate(Facts("15.2.1118.15", applied: new[] { "PING1", "M1" }), new EmergencyMitigationEvidence { Iis = Iis(true, ("M1", MitigationRuleStatus.Present)) });
            var check = Check(present, EmergencyMitigationEvaluator.AppliedMitigationsCheck);
            Assert.Equal(CheckOutcome.Pass, check.Outcome);
            Assert.Contains("CVE-2022-41040", check.Detail);
            Assert.Contains("PING1: Emergency Mitigation service heartbeat", check.Detail);

            var missingRule = Evaluate(Facts("15.2.1118.15", applied: new[] { "M1" }), new EmergencyMitigationEvidence { Iis = Iis(true) });
            Assert.Equal(CheckOutcome.Fail, Check(missingRule, EmergencyMitigationEvaluator.AppliedMitigationsCheck).Outcome);
            Assert.Contains("no rule with its behaviour", Check(missingRule, EmergencyMitigationEvaluator.AppliedMitigationsCheck).Detail);

            var broken = Evaluate(Facts("15.2.1118.15", applied: new[] { "M1" }), new EmergencyMitigationEvidence { Iis = Iis(true, ("M1", MitigationRuleStatus.Broken)) });
            Assert.Equal(CheckOutcome.Fail, Check(broken, EmergencyMitigationEvaluator.AppliedMitigationsCheck).Outcome);
            var disabled = Evaluate(Facts("15.2.1118.15", applied: new[] { "M1" }), new EmergencyMitigationEvidence { Iis = Iis(true, ("M1", MitigationRuleStatus.Disabled)) });
            Assert.Equal(CheckOutcome.Fail, Check(disabled, EmergencyMitigationEvaluator.AppliedMitigationsCheck).Outcome);
        }

        [Fact]
        public void A_rule_without_a_listing_is_reported()
        {
            // An M1-behaving rule (put there by EOMTv2 or by hand) on a server whose MitigationsApplied does not list it.
            var result = Evaluate(Facts("15.2.1118.15"), new EmergencyMitigationEvidence { Iis = Iis(true, ("M1", MitigationRuleStatus.Present)) });
            Assert.Contains("not listed as applied but present in IIS: M1", Check(result, EmergencyMitigationEvaluator.AppliedMitigationsCheck).Detail);
        }

        [Fact]
        public void A_mitigation_outliving_its_fix_is_stale_with_the_rollback_step()
        {
            // E19 CU12 Nov22SU (15.2.1118.20) has the fix of M1.
            var result = Evaluate(Facts("15.2.1118.20", applied: new[] { "M1" }));
            var check = Check(result, EmergencyMitigationEvaluator.StaleMitigationsCheck);
            Assert.Equal(CheckOutcome.Warn, check.Outcome);
            Assert.Equal(new[] { "M1" }, result.StaleMitigations);
            Assert.Contains("EEMS M1.1 PowerShell - inbound", check.Recommendation);

            var needed = Evaluate(Facts("15.2.1118.15", applied: new[] { "M1" }));
            Assert.Equal(CheckOutcome.Pass, Check(needed, EmergencyMitigationEvaluator.StaleMitigationsCheck).Outcome);
            Assert.Empty(needed.StaleMitigations);
        }

        [Fact]
        public void A_rule_left_in_IIS_after_the_fix_is_stale_even_when_no_longer_listed()
        {
            var result = Evaluate(Facts("15.2.1748.49"), new EmergencyMitigationEvidence { Iis = Iis(true, ("M1", MitigationRuleStatus.Present)) });
            Assert.Contains("M1", result.StaleMitigations);
        }

        [Fact]
        public void Blocking_a_mitigation_the_build_still_needs_fails()
        {
            var open = Evaluate(Facts("15.2.1544.39", f => f.MitigationsBlocked = new[] { "M2" }));
            Assert.Equal(CheckOutcome.Fail, Check(open, EmergencyMitigationEvaluator.BlockedMitigationsCheck).Outcome);
            Assert.False(open.Passed);
            var fixedBuild = Evaluate(Facts("15.2.1544.43", f => f.MitigationsBlocked = new[] { "M2" }));
            Assert.Equal(CheckOutcome.Pass, Check(fixedBuild, EmergencyMitigationEvaluator.BlockedMitigationsCheck).Outcome);
        }

        [Fact]
        public void A_published_mitigation_the_build_needs_but_lacks_fails()
        {
            // E19 CU14 Feb26SU is vulnerable to CVE-2026-42897 (fixed by Jul26SU): EM should have applied M2.
            var result = Evaluate(Facts("15.2.1544.39", applied: new[] { "PING1" }));
            var check = Check(result, EmergencyMitigationEvaluator.MissingMitigationsCheck);
            Assert.Equal(CheckOutcome.Fail, check.Outcome);
            Assert.Equal(new[] { "M2" }, result.MissingMitigations);

            var applied = Evaluate(Facts("15.2.1544.39", applied: new[] { "PING1", "M2.1.0" }));
            Assert.Equal(CheckOutcome.Pass, Check(applied, EmergencyMitigationEvaluator.MissingMitigationsCheck).Outcome);

            var unknown = Evaluate(Facts("15.2.1544.4", source: BuildSource.AdminDisplayVersion));
            Assert.Equal(CheckOutcome.Warn, Check(unknown, EmergencyMitigationEvaluator.MissingMitigationsCheck).Outcome);
        }

        [Fact]
        public void Activity_is_judged_against_the_end_of_the_evidence()
        {
            var end = new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero);
            var recent = new ActivityEvidence { LastSuccess = end.AddHours(-2), EvidenceStart = end.AddDays(-7), EvidenceEnd = end };
            Assert.Equal(CheckOutcome.Pass, Check(Evaluate(Facts("15.2.1748.49"), new EmergencyMitigationEvidence { Activity = recent }), EmergencyMitigationEvaluator.ActivityCheck).Outcome);
            var stale = new ActivityEvidence { LastSuccess = end.AddDays(-3), LastError = end.AddHours(-1), LastErrorMessage = "Exception encountered while fetching mitigations.", ErrorCount = 40, EvidenceStart = end.AddDays(-7), EvidenceEnd = end };
            var check = Check(Evaluate(Facts("15.2.1748.49"), new EmergencyMitigationEvidence { Activity = stale }), EmergencyMitigationEvaluator.ActivityCheck);
            Assert.Equal(CheckOutcome.Warn, check.Outcome);
            Assert.Contains("Exception encountered while fetching mitigations", check.Detail);
            Assert.Equal(CheckOutcome.NotApplicable, Check(Evaluate(Facts("15.2.1748.49")), EmergencyMitigationEvaluator.ActivityCheck).Outcome);
        }

        [Fact]
        public void A_healthy_server_passes_every_check()
        {
            var end = DateTimeOffset.UtcNow;
            var evidence = new EmergencyMitigationEvidence
            {
                Endpoint = new EndpointEvidence("https://officeclient.microsoft.com/GetExchangeMitigations", null, true, 200, string.Empty),
                Iis = Iis(true),
                Activity = new ActivityEvidence { LastSuccess = end.AddMinutes(-30), EvidenceStart = end.AddDays(-1), EvidenceEnd = end },
            };
            var result = Evaluate(Facts("15.2.1748.49", applied: new[] { "PING1" }), evidence);
            Assert.All(result.Checks, c => Assert.Equal(CheckOutcome.Pass, c.Outcome));
            Assert.True(result.Passed);
            Assert.True(result.Enabled);
            Assert.Equal("Running/Automatic", result.ServiceState);
        }

        [Fact]
        public void An_unknown_build_is_an_error()
        {
            var facts = new EmergencyMitigationFacts(new ServerFacts("EX9", ExchangeBuild.Parse("14.3.123.4"), BuildSource.FileVersion));
            Assert.Null(Evaluator.Evaluate(facts, new EmergencyMitigationEvidence(), out var error));
            Assert.Contains("14.3.123.4", error);
        }
    }
}
