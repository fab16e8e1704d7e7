using System.Linq;
using ExchangeHardening.Engine.Mitigations;
using ExchangeHardening.Engine.Yaml;
using Xunit;
using static ExchangeHardening.Engine.Tests.Mitigations.IisFixtures;

namespace ExchangeHardening.Engine.Tests.Mitigations
{
    /// <summary>Each rule of the behaviour comparison, with a case that passes it and one that does not.</summary>
    public class MitigationBehaviourTests
    {
        private const string Eomtv2 = "EOMTv2-CVE-2022-41040";
        private const string Eomt2021 = "EOMT-CVE-2021-26855";

        private static MitigationFinding M1(string defaultWebSiteRules) => Finding("M1", defaultWebSiteRules);

        private static MitigationFinding Finding(string id, string defaultWebSiteRules, string? owaRewrite = null)
        {
            using var tree = Tree(defaultWebSiteRules, owaRewrite);
            return Match(tree).Find(id)!;
        }

        private static MitigationFinding M2(string owaRewrite) => Finding("M2", string.Empty, owaRewrite);

        [Fact]
        public void Direction_must_be_the_mitigations()
        {
            Assert.Equal(MitigationRuleStatus.Present, M1(InboundRule()).Status);
            using var tree = Tree(string.Empty);
            tree.Write(DefaultWebSitePath, WebConfig("<outboundRules>" + InboundRule() + "</outboundRules>"));
            Assert.Equal(MitigationRuleStatus.Absent, Match(tree).Find("M1")!.Status);
        }

        [Fact]
        public void A_rule_at_the_mitigations_level_or_above_counts_one_below_does_not()
        {
            // Server level: applicationHost.config rules and global rules apply to every site.
            using (var tree = new TempDirectory())
            {
                tree.Write(ApplicationHostPath, ApplicationHost().Replace("<urlCompression />", "<urlCompression /><rewrite><rules>" + InboundRule("server rules copy") + "</rules><globalRules>" + InboundRule("global copy") + "</globalRules></rewrite>"));
                var m1 = Match(tree).Find("M1")!;
                Assert.Equal(MitigationRuleStatus.Present, m1.Status);
                Assert.Equal(new[] { "server rules copy", "global copy" }, m1.Implementations.Select(m => m.Rule.Name));
            }

            var owaOnly = Finding("M1", string.Empty, "<rules>" + InboundRule("custom") + "</rules>");
            Assert.Equal(MitigationRuleStatus.Broken, owaOnly.Status);
            var partial = Assert.Single(owaOnly.Problems);
            Assert.Equal(MitigationRuleMatchKind.Partial, partial.Kind);
            Assert.Contains(partial.Differences, d => d.Contains("Default Web Site/owa, which does not cover Default Web Site"));
            Assert.Contains("covers only Default Web Site/owa", owaOnly.Detail);

            // Another site is no part of it at all.
            using (var tree = new TempDirectory())
            {
                tree.Write(ApplicationHostPath, ApplicationHost("<location path=\"Exchange Back End\"><system.webServer><rewrite><rules>" + InboundRule() + "</rules></rewrite></system.webServer></location>"));
                var backEnd = Match(tree).Find("M1")!;
                Assert.Equal(MitigationRuleStatus.Broken, backEnd.Status);
                Assert.Equal(MitigationRuleMatchKind.DifferentBehaviour, backEnd.Problems.Single().Kind);
            }
        }

        [Fact]
        public void A_web_config_of_unknown_place_is_compared_as_if_in_place()
        {
            using var tree = new TempDirectory();
            tree.Write("web.config", WebConfig("<rules>" + InboundRule() + "</rules>"));
            var match = Assert.Single(Match(tree).Find("M1")!.Implementations);
            Assert.False(match.Rule.Scope.IsKnown);
            Assert.Contains(match.Notes, n => n.Contains("place in IIS is not known"));
        }

