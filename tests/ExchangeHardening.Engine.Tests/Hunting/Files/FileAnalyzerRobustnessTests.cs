using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Hunting.Files;
using ExchangeHardening.Engine.Tests.Mitigations;
using Xunit;
using static ExchangeHardening.Engine.Tests.Hunting.Files.HuntingFileFixtures;

namespace ExchangeHardening.Engine.Tests.Hunting.Files
{
    /// <summary>Unreadable, empty and large files; files in parallel through the Hunter; nothing under the evidence changes.</summary>
    public class FileAnalyzerRobustnessTests
    {
        [Fact]
        public void Unreadable_file_is_an_error_and_its_place_is_still_reported()
        {
            using (var tree = new TempDirectory())
            {
                var path = Path.Combine(tree.Path, AspnetClient, "gone.aspx");
                var file = new ClassifiedFile(path, AspnetClient + "/gone.aspx", EvidenceSourceType.WebFile, 512, new DateTime(2021, 3, 3, 0, 0, 0, DateTimeKind.Utc));

                var sink = Run(new WebShellFileAnalyzer(), Context(), file);

                Assert.Single(sink.Of("EXH-WS-003"));
                var error = Assert.Single(sink.Errors);
                Assert.Equal(path, error.File);
            }
        }

        [Theory]
        [InlineData(EvidenceSourceType.EomtLog, "EOMT.log")]
        [InlineData(EvidenceSourceType.EomtSummary, "EOMTSummary.txt")]
        [InlineData(EvidenceSourceType.MsertLog, "msert.log")]
        [InlineData(EvidenceSourceType.TestProxyLogonOutput, "EXCH01-Cve-2021-26855.csv")]
        public void Unreadable_artefact_is_an_error(EvidenceSourceType type, string name)
        {
            var file = new ClassifiedFile(Path.Combine(Path.GetTempPath(), "eh-missing-" + Guid.NewGuid().ToString("N"), name), name, type, 10, DateTime.UtcNow);
            var sink = Run(new EomtArtifactAnalyzer(), Context(), file);
            Assert.Empty(sink.Findings);
            Assert.Single(sink.Errors);
        }

        [Fact]
        public void Zero_byte_files_are_handled()
        {
            using (var tree = new TempDirectory())
            {
                var web = Classify(tree.WriteBytes(AspnetClient + "/empty.aspx", Array.Empty<byte>()), EvidenceSourceType.WebFile);
                var config = Classify(tree.WriteBytes("inetpub/wwwroot/web.config", Array.Empty<byte>()), EvidenceSourceType.IisConfiguration);
                var artefacts = new[]
                {
                    Classify(tree.WriteBytes("Temp/msert/EOMT.log", Array.Empty<byte>()), EvidenceSourceType.EomtLog),
                    Classify(tree.WriteBytes("EOMTSummary.txt", Array.Empty<byte>()), EvidenceSourceType.EomtSummary),
                    Classify(tree.WriteBytes("Windows/debug/msert.log", Array.Empty<byte>()), EvidenceSourceType.MsertLog),
                    Classify(tree.WriteBytes("EXCH01-Cve-2021-26855.csv", Array.Empty<byte>()), EvidenceSourceType.TestProxyLogonOutput),
                };

                var webSink = Run(new WebShellFileAnalyzer(), Context(), web);
                Assert.Equal(new[] { "EXH-WS-003" }, webSink.RuleIds);
                Assert.Empty(webSink.Errors);
                Assert.Empty(Run(new EomtArtifactAnalyzer(), Context(), artefacts).Findings);
                var configSink = Run(new IisMitigationStateAnalyzer(), Context(), config);
                Assert.Empty(configSink.Findings);
                Assert.Single(configSink.Errors); // not XML: named, and the run goes on
            }
        }

        [Fact]
        public void Large_binary_in_a_web_folder_is_not_read_when_no_rule_needs_it()
        {
            using (var tree = new TempDirectory())
            {
                var blob = tree.WriteBytes(AspnetClient + "/blob.bin", new byte[10 * 1024 * 1024]);
                var script = tree.WriteBytes(AspnetClient + "/big.aspx", new byte[10 * 1024 * 1024]);
                var opener = new CountingOpener();
                var analyzer = new WebShellFileAnalyzer(opener.Open);

                var watch = Stopwatch.StartNew();
                var sink = Run(analyzer, Context(), Classify(blob, EvidenceSourceType.WebFile));
                watch.Stop();

                Assert.Empty(opener.Opened);
                Assert.Equal(0, opener.BytesRead);
                Assert.Empty(sink.Findings); // not a script: aspnet_client only flags pages
                Assert.True(watch.ElapsedMilliseconds < 1000, $"took {watch.ElapsedMilliseconds} ms");

                // A 10 MB page is a hash candidate by name: read once, in chunks, and still reported by place.
                var scriptSink = Run(analyzer, Context(), Classify(script, EvidenceSourceType.WebFile));
                Assert.Equal(1, opener.Opened[script]);
                Assert.Equal(10 * 1024 * 1024, opener.BytesRead);
                Assert.Equal(new[] { "EXH-WS-003" }, scriptSink.RuleIds);
            }
        }

