using System;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Hunting.Files;
using Xunit;
using static ExchangeHardening.Engine.Tests.Hunting.Files.HuntingFileFixtures;

namespace ExchangeHardening.Engine.Tests.Hunting.Files
{
    /// <summary>EXH-WS-001 to -006 and the EXH-WS-003 variants, each with a file that must match and one that must not.</summary>
    public class WebShellFileAnalyzerTests
    {
        [Fact]
        public void Known_bad_hash_is_found_from_a_test_only_indicator()
        {
            using (var tree = new TempDirectory())
            using (var layer = new TempDirectory())
            {
                var probe = Bytes("WebShells/hash-probe.aspx.txt");
                var hash = Sha256(probe);
                Assert.DoesNotContain(hash, File.ReadAllText(Path.Combine(Data.ShippedData.Directory, "FileIndicators", "WebShellHashes.yaml")));
                layer.Write("test-hash.yaml", $"apiVersion: exchangehardening/v1\nkind: Indicator\nmetadata:\n  name: TEST-WS-001-probe\n  title: Test-only hash of a harmless fixture\nspec:\n  ruleId: EXH-WS-001\n  source: WebFile\n  category: WebShell\n  recommendation: Test only.\n  severity: Critical\n  confidence: High\n  fileNames: ['*.aspx']\n  sha256: [{hash}]\n");
                var context = Context(StoreWith(layer));
                var hit = tree.Place("WebShells/hash-probe.aspx.txt", HttpProxy + "/ecp/probe.aspx");
                var miss = tree.Place("WebShells/plain-page.aspx.txt", HttpProxy + "/ecp/plain.aspx");

                var sink = Run(new WebShellFileAnalyzer(), context, Classify(hit, EvidenceSourceType.WebFile), Classify(miss, EvidenceSourceType.WebFile));

                var finding = Assert.Single(sink.Of("EXH-WS-001"));
                Assert.Equal(hit, finding.Path);
                Assert.Contains(hash, finding.Evidence);
                Assert.Equal(Severity.Critical, finding.Severity);
                Assert.Equal(Server, finding.Server);
                Assert.Empty(sink.Errors);
            }
        }

        [Theory]
        [InlineData(OwaAuth + "/shel.aspx")]
        [InlineData(OwaAuth + "/ChackLogsIO.aspx")]
        [InlineData(OwaAuth + "/Current/one1.aspx")]
        [InlineData(AspnetClient + "/xx.aspx")]
        [InlineData(AspnetClient + "/system_web/log.aspx")]
        [InlineData(HttpProxy + "/OAB/log.aspx")]
        [InlineData(HttpProxy + "/ews/333.aspx")]
        [InlineData(EcpAuth + "/TimeoutLogout.aspx")]
        [InlineData("D:/Exchange/V15/FrontEnd/HttpProxy/owa/auth/errorPage.aspx")]
        public void Mstic_feed_paths_are_found_wherever_Exchange_is_installed(string relativePath)
        {
            var sink = AnalyzeWebFile("WebShells/plain-page.aspx.txt", relativePath);
            var finding = Assert.Single(sink.Of("EXH-WS-002"));
            Assert.Equal(Severity.Critical, finding.Severity);
            Assert.Equal(Confidence.High, finding.Confidence);
        }

        [Theory]
        [InlineData(OwaAuth + "/Current/default.aspx")]   // generic name outside the folder the feed lists it for
        [InlineData(AspnetClient + "/log.aspx")]          // log.aspx is listed for system_web and OAB only
        [InlineData(HttpProxy + "/ecp/333.aspx")]
        [InlineData(OwaAuth + "/logon.aspx")]
        public void Generic_names_count_only_in_their_listed_folder(string relativePath)
        {
            var sink = AnalyzeWebFile("WebShells/plain-page.aspx.txt", relativePath);
            Assert.Empty(sink.Of("EXH-WS-002"));
        }

        [Theory]
        [InlineData(OwaAuth + "/HWTJQDMFVMPOON.aspx")]
        [InlineData(AspnetClient + "/system_web/a1b2c3d4.aspx")]
        [InlineData(HttpProxy + "/owa/570221043.aspx")]
        public void Reported_web_shell_names_are_found_with_medium_confidence(string relativePath)
        {
            var finding = Assert.Single(AnalyzeWebFile("WebShells/plain-page.aspx.txt", relativePath).Of("EXH-WS-002"));
            Assert.Equal(Confidence.Medium, finding.Confidence);
        }

        [Theory]
        [InlineData(AspnetClient + "/anything.aspx", Severity.High)]
        [InlineData(AspnetClient + "/system_web/4_0_30319/deep.ashx", Severity.High)]
        [InlineData(EcpAuth + "/Other.aspx", Severity.High)]
        [InlineData(EcpAuth + "/notes.txt", Severity.High)]
        [InlineData(OwaAuth + "/Current/themes/resources/extra.aspx", Severity.High)]
        [InlineData(OwaAuth + "/15.2.1118.20/scripts/extra.aspx", Severity.High)]
        [InlineData(OwaAuth + "/custom.aspx", Severity.Medium)]
        public void Files_where_a_standard_install_has_none_are_found(string relativePath, Severity severity)
        {
            var finding = Assert.Single(AnalyzeWebFile("WebShells/plain-page.aspx.txt", relativePath).Of("EXH-WS-003"));
            Assert.Equal(severity, finding.Severity);
        }