        [Fact]
        public void Match_url_must_match_everything()
        {
            var equivalent = M1(InboundRule(url: "^.*$"));
            Assert.Equal(MitigationRuleStatus.Present, equivalent.Status);
            Assert.Contains(Assert.Single(equivalent.Implementations).Notes, n => n.Contains("matches every URL"));
            var narrower = M1(InboundRule(url: "^autodiscover"));
            Assert.Equal(MitigationRuleStatus.Broken, narrower.Status);
            Assert.Contains(Assert.Single(narrower.Problems).Differences, d => d.Contains("match url is '^autodiscover'"));
        }

        [Theory]
        [InlineData("{UrlDecode: {REQUEST_URI}}")]
        [InlineData("{urldecode:{request_uri}}")]
        [InlineData(" {UrlDecode:{ REQUEST_URI }} ")]
        public void Condition_inputs_ignore_whitespace_inside_braces_and_case(string input)
        {
            Assert.Equal(MitigationRuleStatus.Present, M1(InboundRule(input: input)).Status);
        }

        [Fact]
        public void Condition_input_must_be_the_same_variable()
        {
            var other = M1(InboundRule(input: "{UrlDecode:{REQUEST_URL}}"));
            Assert.Equal(MitigationRuleStatus.Broken, other.Status);
            Assert.Contains(Assert.Single(other.Problems).Differences, d => d.StartsWith("no condition on {UrlDecode:{REQUEST_URI}}"));

            // Without the name nothing ties it to M1.
            Assert.Equal(MitigationRuleStatus.Absent, M1(InboundRule("custom", input: "{UrlDecode:{REQUEST_URL}}")).Status);
        }

        [Fact]
        public void Condition_patterns_compare_as_exact_text()
        {
            Assert.Equal(MitigationRuleStatus.Present, M1(InboundRule("custom")).Status);
            Assert.Equal(MitigationRuleStatus.Absent, M1(InboundRule("custom", pattern: "(?=.*Autodiscover)(?=.*PowerShell)")).Status);
            var named = M1(InboundRule(pattern: "(?=.*Autodiscover)(?=.*PowerShell)"));
            Assert.Equal(MitigationRuleStatus.Broken, named.Status);
            Assert.Contains(Assert.Single(named.Problems).Differences, d => d.Contains("has pattern '(?=.*Autodiscover)(?=.*PowerShell)', expected '(?=.*autodiscover)(?=.*powershell)'"));
        }

        [Fact]
        public void Known_historical_variants_are_accepted_others_are_not()
        {
            var october = Finding(Eomtv2, InboundRule("PowerShell - inbound", input: "{UrlDecode: {REQUEST_URI}}", pattern: @".*autodiscover\.json.*Powershell.*"));
            Assert.Equal(MitigationRuleStatus.Present, october.Status);
            var notes = Assert.Single(october.Implementations).Notes;
            Assert.Contains(notes, n => n.Contains("pattern") && n.Contains("known variant"));
            Assert.DoesNotContain(notes, n => n.Contains("input")); // whitespace alone is no variant

            var unknown = Finding(Eomtv2, InboundRule("PowerShell - inbound", pattern: ".*autodiscover.*"));
            Assert.Equal(MitigationRuleStatus.Broken, unknown.Status);
            Assert.Equal(MitigationRuleStatus.Absent, Finding(Eomtv2, InboundRule("custom", pattern: ".*autodiscover.*")).Status);
        }

        [Fact]
        public void Accepted_actions_count_other_actions_do_not()
        {
            var custom = Finding(Eomtv2, InboundRule("custom", action: "CustomResponse"));
            Assert.Equal(MitigationRuleStatus.Present, custom.Status);
            Assert.Contains(Assert.Single(custom.Implementations).Notes, n => n.Contains("CustomResponse is accepted"));

            var redirect = Finding(Eomtv2, InboundRule("custom", action: "Redirect"));
            Assert.Equal(MitigationRuleStatus.Broken, redirect.Status);
            Assert.Contains(Assert.Single(redirect.Problems).Differences, d => d.Contains("action is 'Redirect', expected AbortRequest or CustomResponse"));

            // A mitigation that lists no accepted action takes only its own.
            Assert.Equal(MitigationRuleStatus.Broken, Finding(Eomt2021, InboundRule("custom", input: "{HTTP_COOKIE}", pattern: "(.*)X-AnonResource-Backend(.*)", action: "CustomResponse")).RuleStatuses[0]);
        }