        [Fact]
        public void Every_file_is_opened_at_most_once_per_analyzer()
        {
            using (var tree = new TempDirectory())
            {
                var opener = new CountingOpener();
                var files = new[]
                {
                    tree.Place("WebShells/chopper-lookalike.aspx.txt", AspnetClient + "/shell.aspx"),
                    tree.Place("WebShells/oab-dump-lookalike.aspx.txt", HttpProxy + "/OAB/dump.aspx"),
                    tree.WriteBytes(TemporaryAspNet + "/root/a/b/App_Web_syntheti.dll", FakeCompiledAssembly("~/aspnet_client/x.aspx")),
                };
                Run(new WebShellFileAnalyzer(opener.Open), Context(), files.Select(f => Classify(f, EvidenceSourceType.WebFile)).ToArray());
                Assert.Equal(files.Length, opener.Opened.Count);
                Assert.All(opener.Opened.Values, count => Assert.Equal(1, count));
            }
        }

        [Fact]
        public void Analyzers_run_in_parallel_through_the_hunter_and_leave_the_evidence_unchanged()
        {
            using (var tree = BuildCompromisedTree())
            {
                var before = HashTree(tree.Path);
                var files = Directory.EnumerateFiles(tree.Path, "*", SearchOption.AllDirectories).Select(p => Classify(p, TypeOf(p), tree.Path)).ToList();
                var analyzers = new IEvidenceAnalyzer[] { new WebShellFileAnalyzer(), new StagingFileAnalyzer(), new EomtArtifactAnalyzer(), new IisMitigationStateAnalyzer() };

                var events = new Hunter(analyzers, 4).Run(files, Context(build: "15.2.1118.15"), CancellationToken.None).ToList();

                var rules = events.Where(e => e.Kind == HuntEventKind.Finding).Select(e => e.Finding!.RuleId).Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();
                Assert.Equal(
                    new[] { "EXH-CT-001", "EXH-CT-003", "EXH-CT-015", "EXH-EOMT-001", "EXH-EOMT-002", "EXH-MIT-001", "EXH-MIT-005", "EXH-WS-002", "EXH-WS-003", "EXH-WS-004", "EXH-WS-005", "EXH-WS-007", "EXH-WS-011" },
                    rules);
                Assert.DoesNotContain(events, e => e.Kind == HuntEventKind.Error);
                Assert.Equal(before, HashTree(tree.Path));
            }
        }

        private static TempDirectory BuildCompromisedTree()
        {
            var tree = new TempDirectory();
            tree.Place("WebShells/chopper-lookalike.aspx.txt", AspnetClient + "/shell.aspx");
            tree.Place("WebShells/oab-dump-lookalike.aspx.txt", HttpProxy + "/OAB/dump.aspx");
            tree.Place("WebShells/plain-page.aspx.txt", OwaAuth + "/logon.aspx");
            tree.Place("Config/web-static-machinekey.config", "Program Files/Microsoft/Exchange Server/V15/ClientAccess/ecp/web.config");
            tree.Write(IisFixtures.ApplicationHostPath, IisFixtures.ApplicationHost());
            tree.Write(IisFixtures.DefaultWebSitePath, IisFixtures.WebConfig("<rules>" + IisFixtures.InboundRule() + "</rules>"));
            tree.Write("Windows/Temp/lsass.dmp", "SYNTHETIC");
            tree.Write("ProgramData/it.zip", "SYNTHETIC");
            tree.Write("ProgramData/COM1/x.aspx", "SYNTHETIC");
            tree.Place("Eomt/EOMT.log", "Users/admin/AppData/Local/Temp/msert/EOMT.log");
            tree.Place("Msert/msert.log", "Windows/debug/msert.log");
            return tree;
        }

        private static EvidenceSourceType TypeOf(string path)
        {
            var name = Path.GetFileName(path);
            var normalised = path.Replace('\\', '/');
            if (name.EndsWith(".config", StringComparison.OrdinalIgnoreCase))
            {
                return EvidenceSourceType.IisConfiguration;
            }

            if (name == "EOMT.log")
            {
                return EvidenceSourceType.EomtLog;
            }

            if (name == "msert.log")
            {
                return EvidenceSourceType.MsertLog;
            }

            return normalised.Contains("/ProgramData/") || normalised.Contains("/Windows/Temp/") ? EvidenceSourceType.StagingFile : EvidenceSourceType.WebFile;
        }
    }
}
