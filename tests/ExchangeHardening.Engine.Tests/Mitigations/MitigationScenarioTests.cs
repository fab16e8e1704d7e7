using System.Linq;
using ExchangeHardening.Engine.Mitigations;
using Xunit;
using static ExchangeHardening.Engine.Tests.Mitigations.IisFixtures;

namespace ExchangeHardening.Engine.Tests.Mitigations
{
    /// <summary>Each fixture scenario against the shipped Mitigation data.</summary>
    public class MitigationScenarioTests
    {
        private const string Eomt2021 = "EOMT-CVE-2021-26855";
        private const string Eomtv2 = "EOMTv2-CVE-2022-41040";
        private const string Eomt2026 = "EOMT-CVE-2026-42897";

        [Fact]
        public void EM_M1_rule_is_present_and_recognised_as_EOMTv2_behaviour_too()
        {
            var report = Match("em-m1");
            Assert.True(report.IsComplete);
            var m1 = report.Find("M1")!;
            Assert.Equal(MitigationRuleStatus.Present, m1.Status);
            var rule = Assert.Single(m1.Implementations).Rule;
            Assert.Equal(M1Name, rule.Name);
            Assert.Equal(FileOf("em-m1", DefaultWebSitePath), rule.File);
            Assert.Contains(M1Name, m1.Detail);
            Assert.Equal(MitigationRuleStatus.Present, report.Find(Eomtv2)!.Status);
            Assert.Equal(MitigationRuleStatus.Absent, report.Find("M2")!.Status);
            Assert.Equal(MitigationRuleStatus.Absent, report.Find(Eomt2021)!.Status);
            Assert.Equal(MitigationRuleStatus.NotApplicable, report.Find("PING1")!.Status);
            Assert.Equal("no rule with its behaviour", report.Find("M2")!.Detail);
        }

        [Fact]
        public void EOMT_2021_cookie_rules_are_both_present()
        {
            var report = Match("eomt-2021-cookie-rules");
            var finding = report.Find(Eomt2021)!;
            Assert.Equal(MitigationRuleStatus.Present, finding.Status);
            Assert.Equal(new[] { MitigationRuleStatus.Present, MitigationRuleStatus.Present }, finding.RuleStatuses);
            Assert.Equal(new[] { "X-AnonResource-Backend Abort - inbound", "X-BEResource Abort - inbound" }, finding.Implementations.Select(m => m.Rule.Name));
            Assert.Equal(new[] { 0, 1 }, finding.Implementations.Select(m => m.RuleIndex));
            Assert.Equal(MitigationRuleStatus.Absent, report.Find("M1")!.Status);
        }

        [Fact]
        public void EOMTv2_rule_with_a_historical_pattern_is_EOMTv2_but_not_M1()
        {
            var report = Match("eomtv2-historical-pattern");
            var eomtv2 = report.Find(Eomtv2)!;
            Assert.Equal(MitigationRuleStatus.Present, eomtv2.Status);
            var match = Assert.Single(eomtv2.Implementations);
            Assert.Equal("PowerShell - inbound", match.Rule.Name);
            Assert.Contains(match.Notes, n => n.Contains("'{REQUEST_URI}' is a known variant"));
            Assert.Contains(match.Notes, n => n.Contains(@"'.*autodiscover\.json.*\@.*Powershell.*' is a known variant"));

            // M1 lists no variants: the early rule is not EM's behaviour, and does not even resemble it.
            Assert.Equal(MitigationRuleStatus.Absent, report.Find("M1")!.Status);
        }

        [Fact]
        public void EM_EOMTv2_and_hand_made_rules_side_by_side_all_implement_M1()
        {
            var m1 = Match("side-by-side").Find("M1")!;
            Assert.Equal(MitigationRuleStatus.Present, m1.Status);
            Assert.Equal(new[] { M1Name, "RequestBlockingRule1", "PowerShell - inbound" }, m1.Implementations.Select(m => m.Rule.Name));
            Assert.Equal(new[] { true, false, false }, m1.Implementations.Select(m => m.HasKnownName));
            Assert.Empty(m1.Problems);
        }

        [Fact]
        public void The_EM_name_with_a_wrong_pattern_is_broken()
        {
            var report = Match("em-name-wrong-pattern");
            var m1 = report.Find("M1")!;
            Assert.Equal(MitigationRuleStatus.Broken, m1.Status);
            var problem = Assert.Single(m1.Problems);
            Assert.Equal(MitigationRuleMatchKind.DifferentBehaviour, problem.Kind);
            Assert.True(problem.HasKnownName);
            Assert.Contains(problem.Differences, d => d.Contains("powershel1"));
            Assert.Contains("has its name but behaves otherwise", m1.Detail);

            // Not EOMTv2's name, and not its condition: nothing of EOMTv2 is there.
            Assert.Equal(MitigationRuleStatus.Absent, report.Find(Eomtv2)!.Status);
        }

        [Fact]
        public void Match_url_star_is_broken()
        {
            var m1 = Match("m1-match-url-star").Find("M1")!;
            Assert.Equal(MitigationRuleStatus.Broken, m1.Status);
            Assert.Contains(Assert.Single(m1.Problems).Differences, d => d.Contains("match url is '*'") && d.Contains("HTTP 500"));
        }

        [Fact]
        public void A_disabled_M1_rule_is_disabled()
        {
            var m1 = Match("m1-disabled").Find("M1")!;
            Assert.Equal(MitigationRuleStatus.Disabled, m1.Status);
            Assert.Equal(MitigationRuleMatchKind.Disabled, Assert.Single(m1.Matches).Kind);
            Assert.Contains("disabled", m1.Detail);
        }

