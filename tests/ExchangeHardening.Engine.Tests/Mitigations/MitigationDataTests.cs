using System.Linq;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Tests.Data;
using ExchangeHardening.Engine.Yaml;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Mitigations
{
    /// <summary>The shipped EOMT Mitigation resources and the keys that express variants.</summary>
    public class MitigationDataTests
    {
        private static MitigationSpec Spec(string name) => (MitigationSpec)ShippedData.Store.Mitigations.Single(m => m.Name == name).Spec;

        [Fact]
        public void EOMT_mitigations_are_shipped_with_their_fixes_and_names()
        {
            var cookie = Spec("EOMT-CVE-2021-26855");
            Assert.Equal(MitigationOrigin.Eomt, cookie.Origin);
            Assert.Equal(new[] { "CVE-2021-26855" }, cookie.Mitigates);
            Assert.Equal(new[] { "Mar21SU" }, cookie.FixedBy);
            Assert.Equal(new[] { "X-AnonResource-Backend Abort - inbound", "X-BEResource Abort - inbound" }, cookie.RuleNames);
            Assert.Equal(2, cookie.Rules!.Count);

            var v2 = Spec("EOMTv2-CVE-2022-41040");
            Assert.Equal(MitigationOrigin.Eomt, v2.Origin);
            Assert.Equal(new[] { "Nov22SU" }, v2.FixedBy);
            Assert.Equal(new[] { "PowerShell - inbound" }, v2.RuleNames);

            var owa = Spec("EOMT-CVE-2026-42897");
            Assert.Equal(MitigationOrigin.Eomt, owa.Origin);
            Assert.Equal(new[] { "Jul26SU" }, owa.FixedBy);
            Assert.Equal(new[] { "EOMT OWA CSP - outbound", "EOMT OWA SPA HTML shell - precondition" }, owa.RuleNames);
        }

        [Fact]
        public void EOMTv2_has_M1s_behaviour_plus_its_historical_variants()
        {
            var m1 = Spec("M1").Rules!.Single();
            var v2 = Spec("EOMTv2-CVE-2022-41040").Rules!.Single();
            Assert.Equal(m1.MatchUrl, v2.MatchUrl);
            Assert.Equal(m1.Action, v2.Action);
            Assert.Equal(m1.Conditions!.Single().Input, v2.Conditions!.Single().Input);
            Assert.Equal(m1.Conditions!.Single().Pattern, v2.Conditions!.Single().Pattern);
            var condition = v2.Conditions!.Single();
            Assert.Equal(new[] { "{REQUEST_URI}" }, condition.InputVariants);
            Assert.Equal(new[] { @".*autodiscover\.json.*\@.*Powershell.*", @".*autodiscover\.json.*Powershell.*" }, condition.PatternVariants);
            Assert.Equal(new[] { RewriteAction.CustomResponse }, v2.AcceptedActions);
        }

        [Fact]
        public void Unified_EOMT_OWA_mitigation_has_M2s_behaviour()
        {
            var m2 = Spec("M2").Rules!.Single();
            var eomt = Spec("EOMT-CVE-2026-42897").Rules!.Single();
            Assert.Equal(m2.ServerVariable, eomt.ServerVariable);
            Assert.Equal(m2.MatchPattern, eomt.MatchPattern);
            Assert.Equal(m2.ActionValue, eomt.ActionValue);
            Assert.Equal(m2.PreConditions!.Select(c => c.Input + c.Pattern), eomt.PreConditions!.Select(c => c.Input + c.Pattern));
        }

        [Fact]
        public void Every_known_rule_name_is_in_the_data()
        {
            var names = ShippedData.Store.Mitigations.SelectMany(m => ((MitigationSpec)m.Spec).RuleNames ?? new System.Collections.Generic.List<string>()).ToList();
            Assert.Contains("EEMS M1.1 PowerShell - inbound", names);
            Assert.Contains("EEMS M2.1 OWA CSP - outbound", names);
            Assert.Contains("EEMS M2.1 OWA SPA HTML shell - precondition", names);
            Assert.Contains("PowerShell - inbound", names);
            Assert.Contains("X-AnonResource-Backend Abort - inbound", names);
            Assert.Contains("X-BEResource Abort - inbound", names);
            Assert.Contains("EOMT OWA CSP - outbound", names);
            Assert.Contains("EOMT OWA SPA HTML shell - precondition", names);
        }

        [Theory]
        [InlineData("          patternVariant: ['x']\n", "patternVariant")]
        [InlineData("          inputVariants: '{REQUEST_URI}'\n", "t1.yaml:14:")]
        [InlineData("      acceptedActions: [Block]\n", "Block")]
        public void Variant_keys_are_loaded_strictly(string line, string expected)
        {
            var yaml = "apiVersion: exchangehardening/v1\nkind: Mitigation\nmetadata:\n  name: T1\nspec:\n  origin: Manual\n  mitigates: []\n  rules:\n" +
                "    - direction: Inbound\n      location: DefaultWebSite\n      conditions:\n        - input: '{HTTP_COOKIE}'\n          pattern: 'x'\n" +
                (line.StartsWith("          ") ? line + "      action: AbortRequest\n" : "      action: AbortRequest\n" + line);
            var result = new YamlResourceReader().Read("t1.yaml", yaml);
            var error = Assert.Single(result.Errors);
            Assert.True(error.Line > 0 && error.ToString().Contains(expected), error.ToString());
            Assert.Empty(result.Resources);
        }
    }
}
