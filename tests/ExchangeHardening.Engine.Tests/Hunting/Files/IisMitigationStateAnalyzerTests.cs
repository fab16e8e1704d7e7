using System.IO;
using System.Linq;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Hunting.Files;
using ExchangeHardening.Engine.Tests.Mitigations;
using Xunit;
using static ExchangeHardening.Engine.Tests.Hunting.Files.HuntingFileFixtures;

namespace ExchangeHardening.Engine.Tests.Hunting.Files
{
    /// <summary>EXH-MIT-001 to -004, EXH-WS-007 and EXH-WS-010 over IIS configuration files given one at a time.</summary>
    public class IisMitigationStateAnalyzerTests
    {
        // Exchange 2019 CU12: Oct22SU lacks the ProxyNotShell fix, Nov22SU has it.
        private const string BeforeNov22 = "15.2.1118.15";
        private const string WithNov22 = "15.2.1118.20";

        [Fact]
        public void Proxynotshell_rule_is_reported_once_and_still_needed_before_the_fix()
        {
            var sink = RunScenario("em-m1", BeforeNov22);

            var finding = Assert.Single(sink.Of("EXH-MIT-001"));
            Assert.Equal(FindingCategory.Mitigation, finding.Category);
            Assert.Equal("CVE-2022-41040", finding.Cve);
            Assert.EndsWith("web.config", finding.Path);
            Assert.Equal(7, finding.Line);
            Assert.Contains("still needed", finding.Evidence);
            Assert.Contains("M1 present", finding.Evidence);
            Assert.DoesNotContain("stale", finding.Title);
            Assert.Empty(sink.Of("EXH-MIT-002"));
            Assert.Empty(sink.Of("EXH-MIT-003"));
        }

        [Fact]
        public void Proxynotshell_rule_is_stale_once_the_build_has_the_fix()
        {
            var finding = Assert.Single(RunScenario("em-m1", WithNov22).Of("EXH-MIT-001"));
            Assert.Contains("stale", finding.Title);
            Assert.Contains("EEMS M1.1 PowerShell - inbound", finding.Recommendation);
        }

        [Fact]
        public void Without_a_build_staleness_is_left_open()
        {
            var finding = Assert.Single(RunScenario("em-m1", null).Of("EXH-MIT-001"));
            Assert.Contains("-Build", finding.Evidence);
            Assert.DoesNotContain("stale", finding.Title);
        }

        [Theory]
        [InlineData("eomt-2021-cookie-rules", "EXH-MIT-002")]
        [InlineData("m2-owa-outbound", "EXH-MIT-003")]
        [InlineData("m2-unified-eomt", "EXH-MIT-003")]
        [InlineData("eomtv2-historical-pattern", "EXH-MIT-001")]
        [InlineData("m1-disabled", "EXH-MIT-001")]
        public void Each_mitigation_is_recognised_by_behaviour(string scenario, string ruleId)
        {
            var sink = RunScenario(scenario, null);
            Assert.Equal(new[] { ruleId }, sink.RuleIds);
        }

        [Fact]
        public void Disabled_rule_is_reported_as_not_effective()
        {
            var finding = Assert.Single(RunScenario("m1-disabled", BeforeNov22).Of("EXH-MIT-001"));
            Assert.Contains("not effective", finding.Title);
            Assert.Contains("disabled", finding.Evidence);
        }

        [Fact]
        public void Configuration_without_mitigations_is_quiet()
        {
            using (var tree = new TempDirectory())
            {
                tree.Write(IisFixtures.ApplicationHostPath, IisFixtures.ApplicationHost());
                tree.Write(IisFixtures.DefaultWebSitePath, IisFixtures.WebConfig("<rules />"));
                var sink = RunTree(tree, null);
                Assert.Empty(sink.Findings);
                Assert.Empty(sink.Errors);
            }
        }

        [Fact]
        public void Malformed_file_is_an_error_and_the_rest_is_still_read()
        {
            var sink = RunScenario("malformed-xml", null);
            Assert.Contains(sink.Errors, e => e.File.EndsWith("web.config") && e.Line == 11);
            Assert.Single(sink.Of("EXH-MIT-003"));
        }

        [Fact]
        public void Stopped_ecp_and_oab_app_pools_are_exchangemitigations_leftovers()
        {
            using (var tree = new TempDirectory())
            {
                var host = IisFixtures.ApplicationHost()
                    .Replace("<add name=\"MSExchangeECPAppPool\" managedRuntimeVersion=\"v4.0\">", "<add name=\"MSExchangeECPAppPool\" managedRuntimeVersion=\"v4.0\" startMode=\"OnDemand\" autoStart=\"false\">");
                Assert.Contains("autoStart=\"false\"", host);
                tree.Write(IisFixtures.ApplicationHostPath, host);
                var finding = Assert.Single(RunTree(tree, null).Of("EXH-MIT-004"));
                Assert.Contains("MSExchangeECPAppPool", finding.Evidence);
                Assert.True(finding.Line > 0);
            }
        }