        [Theory]
        [InlineData(AspnetClient + "/readme.txt")]
        [InlineData(EcpAuth + "/TimeoutLogoff.aspx")]
        [InlineData(OwaAuth + "/Current/themes/resources/logon.css")]
        [InlineData(OwaAuth + "/15.2.1118.20/scripts/boot.js")]
        [InlineData(OwaAuth + "/logon.aspx")]
        [InlineData(HttpProxy + "/owa/default.aspx")]
        public void Standard_files_and_places_are_not_reported(string relativePath)
        {
            Assert.Empty(AnalyzeWebFile("WebShells/plain-page.aspx.txt", relativePath).Of("EXH-WS-003"));
        }

        [Fact]
        public void Compiled_pages_of_aspnet_client_files_are_found()
        {
            using (var tree = new TempDirectory())
            {
                var described = tree.Place("WebShells/synthetic.aspx.cdcab7d2.compiled.txt", TemporaryAspNet + "/root/1a2b3c4d/5e6f7a8b/synthetic.aspx.cdcab7d2.compiled");
                var standard = tree.Place("WebShells/owa-logon.aspx.cdcab7d3.compiled.txt", TemporaryAspNet + "/owa/1a2b3c4d/5e6f7a8b/logon.aspx.cdcab7d3.compiled");
                var assembly = tree.WriteBytes(TemporaryAspNet + "/root/1a2b3c4d/5e6f7a8b/App_Web_syntheti.dll", FakeCompiledAssembly("~/aspnet_client/synthetic.aspx"));
                var authPage = tree.WriteBytes(TemporaryAspNet + "/owa/1a2b3c4d/5e6f7a8b/App_Web_auth0001.dll", FakeCompiledAssembly("~/auth/synthetic.aspx"));
                var logonPage = tree.WriteBytes(TemporaryAspNet + "/owa/1a2b3c4d/5e6f7a8b/App_Web_auth0002.dll", FakeCompiledAssembly("~/auth/logon.aspx"));

                var sink = Run(new WebShellFileAnalyzer(), Context(), new[] { described, standard, assembly, authPage, logonPage }.Select(p => Classify(p, EvidenceSourceType.WebFile)).ToArray());

                var findings = sink.Of("EXH-WS-003");
                Assert.Equal(new[] { assembly, authPage, described }.OrderBy(p => p), findings.Select(f => f.Path).OrderBy(p => p));
                Assert.Equal(Severity.High, findings.Single(f => f.Path == assembly).Severity);
                Assert.Contains("~/aspnet_client/synthetic.aspx", findings.Single(f => f.Path == assembly).Evidence);
                Assert.Equal(Confidence.Low, findings.Single(f => f.Path == authPage).Confidence);
            }
        }

        [Fact]
        public void Aspx_newer_than_the_installed_build_is_found_only_with_a_build()
        {
            using (var tree = new TempDirectory())
            {
                var path = tree.Place("WebShells/plain-page.aspx.txt", "Program Files/Microsoft/Exchange Server/V15/ClientAccess/ecp/synthetic.aspx");
                var newer = Classify(path, EvidenceSourceType.WebFile, tree.Path, new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc));
                var older = Classify(path, EvidenceSourceType.WebFile, tree.Path, new DateTime(2022, 10, 1, 0, 0, 0, DateTimeKind.Utc));

                // Exchange 2019 CU12 Nov22SU, released 2022-11-08.
                var found = Assert.Single(Run(new WebShellFileAnalyzer(), Context(build: "15.2.1118.20"), newer).Of("EXH-WS-003"));
                Assert.Contains("2022-11-08", found.Evidence);
                Assert.Contains("approximation", found.Evidence);
                Assert.Equal(Confidence.Low, found.Confidence);
                Assert.Empty(Run(new WebShellFileAnalyzer(), Context(build: "15.2.1118.20"), older).Of("EXH-WS-003"));
                Assert.Empty(Run(new WebShellFileAnalyzer(), Context(), newer).Of("EXH-WS-003"));
            }
        }

        [Theory]
        [InlineData("WebShells/chopper-lookalike.aspx.txt", true)]
        [InlineData("WebShells/chopper-base64-lookalike.aspx.txt", true)]
        [InlineData("WebShells/uploader-lookalike.aspx.txt", true)]
        [InlineData("WebShells/benign-jscript.aspx.txt", false)]
        [InlineData("WebShells/plain-page.aspx.txt", false)]
        [InlineData("WebShells/oab-dump-lookalike.aspx.txt", false)]
        public void China_chopper_traits(string fixture, bool expected)
        {
            var sink = AnalyzeWebFile(fixture, HttpProxy + "/owa/synthetic.aspx");
            Assert.Equal(expected, sink.Of("EXH-WS-004").Count == 1);
            if (expected)
            {
                Assert.Equal(Severity.Critical, sink.Of("EXH-WS-004")[0].Severity);
            }
        }