        [Fact]
        public void Accepted_actions_come_from_the_data()
        {
            var yaml = "apiVersion: exchangehardening/v1\nkind: Mitigation\nmetadata:\n  name: T1\nspec:\n  origin: Manual\n  mitigates: []\n  rules:\n" +
                "    - direction: Inbound\n      location: DefaultWebSite\n      matchUrl: '.*'\n      conditions:\n        - input: '{UrlDecode:{REQUEST_URI}}'\n          pattern: '(?=.*autodiscover)(?=.*powershell)'\n" +
                "      action: AbortRequest\n      acceptedActions: [CustomResponse]\n";
            var read = new YamlResourceReader().Read("t1.yaml", yaml);
            Assert.Empty(read.Errors);
            using var tree = Tree(InboundRule(action: "CustomResponse"));
            var configuration = new IisConfigurationLocator().Load(tree.Path);
            Assert.Equal(MitigationRuleStatus.Present, new MitigationRuleMatcher().Match(read.Resources, configuration).Findings.Single().Status);
        }

        [Fact]
        public void Pattern_syntax_must_be_regular_expressions()
        {
            Assert.Equal(MitigationRuleStatus.Present, M1(InboundRule(ruleAttributes: "stopProcessing=\"true\"")).Status);
            var wildcard = M1(InboundRule(ruleAttributes: "patternSyntax=\"Wildcard\" stopProcessing=\"true\""));
            Assert.Equal(MitigationRuleStatus.Broken, wildcard.Status);
            Assert.Contains(Assert.Single(wildcard.Problems).Differences, d => d.Contains("patternSyntax is 'Wildcard'"));
        }

        [Fact]
        public void Negated_case_sensitive_or_extra_conditions_behave_otherwise()
        {
            Assert.Equal(MitigationRuleStatus.Present, M1(InboundRule(conditionAttributes: "negate=\"false\" ignoreCase=\"true\"")).Status);
            Assert.Contains(M1(InboundRule(conditionAttributes: "negate=\"true\"")).Problems.Single().Differences, d => d.Contains("is negated"));
            Assert.Contains(M1(InboundRule(conditionAttributes: "ignoreCase=\"false\"")).Problems.Single().Differences, d => d.Contains("case-sensitive"));
            Assert.Contains(M1(InboundRule(extraConditions: "<add input=\"{HTTPS}\" pattern=\"^OFF$\" />")).Problems.Single().Differences, d => d.Contains("extra condition {HTTPS}"));
            Assert.Contains(M1(InboundRule(conditionAttributes: "matchType=\"IsFile\"")).Problems.Single().Differences, d => d.Contains("IsFile"));
        }

        [Fact]
        public void Outbound_server_variable_is_compared_without_case()
        {
            Assert.Equal(MitigationRuleStatus.Present, M2(OutboundRule(serverVariable: "RESPONSE_CONTENT_SECURITY_POLICY")).Status);
            var other = M2(OutboundRule(serverVariable: "RESPONSE_X_Frame_Options"));
            Assert.Equal(MitigationRuleStatus.Broken, other.Status);
            Assert.Contains(other.Problems.Single().Differences, d => d.Contains("match serverVariable is 'RESPONSE_X_Frame_Options'"));
        }