        [Fact]
        public void Default_app_pools_are_not_leftovers()
        {
            using (var tree = new TempDirectory())
            {
                tree.Write(IisFixtures.ApplicationHostPath, IisFixtures.ApplicationHost().Replace("<add name=\"DefaultAppPool\" />", "<add name=\"DefaultAppPool\" autoStart=\"false\" />"));
                Assert.Empty(RunTree(tree, null).Of("EXH-MIT-004"));
            }
        }

        [Fact]
        public void Virtual_directories_into_ProgramData_are_found()
        {
            using (var tree = new TempDirectory())
            {
                var host = IisFixtures.ApplicationHost().Replace(
                    "</site>",
                    "<application path=\"/synthetic\" applicationPool=\"DefaultAppPool\"><virtualDirectory path=\"/\" physicalPath=\"C:\\ProgramData\\COM\" /></application>" +
                    "<application path=\"/vendor\" applicationPool=\"DefaultAppPool\"><virtualDirectory path=\"/\" physicalPath=\"%ProgramData%\\Vendor\\Web\" /></application></site>");
                tree.Write(IisFixtures.ApplicationHostPath, host);
                var findings = RunTree(tree, null).Of("EXH-WS-010").OrderBy(f => f.Evidence).ToList();
                Assert.Contains(findings, f => f.Evidence.Contains(@"C:\ProgramData\COM") && f.Confidence == Confidence.High);
                Assert.Contains(findings, f => f.Evidence.Contains(@"%ProgramData%\Vendor\Web") && f.Confidence == Confidence.Medium);
            }
        }

        [Fact]
        public void Exchange_virtual_directories_are_not_reported()
        {
            Assert.Empty(RunScenario("em-m1", null).Of("EXH-WS-010"));
        }

        [Fact]
        public void Static_machine_key_in_an_exchange_web_config()
        {
            using (var tree = new TempDirectory())
            {
                var bad = tree.Place("Config/web-static-machinekey.config", "Program Files/Microsoft/Exchange Server/V15/ClientAccess/ecp/web.config");
                var good = tree.Place("Config/web-own-machinekey.config", "Program Files/Microsoft/Exchange Server/V15/ClientAccess/owa/web.config");
                var sink = Run(new IisMitigationStateAnalyzer(), Context(), Classify(bad, EvidenceSourceType.IisConfiguration), Classify(good, EvidenceSourceType.IisConfiguration));
                var finding = Assert.Single(sink.Of("EXH-WS-007"));
                Assert.Equal(bad, finding.Path);
                Assert.Equal("CVE-2020-0688", finding.Cve);
                Assert.Contains("CB2721ABDAF8E9DC516D621D8B8BF13A2C9E8689A25303BF", finding.Evidence);
            }
        }

        [Fact]
        public void Complete_empties_the_analyzer_for_the_next_run()
        {
            var analyzer = new IisMitigationStateAnalyzer();
            var context = Context();
            var files = ScenarioFiles("em-m1");
            var first = new RecordingSink();
            foreach (var file in files)
            {
                analyzer.Analyze(file, context, first, System.Threading.CancellationToken.None);
            }

            analyzer.Complete(context, first);
            var second = new RecordingSink();
            analyzer.Complete(context, second);
            Assert.Single(first.Of("EXH-MIT-001"));
            Assert.Empty(second.Findings);
        }

        private static RecordingSink RunScenario(string scenario, string? build) =>
            Run(new IisMitigationStateAnalyzer(), Context(build: build), ScenarioFiles(scenario));

        private static RecordingSink RunTree(TempDirectory tree, string? build) =>
            Run(new IisMitigationStateAnalyzer(), Context(build: build), Directory.EnumerateFiles(tree.Path, "*.config", SearchOption.AllDirectories).Select(p => Classify(p, EvidenceSourceType.IisConfiguration, tree.Path)).ToArray());

        private static ClassifiedFile[] ScenarioFiles(string scenario) =>
            Directory.EnumerateFiles(IisFixtures.Scenario(scenario), "*.config", SearchOption.AllDirectories)
                .Select(p => Classify(p, EvidenceSourceType.IisConfiguration, IisFixtures.Scenario(scenario)))
                .ToArray();
    }
}
