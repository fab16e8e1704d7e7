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
    /// <summary>EOMT, EOMTv2 and unified-EOMT logs and summaries, msert logs, PatchState exports and Test-ProxyLogon outputs.</summary>
    public class EomtArtifactAnalyzerTests
    {
        [Fact]
        public void Eomt_log_reports_vulnerable_mitigated_and_failed_steps()
        {
            var sink = Analyze("Eomt/EOMT.log", "Users/admin/AppData/Local/Temp/msert/EOMT.log", EvidenceSourceType.EomtLog);

            var vulnerable = Assert.Single(sink.Of("EXH-MIT-005"));
            Assert.Equal(3, vulnerable.Line);
            Assert.Equal("CVE-2021-26855", vulnerable.Cve);
            Assert.Equal(new DateTimeOffset(2021, 3, 16, 10, 0, 2, TimeSpan.Zero), vulnerable.Timestamp);
            Assert.Equal(FindingCategory.Eomt, vulnerable.Category);
            Assert.Equal(5, Assert.Single(sink.Of("EXH-EOMT-001")).Line);
            Assert.Contains("MSERT download failed", Assert.Single(sink.Of("EXH-EOMT-002")).Evidence);
            Assert.Empty(sink.Of("EXH-EOMT-003"));
            Assert.Contains(sink.Observed, o => o.Source == EvidenceSourceType.EomtLog && o.Time == new DateTimeOffset(2021, 3, 16, 10, 0, 0, TimeSpan.Zero));
            Assert.Contains(sink.Observed, o => o.Source == EvidenceSourceType.EomtLog && o.Time == new DateTimeOffset(2021, 3, 16, 10, 5, 1, TimeSpan.Zero));
        }

        [Fact]
        public void Eomt_log_of_a_patched_server_with_rollback()
        {
            var sink = Analyze("Eomt/EOMT-rollback.log", "Temp/msert/EOMT.log", EvidenceSourceType.EomtLog);

            Assert.Empty(sink.Of("EXH-MIT-005")); // "Server is not vulnerable"
            Assert.Empty(sink.Of("EXH-EOMT-001")); // "Rollback of mitigation complete" is no mitigation
            Assert.Empty(sink.Of("EXH-EOMT-002"));
            Assert.Equal(new long[] { 3, 4 }, sink.Of("EXH-EOMT-003").Select(f => f.Line));
        }

        [Fact]
        public void Eomtv2_log_means_proxynotshell()
        {
            var finding = Assert.Single(Analyze("Eomt/EOMTv2.log", "Temp/EOMTv2/EOMTv2.log", EvidenceSourceType.EomtLog).Of("EXH-MIT-005"));
            Assert.Equal("CVE-2022-41040", finding.Cve);
        }

        [Fact]
        public void Unified_eomt_debug_log_reports_threats()
        {
            var sink = Analyze("Eomt/EOMT.ps1-Debug_20260520100000.txt", "Scripts/EOMT.ps1-Debug_20260520100000.txt", EvidenceSourceType.EomtLog);
            var finding = Assert.Single(sink.Of("EXH-CT-015"));
            Assert.Equal(3, finding.Line);
            Assert.Equal(new DateTimeOffset(2026, 5, 20, 10, 30, 0, TimeSpan.Zero), finding.Timestamp);
            Assert.Single(sink.Findings);
            Assert.Empty(sink.Errors);
        }

        [Fact]
        public void Summary_is_reported_once_and_failure_when_it_says_so()
        {
            var ran = Analyze("Eomt/EOMTSummary.txt", "EOMTSummary.txt", EvidenceSourceType.EomtSummary);
            Assert.Equal(new[] { "EXH-EOMT-004" }, ran.RuleIds);
            Assert.Single(ran.Findings);
            Assert.Contains("template", Assert.Single(ran.Findings).Title + ShippedFalsePositives("EXH-EOMT-004-summary"));

            var failed = Analyze("Eomt/EOMTSummary-unsuccessful.txt", "EOMTSummary.txt", EvidenceSourceType.EomtSummary);
            Assert.Equal(new[] { "EXH-EOMT-004", "EXH-EOMT-005" }, failed.RuleIds);
            Assert.Equal(4, failed.Of("EXH-EOMT-005")[0].Line);

            Assert.Empty(Analyze("Eomt/not-a-summary.txt", "EOMTSummary.txt", EvidenceSourceType.EomtSummary).Findings);
        }

        [Fact]
        public void Msert_log_gives_one_critical_finding_per_detection_with_name_and_path()
        {
            var sink = Analyze("Msert/msert.log", "Windows/debug/msert.log", EvidenceSourceType.MsertLog);
            var findings = sink.Of("EXH-CT-015").OrderBy(f => f.Line).ToList();

            Assert.Equal(3, findings.Count);
            Assert.All(findings, f => Assert.Equal(Severity.Critical, f.Severity));
            Assert.Contains("Backdoor:ASP/Webshell.Y", findings[0].Title);
            Assert.Contains(@"C:\inetpub\wwwroot\aspnet_client\synthetic.aspx", findings[0].Evidence);
            Assert.Equal(11, findings[0].Line);
            Assert.Contains("Exploit:Script/ExchgProxyRequest.A", findings[1].Title);
            Assert.Contains(@"owa\auth\synthetic2.aspx", findings[1].Evidence);
            Assert.Contains("Behavior:Win32/IISExchgDropWebshell.A", findings[2].Title);
            Assert.Contains("path not shown", findings[2].Evidence);
            Assert.All(findings, f => Assert.Equal(new DateTimeOffset(2021, 3, 16, 10, 6, 0, TimeSpan.Zero), f.Timestamp));
        }

        [Fact]
        public void Msert_old_log_dates_each_scan_and_clean_log_is_quiet()
        {
            var old = Analyze("Msert/msert.old.log", "Windows/debug/msert.old.log", EvidenceSourceType.MsertLog);
            var finding = Assert.Single(old.Of("EXH-CT-015"));
            Assert.Contains("Backdoor:JS/SimChocexShell.A!dha", finding.Title);
            Assert.Contains(@"C:\Windows\Temp\synthetic.zip", finding.Evidence);
            Assert.Equal(new DateTimeOffset(2021, 3, 15, 9, 0, 0, TimeSpan.Zero), finding.Timestamp);
            Assert.Contains(old.Observed, o => o.Time == new DateTimeOffset(2021, 3, 7, 22, 0, 0, TimeSpan.Zero));

            Assert.Empty(Analyze("Msert/msert-clean.log", "Windows/debug/msert.log", EvidenceSourceType.MsertLog).Findings);
        }

        [Fact]
        public void Since_filters_dated_entries()
        {
            using (var tree = new TempDirectory())
            {
                var path = tree.Place("Msert/msert.old.log", "Windows/debug/msert.old.log");
                var context = Context();
                context.Since = new DateTimeOffset(2021, 3, 16, 0, 0, 0, TimeSpan.Zero);
                Assert.Empty(Run(new EomtArtifactAnalyzer(), context, Classify(path, EvidenceSourceType.MsertLog)).Findings);
            }
        }

        [Fact]
        public void PatchState_export_reports_vulnerable_threats_mitigation_and_failures()
        {
            var sink = Analyze("PatchState/PatchState-vulnerable.reg", "exports/PatchState.reg", EvidenceSourceType.PatchStateExport);

            var vulnerable = Assert.Single(sink.Of("EXH-MIT-005"));
            Assert.Equal(new DateTimeOffset(2021, 3, 16, 10, 20, 0, TimeSpan.Zero), vulnerable.Timestamp);
            Assert.Contains("EOMTStart", vulnerable.Evidence);
            Assert.Equal(7, vulnerable.Line);
            Assert.Equal(Severity.Critical, Assert.Single(sink.Of("EXH-CT-015")).Severity);
            Assert.Single(sink.Of("EXH-EOMT-001"));
            var failure = Assert.Single(sink.Of("EXH-EOMT-002"));
            Assert.Contains("DownloadLatestEOMT", failure.Evidence);
            Assert.Contains("\"https://example.invalid/EOMT.ps1\"", failure.Evidence);
        }

        [Fact]
        public void PatchState_export_in_unicode_reads_the_same()
        {
            using (var tree = new TempDirectory())
            {
                var text = File.ReadAllText(Fixture("PatchState/PatchState-vulnerable.reg"));
                var path = tree.WriteBytes("PatchState.reg", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray());
                var sink = Run(new EomtArtifactAnalyzer(), Context(), Classify(path, EvidenceSourceType.PatchStateExport));
                Assert.Equal(new[] { "EXH-CT-015", "EXH-EOMT-001", "EXH-EOMT-002", "EXH-MIT-005" }, sink.RuleIds);
            }
        }

        [Fact]
        public void PatchState_of_a_clean_run_and_other_keys_are_quiet()
        {
            var sink = Analyze("PatchState/PatchState-clean.reg", "PatchState.reg", EvidenceSourceType.PatchStateExport);
            Assert.Empty(sink.Findings);
            Assert.Empty(sink.Errors);
        }

        [Fact]
        public void Reg_query_output_is_read_too()
        {
            var sink = Analyze("PatchState/reg-query-output.txt", "PatchState.txt", EvidenceSourceType.PatchStateExport);
            Assert.Equal(new[] { "EXH-EOMT-003", "EXH-MIT-005" }, sink.RuleIds);
        }

        [Fact]
        public void Export_without_PatchState_values_is_an_error()
        {
            using (var tree = new TempDirectory())
            {
                var path = tree.Write("other.reg", "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Other]\r\n\"A\"=\"1 Server is vulnerable\"\r\n");
                var sink = Run(new EomtArtifactAnalyzer(), Context(), Classify(path, EvidenceSourceType.PatchStateExport));
                Assert.Empty(sink.Findings);
                Assert.Single(sink.Errors);
            }
        }

        [Fact]
        public void Test_proxylogon_rows_are_reported_as_earlier_findings()
        {
            var sink = Analyze("TestProxyLogon/EXCH01-Cve-2021-26855.csv", "TPL/EXCH01-Cve-2021-26855.csv", EvidenceSourceType.TestProxyLogonOutput);
            var findings = sink.Of("EXH-EOMT-006");
            Assert.Equal(2, findings.Count);
            Assert.All(findings, f => Assert.Equal("CVE-2021-26855", f.Cve));
            Assert.Equal("192.0.2.10", findings[0].ClientIp);
            Assert.Equal(new DateTimeOffset(2021, 3, 3, 4, 5, 6, 789, TimeSpan.Zero), findings[0].Timestamp);
            Assert.Contains("UrlStem=/ecp/y.js", findings[0].Evidence);
            Assert.Equal(3, findings[0].Line);
            Assert.Single(sink.Errors); // the truncated last row
        }

        [Fact]
        public void Test_proxylogon_multiline_rows_logs_and_empty_outputs()
        {
            var events = Analyze("TestProxyLogon/EXCH01-Cve-2021-26857.csv", "EXCH01-Cve-2021-26857.csv", EvidenceSourceType.TestProxyLogonOutput);
            var finding = Assert.Single(events.Of("EXH-EOMT-006"));
            Assert.Equal("CVE-2021-26857", finding.Cve);
            Assert.Contains("InvalidCastException", finding.Evidence);

            var paths = Analyze("TestProxyLogon/EXCH01-Cve-2021-27065.log", "EXCH01-Cve-2021-27065.log", EvidenceSourceType.TestProxyLogonOutput);
            Assert.Equal(new long[] { 1, 3 }, paths.Of("EXH-EOMT-006").Select(f => f.Line));
            Assert.All(paths.Findings, f => Assert.Equal("CVE-2021-27065", f.Cve));

            Assert.Empty(Analyze("TestProxyLogon/EXCH02-Cve-2021-26855.csv", "EXCH02-Cve-2021-26855.csv", EvidenceSourceType.TestProxyLogonOutput).Findings);
        }

        [Fact]
        public void Long_and_binary_lines_do_not_break_the_log_reader()
        {
            using (var tree = new TempDirectory())
            {
                var builder = new StringBuilder();
                builder.Append("2021-03-16 10:00:00 Info: ").Append('x', 3 * 1024 * 1024).Append("\r\n");
                builder.Append("\u0001\u0002garbage\u0000\u00ff\r\n");
                builder.Append("2021-03-16 10:00:02 Info: EXCH01 is vulnerable: applying mitigation\r\n");
                var path = tree.Write("Temp/msert/EOMT.log", builder.ToString());
                var sink = Run(new EomtArtifactAnalyzer(), Context(), Classify(path, EvidenceSourceType.EomtLog));
                Assert.Equal(3, Assert.Single(sink.Of("EXH-MIT-005")).Line);
            }
        }

        private static RecordingSink Analyze(string fixture, string relativePath, EvidenceSourceType type)
        {
            using (var tree = new TempDirectory())
            {
                var path = tree.Place(fixture, relativePath);
                return Run(new EomtArtifactAnalyzer(), Context(), Classify(path, type, tree.Path));
            }
        }

        private static string ShippedFalsePositives(string name) =>
            ((Resources.IndicatorSpec)Data.ShippedData.Store.Indicators.Single(i => i.Name == name).Spec).FalsePositives ?? string.Empty;
    }
}