        [Fact]
        public void Outbound_pattern_and_action_value_are_compared_exactly()
        {
            Assert.Contains(M2(OutboundRule(pattern: ".*")).Problems.Single().Differences, d => d.Contains("match pattern is '.*'"));
            var value = M2(OutboundRule(value: "{R:1}; script-src 'none'"));
            Assert.Equal(MitigationRuleStatus.Broken, value.Status);
            Assert.Contains(value.Problems.Single().Differences, d => d.Contains("action value is '{R:1}; script-src 'none''"));

            // A hand-made rule with the same header rewrite resembles M2 even under another name.
            Assert.Equal(MitigationRuleStatus.Present, M2(OutboundRule("CSP for OWA", "OWA pages")).Status);
            Assert.Equal(MitigationRuleStatus.Absent, M2(OutboundRule("Other CSP", "OWA pages", value: "{R:1}; frame-ancestors 'self'", uriPattern: "^/owa/")).Status);

            // The same header and the whole M2 preCondition with another value: a changed copy of M2.
            Assert.Equal(MitigationRuleStatus.Broken, M2(OutboundRule("Other CSP", "OWA pages", value: "{R:1}; frame-ancestors 'self'")).Status);
        }

        [Fact]
        public void PreConditions_must_hold_both_conditions()
        {
            var undefined = M2(OutboundRule(definePreCondition: false));
            Assert.Equal(MitigationRuleStatus.Broken, undefined.Status);
            Assert.Contains(undefined.Problems.Single().Differences, d => d.Contains("is not defined where the rule is"));

            var otherUri = M2(OutboundRule(uriPattern: "^/owa/"));
            Assert.Contains(otherUri.Problems.Single().Differences, d => d.Contains("preCondition 'EEMS M2.1 OWA SPA HTML shell - precondition' condition on {REQUEST_URI} has pattern '^/owa/'"));

            var matchAny = M2(OutboundRule().Replace("logicalGrouping=\"MatchAll\"", "logicalGrouping=\"MatchAny\""));
            Assert.Contains(matchAny.Problems.Single().Differences, d => d.Contains("combined with MatchAny"));

            var none = M2(OutboundRule().Replace(" preCondition=\"EEMS M2.1 OWA SPA HTML shell - precondition\"", string.Empty));
            Assert.Contains(none.Problems.Single().Differences, d => d.StartsWith("it has no preCondition"));
        }

        [Fact]
        public void An_earlier_catch_all_that_ends_the_request_or_has_conditions_does_not_shadow()
        {
            const string CatchAll = "<rule name=\"first\" stopProcessing=\"true\"><match url=\".*\" /><action type=\"{0}\" /></rule>";
            Assert.Equal(MitigationRuleStatus.Broken, M1(string.Format(CatchAll, "None") + InboundRule()).Status);
            Assert.Equal(MitigationRuleStatus.Broken, M1(string.Format(CatchAll, "Rewrite") + InboundRule()).Status);
            Assert.Equal(MitigationRuleStatus.Present, M1(string.Format(CatchAll, "AbortRequest") + InboundRule()).Status);
            Assert.Equal(MitigationRuleStatus.Present, M1(InboundRule() + string.Format(CatchAll, "None")).Status);
            Assert.Equal(MitigationRuleStatus.Present, M1(string.Format(CatchAll, "None").Replace("stopProcessing=\"true\"", "stopProcessing=\"false\"") + InboundRule()).Status);
            Assert.Equal(MitigationRuleStatus.Present, M1(string.Format(CatchAll, "None").Replace("name=\"first\"", "name=\"first\" enabled=\"false\"") + InboundRule()).Status);
            Assert.Equal(MitigationRuleStatus.Present, M1(InboundRule("https only", "{HTTPS}", "^OFF$", action: "None") + InboundRule()).Status);
        }