        [Fact]
        public void China_chopper_traits_are_tested_only_on_small_files()
        {
            using (var tree = new TempDirectory())
            {
                var padded = Bytes("WebShells/chopper-lookalike.aspx.txt").Concat(Encoding.ASCII.GetBytes("<%-- " + new string('x', 9000) + " --%>")).ToArray();
                var path = tree.WriteBytes(HttpProxy + "/owa/big.aspx", padded);
                Assert.Empty(Run(new WebShellFileAnalyzer(), Context(), Classify(path, EvidenceSourceType.WebFile)).Of("EXH-WS-004"));
            }
        }

        [Fact]
        public void Chopper_in_aspnet_client_gives_one_finding_per_rule()
        {
            var sink = AnalyzeWebFile("WebShells/chopper-lookalike.aspx.txt", AspnetClient + "/shell.aspx");
            Assert.Equal(new[] { "EXH-WS-002", "EXH-WS-003", "EXH-WS-004" }, sink.RuleIds);
            Assert.Equal(3, sink.Findings.Count);
        }

        [Theory]
        [InlineData("WebShells/oab-dump-lookalike.aspx.txt", true)]
        [InlineData("WebShells/oab-dump-no-script.aspx.txt", false)]
        [InlineData("WebShells/chopper-lookalike.aspx.txt", false)]
        public void Oab_dump_shells(string fixture, bool expected)
        {
            var sink = AnalyzeWebFile(fixture, HttpProxy + "/OAB/synthetic.aspx");
            Assert.Equal(expected, sink.Of("EXH-WS-005").Count == 1);
        }

        [Fact]
        public void Pst_dropped_page_needs_the_header_and_a_page_directive()
        {
            using (var tree = new TempDirectory())
            {
                var pst = Header(0x21, 0x42, 0x44, 0x4E).Concat(Filler(4000)).Concat(Encoding.ASCII.GetBytes("<%-- SYNTHETIC <%@ Page Language=\"C#\" %> --%>")).ToArray();
                var withDirective = tree.WriteBytes(AspnetClient + "/689193944.aspx", pst);
                var withoutDirective = tree.WriteBytes(AspnetClient + "/other.aspx", Header(0x21, 0x42, 0x44, 0x4E).Concat(Filler(4000)).ToArray());
                var text = tree.Place("WebShells/plain-page.aspx.txt", AspnetClient + "/plain.aspx");

                var sink = Run(new WebShellFileAnalyzer(), Context(), Classify(withDirective, EvidenceSourceType.WebFile), Classify(withoutDirective, EvidenceSourceType.WebFile), Classify(text, EvidenceSourceType.WebFile));

                var finding = Assert.Single(sink.Of("EXH-WS-006"));
                Assert.Equal(withDirective, finding.Path);
                Assert.Contains("!BDN", finding.Title + finding.Evidence);
            }
        }

        [Fact]
        public void Certificate_request_dropped_page_is_small_and_starts_with_der()
        {
            using (var tree = new TempDirectory())
            {
                var small = tree.WriteBytes(OwaAuth + "/Current/synthetic.aspx", Header(0x30, 0x82, 0x02, 0x10).Concat(Filler(600)).ToArray());
                var large = tree.WriteBytes(OwaAuth + "/Current/large.aspx", Header(0x30, 0x82, 0x50, 0x00).Concat(Filler(20000)).ToArray());

                var sink = Run(new WebShellFileAnalyzer(), Context(), Classify(small, EvidenceSourceType.WebFile), Classify(large, EvidenceSourceType.WebFile));

                Assert.Equal(small, Assert.Single(sink.Of("EXH-WS-006")).Path);
            }
        }

        [Fact]
        public void Static_machine_key_is_found_in_a_web_file_too()
        {
            var sink = AnalyzeWebFile("Config/web-static-machinekey.config", "Program Files/Microsoft/Exchange Server/V15/ClientAccess/ecp/web.config");
            Assert.Single(sink.Of("EXH-WS-007"));
            Assert.Empty(AnalyzeWebFile("Config/web-own-machinekey.config", "Program Files/Microsoft/Exchange Server/V15/ClientAccess/ecp/web.config").Of("EXH-WS-007"));
        }

        [Fact]
        public void Other_sources_are_not_this_analyzers_business()
        {
            Assert.Equal(new[] { EvidenceSourceType.WebFile }, new WebShellFileAnalyzer().SourceTypes);
        }

        internal static RecordingSink AnalyzeWebFile(string fixture, string relativePath)
        {
            using (var tree = new TempDirectory())
            {
                var path = tree.Place(fixture, relativePath);
                return Run(new WebShellFileAnalyzer(), Context(), Classify(path, EvidenceSourceType.WebFile, tree.Path));
            }
        }

        private static byte[] Header(params byte[] bytes) => bytes;

        private static byte[] Filler(int length) => Enumerable.Range(0, length).Select(i => (byte)('a' + (i % 26))).ToArray();
    }
}
