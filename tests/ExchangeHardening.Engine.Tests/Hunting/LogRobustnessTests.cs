using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Hunting
{
    /// <summary>Bad lines, huge lines, odd encodings and runaway patterns: reported, never fatal, and the rest of the file is still read.</summary>
    public class LogRobustnessTests
    {
        private const string IisHeader =
            "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2021-03-03 00:00:00\r\n" +
            "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n";

        private const string PostToTheme = "2021-03-03 04:05:06 192.0.2.10 POST /owa/auth/Current/themes/resources/logon.css - 443 - 203.0.113.7 curl/7.64.1 - 200 0 0 15\r\n";

        private static readonly string ProxyHeader = string.Join("\r\n", File.ReadLines(FixtureProxyLog).Take(5)) + "\r\n";

        private static string FixtureProxyLog => Path.Combine(HuntingFixtures.V15, "Logging", "HttpProxy", "Ecp", "HttpProxy_2021030304-1.LOG");

        /// <summary>The fixture's SSRF line (PL-001 and PL-003).</summary>
        private static string ProxySsrfLine => File.ReadLines(FixtureProxyLog).ElementAt(8) + "\r\n";

        [Fact]
        public void A_truncated_HttpProxy_line_is_reported_and_the_next_one_is_still_found()
        {
            using (var temp = new TempDirectory())
            {
                var cut = ProxySsrfLine.Substring(0, ProxySsrfLine.IndexOf("ServerInfo~", StringComparison.Ordinal) + 40) + "\r\n";
                var path = temp.Write("HttpProxy_2021030304-1.LOG", ProxyHeader + cut + ProxySsrfLine);
                var sink = HuntingFixtures.Run(path, EvidenceSourceType.HttpProxyLog);
                var error = Assert.Single(sink.Errors);
                Assert.Equal(6, error.Line);
                Assert.Contains("truncated or garbled", error.Message, StringComparison.Ordinal);
                Assert.Equal(new[] { "EXH-PL-001", "EXH-PL-003" }, sink.Findings.Where(f => f.Line == 7).Select(f => f.RuleId).OrderBy(r => r));
                Assert.DoesNotContain(sink.Findings, f => f.Line == 6);
            }
        }

        [Fact]
        public void A_truncated_or_garbled_IIS_line_is_reported_and_the_next_one_is_still_found()
        {
            using (var temp = new TempDirectory())
            {
                var garbage = new byte[] { 0x00, 0xFF, 0x2F, 0x65, 0x63, 0x70, 0x2F, 0x00, 0x0D, 0x0A };
                var path = Path.Combine(temp.Path, "u_ex210303.log");
                using (var stream = File.Create(path))
                {
                    var head = Encoding.ASCII.GetBytes(IisHeader + "2021-03-03 04:05:05 192.0.2.10 POST /owa/auth/Current/themes\r\n");
                    stream.Write(head, 0, head.Length);
                    stream.Write(garbage, 0, garbage.Length);
                    var tail = Encoding.ASCII.GetBytes(PostToTheme);
                    stream.Write(tail, 0, tail.Length);
                }

                var sink = HuntingFixtures.Run(path, EvidenceSourceType.IisLog);
                Assert.Equal(2, sink.Errors.Count);
                Assert.Equal(new long[] { 5, 6 }, sink.Errors.Select(e => e.Line));
                var finding = Assert.Single(sink.Findings);
                Assert.Equal(7, finding.Line);
                Assert.Equal("EXH-PL-014", finding.RuleId);
            }
        }

        [Fact]
        public void A_five_megabyte_line_is_skipped_with_a_warning_in_constant_memory()
        {
            using (var temp = new TempDirectory())
            {
                var huge = "2021-03-03 04:05:07 192.0.2.10 POST /owa/auth/Current/" + new string('A', 5 * 1024 * 1024) + " - 443 - 203.0.113.7 curl - 200 0 0 15\r\n";
                var path = temp.Write("u_ex210303.log", IisHeader + PostToTheme + huge + PostToTheme);
                var before = GC.GetAllocatedBytesForCurrentThread();
                var sink = HuntingFixtures.Run(path, EvidenceSourceType.IisLog);
                var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
                Assert.Equal(new long[] { 5, 7 }, sink.Findings.Select(f => f.Line));
                var error = Assert.Single(sink.Errors);
                Assert.Equal(6, error.Line);
                Assert.Contains("longer than", error.Message, StringComparison.Ordinal);
                Assert.True(allocated < 8L * 1024 * 1024, $"allocated {allocated:N0} bytes for a 5 MB line");
            }
        }

        [Fact]
        public void A_five_megabyte_HttpProxy_line_is_skipped_and_reading_goes_on()
        {
            using (var temp = new TempDirectory())
            {
                var fields = ProxySsrfLine.TrimEnd().Split(',');
                fields[67] = "ServerInfo~" + new string('B', 5 * 1024 * 1024);
                var huge = string.Join(",", fields) + "\r\n";
                var path = temp.Write("HttpProxy_2021030304-1.LOG", ProxyHeader + ProxySsrfLine + huge + ProxySsrfLine);
                var sink = HuntingFixtures.Run(path, EvidenceSourceType.HttpProxyLog);
                Assert.Equal(new long[] { 6, 6, 8, 8 }, sink.Findings.Select(f => f.Line).OrderBy(l => l));
                var error = Assert.Single(sink.Errors);
                Assert.Equal(7, error.Line);
            }
        }

        [Fact]
        public void A_five_megabyte_OABGenerator_line_is_tested_on_its_start_and_reported()
        {
            using (var temp = new TempDirectory())
            {
                var line = "2021-03-03T04:07:00.000Z,EXCH01,Download failed and temporary file 'C:\\inetpub\\wwwroot\\aspnet_client\\x.aspx' needs to be removed " + new string('C', 5 * 1024 * 1024) + "\r\n";
                var path = temp.Write("OABGenerator_20210303-1.log", line + "2021-03-03T04:08:00.000Z,EXCH01,done\r\n");
                var sink = HuntingFixtures.Run(path, EvidenceSourceType.OabGeneratorLog);
                Assert.Equal("EXH-PL-008", Assert.Single(sink.Findings).RuleId);
                Assert.Single(sink.Errors);
                Assert.Equal(2, sink.Observed.Count);
            }
        }

        [Fact]
        public void A_UTF16_IIS_log_is_read_like_UTF8()
        {
            using (var temp = new TempDirectory())
            {
                var path = Path.Combine(temp.Path, "u_ex210303.log");
                File.WriteAllText(path, IisHeader + PostToTheme, new UnicodeEncoding(false, true));
                var sink = HuntingFixtures.Run(path, EvidenceSourceType.IisLog);
                Assert.Empty(sink.Errors);
                Assert.Equal("EXH-PL-014", Assert.Single(sink.Findings).RuleId);
            }
        }

        [Fact]
        public void An_HttpProxy_fragment_without_directives_uses_the_standard_columns()
        {
            using (var temp = new TempDirectory())
            {
                var path = temp.Write("HttpProxy_2021030304-2.LOG", ProxySsrfLine);
                var sink = HuntingFixtures.Run(path, EvidenceSourceType.HttpProxyLog);
                Assert.Empty(sink.Errors);
                Assert.Equal(new[] { "EXH-PL-001", "EXH-PL-003" }, sink.Findings.Select(f => f.RuleId).OrderBy(r => r));
            }
        }

        [Fact]
        public void A_missing_file_is_an_error_not_an_exception()
        {
            var path = Path.Combine(Path.GetTempPath(), "eh-missing-" + Guid.NewGuid().ToString("N") + ".log");
            foreach (var source in new[] { EvidenceSourceType.IisLog, EvidenceSourceType.HttpProxyLog, EvidenceSourceType.OabGeneratorLog, EvidenceSourceType.ExportedEvents })
            {
                var sink = new RecordingSink();
                HuntingFixtures.AnalyzerFor(source).Analyze(new ClassifiedFile(path, "x.log", source, 0, DateTime.UtcNow), HuntingFixtures.Context(), sink, default);
                Assert.Single(sink.Errors);
                Assert.Empty(sink.Findings);
            }
        }

        [Fact]
        public void A_pattern_that_runs_away_times_out_and_is_reported()
        {
            var spec = new IndicatorSpec
            {
                Category = FindingCategory.Exploitation,
                Severity = Severity.Low,
                Confidence = Confidence.Low,
                Source = "IisLog",
                Literals = new List<string> { "aaaa" },
                Conditions = new List<IndicatorConditionSpec> { new IndicatorConditionSpec { Field = "Query", Operator = ConditionOperator.Matches, Value = "^(a+)+$" } },
                Recommendation = "none",
            };
            var record = new ResourceRecord(ResourceKind.Indicator, "EXH-TEST-REDOS", new ResourceMetadata { Name = "EXH-TEST-REDOS" }, spec, new SourceLocation("test.yaml", 1, 1));
            var set = EntryIndicatorSet.Compile(new[] { record }, new EntryIndicatorOptions { RegexTimeout = TimeSpan.FromMilliseconds(20) });
            using (var temp = new TempDirectory())
            {
                var line = "2021-03-03 04:05:06 192.0.2.10 GET /x " + new string('a', 5000) + "! 443 - 203.0.113.7 curl - 200 0 0 15\r\n";
                var path = temp.Write("u_ex210303.log", IisHeader + line + line);
                var sink = HuntingFixtures.Run(path, EvidenceSourceType.IisLog, set: set);
                Assert.Empty(sink.Findings);
                Assert.Equal(2, sink.Errors.Count);
                Assert.All(sink.Errors, e => Assert.Contains("EXH-TEST-REDOS", e.Message, StringComparison.Ordinal));
            }
        }

        [Fact]
        public void A_file_being_written_is_read_without_blocking_the_writer()
        {
            using (var temp = new TempDirectory())
            {
                var path = temp.Write("u_ex210303.log", IisHeader + PostToTheme);
                using (var writer = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                {
                    var sink = HuntingFixtures.Run(path, EvidenceSourceType.IisLog);
                    Assert.Single(sink.Findings);
                    var more = Encoding.ASCII.GetBytes(PostToTheme);
                    writer.Write(more, 0, more.Length); // the writer is not disturbed
                }
            }
        }
    }
}