        [Fact]
        public void A_rule_taken_out_at_its_own_level_is_removed()
        {
            using var tree = new TempDirectory();
            var location = "<location path=\"Default Web Site\"><system.webServer><rewrite><rules>" + InboundRule() + "</rules></rewrite></system.webServer></location>";
            tree.Write(ApplicationHostPath, ApplicationHost(location));
            Assert.Equal(MitigationRuleStatus.Present, Match(tree).Find("M1")!.Status);

            tree.Write(DefaultWebSitePath, WebConfig("<rules><remove name=\"" + M1Name + "\" /></rules>"));
            var m1 = Match(tree).Find("M1")!;
            Assert.Equal(MitigationRuleStatus.Broken, m1.Status);
            var problem = m1.Problems.Single();
            Assert.Equal(MitigationRuleMatchKind.Removed, problem.Kind);
            Assert.EndsWith("web.config", problem.RemovedBy!.File);
        }

        [Fact]
        public void A_child_that_clears_but_adds_its_own_copy_or_removes_another_name_keeps_the_protection()
        {
            using var tree = Tree(InboundRule());
            tree.Write(AutodiscoverPath, WebConfig("<rules><clear />" + InboundRule("autodiscover copy") + "</rules>"));
            var m1 = Match(tree).Find("M1")!;
            Assert.Equal(MitigationRuleStatus.Present, m1.Status);
            Assert.Equal(M1Name, m1.Implementations.Single().Rule.Name);
            Assert.Equal(MitigationRuleMatchKind.Partial, m1.Problems.Single().Kind);

            tree.Write(AutodiscoverPath, WebConfig("<rules><remove name=\"some other rule\" /></rules>"));
            Assert.Equal(MitigationRuleStatus.Present, Match(tree).Find("M1")!.Status);
        }

        [Fact]
        public void A_multi_rule_mitigation_needs_all_its_rules()
        {
            const string First = "X-AnonResource-Backend Abort - inbound";
            var one = Finding(Eomt2021, InboundRule(First, "{HTTP_COOKIE}", "(.*)X-AnonResource-Backend(.*)"));
            Assert.Equal(MitigationRuleStatus.Broken, one.Status);
            Assert.Equal(new[] { MitigationRuleStatus.Present, MitigationRuleStatus.Absent }, one.RuleStatuses);
            Assert.Contains("rule 2 of 2: absent", one.Detail);

            var disabled = Finding(Eomt2021, InboundRule(First, "{HTTP_COOKIE}", "(.*)X-AnonResource-Backend(.*)", ruleAttributes: "enabled=\"false\""));
            Assert.Equal(MitigationRuleStatus.Disabled, disabled.Status);
        }

        [Fact]
        public void A_working_copy_keeps_the_mitigation_present_beside_a_broken_named_rule()
        {
            var m1 = M1(InboundRule(pattern: "(?=.*autodiscover)") + InboundRule("RequestBlockingRule1"));
            Assert.Equal(MitigationRuleStatus.Present, m1.Status);
            Assert.Equal("RequestBlockingRule1", m1.Implementations.Single().Rule.Name);
            Assert.Equal(MitigationRuleMatchKind.DifferentBehaviour, m1.Problems.Single().Kind);
        }

        [Fact]
        public void An_EM_named_rule_of_an_unknown_mitigation_is_unlisted_unless_its_ID_is_listed()
        {
            using var tree = Tree(InboundRule("EEMS M7.1 Something - inbound", "{HTTP_USER_AGENT}", "evil"));
            var unlisted = Match(tree, new[] { "M1" }).UnlistedRules.Single();
            Assert.Equal(new[] { "M7" }, unlisted.MitigationIds);
            Assert.Contains("does not know", unlisted.Reason);
            Assert.Empty(Match(tree, new[] { "M7" }).UnlistedRules);
        }

        [Theory]
        [InlineData("M1", "M1", true)]
        [InlineData("m2.1.0", "M2", true)]
        [InlineData("M10", "M1", false)]
        [InlineData("M1", "M10", false)]
        public void A_listed_ID_names_a_mitigation_or_its_sub_IDs(string listed, string id, bool expected)
        {
            Assert.Equal(expected, MitigationRuleMatcher.IsNamedBy(listed, id));
        }
    }
}