        [Fact]
        public void A_rule_after_a_stop_processing_catch_all_is_shadowed()
        {
            var m1 = Match("m1-shadowed").Find("M1")!;
            Assert.Equal(MitigationRuleStatus.Broken, m1.Status);
            var problem = Assert.Single(m1.Problems);
            Assert.Equal(MitigationRuleMatchKind.Shadowed, problem.Kind);
            Assert.Equal("Pass everything through", problem.ShadowedBy!.Name);
            Assert.Contains("never reached", m1.Detail);
        }

        [Fact]
        public void EM_M2_outbound_rule_and_preCondition_in_the_OWA_web_config_are_present()
        {
            var report = Match("m2-owa-outbound");
            var m2 = report.Find("M2")!;
            Assert.Equal(MitigationRuleStatus.Present, m2.Status);
            var rule = Assert.Single(m2.Implementations).Rule;
            Assert.Equal(FileOf("m2-owa-outbound", OwaPath), rule.File);
            Assert.Equal(RewriteLocation.OwaVirtualDirectory, rule.Scope.Location);
            Assert.Equal(MitigationRuleStatus.Present, report.Find(Eomt2026)!.Status);
            Assert.Equal(MitigationRuleStatus.Absent, report.Find("M1")!.Status);
        }

        [Fact]
        public void The_unified_EOMT_outbound_rule_is_M2_by_behaviour()
        {
            var report = Match("m2-unified-eomt");
            Assert.Equal("EOMT OWA CSP - outbound", Assert.Single(report.Find("M2")!.Implementations).Rule.Name);
            Assert.True(Assert.Single(report.Find(Eomt2026)!.Implementations).HasKnownName);
        }

        [Fact]
        public void M1_removed_by_a_remove_in_the_Autodiscover_web_config_is_broken()
        {
            var m1 = Match("m1-removed-by-child").Find("M1")!;
            Assert.Equal(MitigationRuleStatus.Broken, m1.Status);
            var problem = Assert.Single(m1.Problems);
            Assert.Equal(MitigationRuleMatchKind.RemovedInChild, problem.Kind);
            Assert.Equal("Default Web Site/Autodiscover", problem.RemovedAt!.Path);
            Assert.Equal(IisCollectionDirectiveKind.Remove, problem.RemovedBy!.Kind);
            Assert.Equal(FileOf("m1-removed-by-child", AutodiscoverPath), problem.RemovedBy.File);
        }

        [Fact]
        public void M1_cleared_for_Autodiscover_in_applicationHost_config_is_broken()
        {
            var m1 = Match("m1-cleared-by-child").Find("M1")!;
            Assert.Equal(MitigationRuleStatus.Broken, m1.Status);
            var problem = Assert.Single(m1.Problems);
            Assert.Equal(MitigationRuleMatchKind.RemovedInChild, problem.Kind);
            Assert.Equal(IisCollectionDirectiveKind.Clear, problem.RemovedBy!.Kind);
            Assert.EndsWith("applicationHost.config", problem.RemovedBy.File);
            Assert.Contains("<clear/>", m1.Detail);
        }

        [Fact]
        public void Without_the_URL_Rewrite_module_the_rule_is_still_found()
        {
            var configuration = Load("no-url-rewrite-module");
            Assert.False(configuration.UrlRewriteInstalled);
            Assert.Equal(MitigationRuleStatus.Present, new MitigationRuleMatcher().Match(Data.ShippedData.Store, configuration).Find("M1")!.Status);
        }

        [Fact]
        public void A_malformed_file_makes_the_report_incomplete_and_the_rest_is_matched()
        {
            var report = Match("malformed-xml");
            Assert.False(report.IsComplete);
            Assert.Equal(MitigationRuleStatus.Present, report.Find("M2")!.Status);
            Assert.Equal(MitigationRuleStatus.Absent, report.Find("M1")!.Status);
        }

        [Fact]
        public void Rules_without_a_listing_are_reported_with_the_mitigations_they_look_like()
        {
            var unlisted = Assert.Single(Match("em-m1", new string[0]).UnlistedRules);
            Assert.Equal(M1Name, unlisted.Rule.Name);
            Assert.Equal(new[] { Eomtv2, "M1" }, unlisted.MitigationIds.OrderBy(i => i, System.StringComparer.Ordinal));
            Assert.Contains("behaves like M1", unlisted.Reason);

            Assert.Empty(Match("em-m1", new[] { "PING1", "M1" }).UnlistedRules);
            Assert.Empty(Match("em-m1").UnlistedRules); // no listing given, nothing to compare with

            // EOMT rules are never listed by EM: they always show up, with their mitigation.
            Assert.Equal(2, Match("eomt-2021-cookie-rules", new[] { "M1" }).UnlistedRules.Count(u => u.MitigationIds.Single() == Eomt2021));

            // Admin tooling shows sub-IDs; M2.1.0 names M2.
            Assert.Empty(Match("m2-owa-outbound", new[] { "M2.1.0" }).UnlistedRules);
            Assert.Single(Match("m2-owa-outbound", new[] { "M20" }).UnlistedRules);

            // A rule that only resembles (right name, wrong pattern) is reported too.
            Assert.Contains("resembles M1", Assert.Single(Match("em-name-wrong-pattern", new string[0]).UnlistedRules).Reason);
        }
    }
}
