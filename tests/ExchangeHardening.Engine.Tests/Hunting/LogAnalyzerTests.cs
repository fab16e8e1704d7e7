using System;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Hunting;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Hunting
{
    /// <summary>What the log and event analyzers put on findings, and how -Since, coverage, variants and the install path work.</summary>
    public class LogAnalyzerTests
    {
        private static string EcpProxyLog => Path.Combine(HuntingFixtures.V15, "Logging", "HttpProxy", "Ecp", "HttpProxy_2021030304-1.LOG");

        private static string AutodiscoverProxyLog => Path.Combine(HuntingFixtures.V15, "Logging", "HttpProxy", "Autodiscover", "HttpProxy_2021081004-1.LOG");

        private static string OabLog => Path.Combine(HuntingFixtures.V15, "Logging", "OABGeneratorLog", "OABGenerator_20210303-1.log");

        private static string FrontEndIisLog => Path.Combine(HuntingFixtures.Server, "inetpub", "logs", "LogFiles", "W3SVC1", "u_ex210303.log");

        private static string ExchangeEvents => Path.Combine(HuntingFixtures.Server, "Events", "exchange-events.jsonl");

        [Fact]
        public void A_finding_carries_time_client_server_place_evidence_and_the_indicator_facts()
        {
            var sink = HuntingFixtures.Run(EcpProxyLog, EvidenceSourceType.HttpProxyLog);
            var finding = sink.Findings.First(f => f.RuleId == "EXH-PL-001");
            Assert.Equal("EXCH01", finding.Server); // ServerHostName from the log beats the label
            Assert.Equal(new DateTimeOffset(2021, 3, 3, 4, 5, 6, TimeSpan.Zero), finding.Timestamp);
            Assert.Equal("203.0.113.5", finding.ClientIp);
            Assert.Equal(EcpProxyLog, finding.Path);
            Assert.Equal(9, finding.Line);
            Assert.Contains("ServerInfo~exch01.example.test/ecp/synthetic.flt?", finding.Evidence, StringComparison.Ordinal);
            Assert.True(finding.Evidence.Length <= 300);
            Assert.Equal("CVE-2021-26855", finding.Cve);
            Assert.Equal(Severity.High, finding.Severity);
            Assert.Equal(Confidence.High, finding.Confidence);
            Assert.Equal(FindingCategory.Exploitation, finding.Category);
            Assert.False(string.IsNullOrWhiteSpace(finding.Title));
            Assert.False(string.IsNullOrWhiteSpace(finding.Recommendation));
        }

        [Theory]
        [InlineData("process-events.jsonl", @"C:\inetpub\wwwroot\aspnet_client\synthetic_export.aspx")]
        [InlineData("winevent-ps51.csv", @"\FrontEnd\HttpProxy\owa\auth\synthetic_export.asp")]
        [InlineData("winevent-ps7.json", @"\FrontEnd\HttpProxy\owa\auth\synthetic_mrs.aspx")]
        public void Sysmon_file_creations_are_read_from_every_export_shape(string file, string writtenFile)
        {
            // Shipper JSON lines carry Image and TargetFilename as fields; Get-WinEvent CSV and JSON only in the message
            // (JSON also as unnamed Properties values).
            var sink = HuntingFixtures.Run(Path.Combine(HuntingFixtures.Server, "Events", file), EvidenceSourceType.ExportedEvents);
            Assert.Empty(sink.Errors);
            var drop = Assert.Single(sink.Findings, f => f.RuleId == "EXH-WS-009");
            Assert.Contains(writtenFile, drop.Evidence, StringComparison.OrdinalIgnoreCase);
            Assert.Equal("CVE-2021-31207", drop.Cve);
            Assert.Equal(Severity.Critical, drop.Severity);
            Assert.Equal(Confidence.High, drop.Confidence);
            Assert.Equal(FindingCategory.WebShell, drop.Category);
            var pages = sink.Findings.Where(f => f.RuleId == "EXH-WS-008").ToList();
            Assert.NotEmpty(pages);
            Assert.All(pages, f => Assert.Equal((Severity.High, Confidence.Medium, "CVE-2021-27065"), (f.Severity, f.Confidence, f.Cve)));
            var broad = Assert.Single(sink.Findings, f => f.RuleId == "EXH-WS-008B");
            Assert.Equal((Severity.Medium, Confidence.Low), (broad.Severity, broad.Confidence));
        }

        [Fact]
        public void The_server_comes_from_the_log_when_it_says_and_from_the_label_otherwise()
        {
            var sink = HuntingFixtures.Run(FrontEndIisLog, EvidenceSourceType.IisLog);
            Assert.All(sink.Findings.Where(f => f.Line < 90), f => Assert.Equal(HuntingFixtures.ServerLabel, f.Server));
            Assert.All(sink.Findings.Where(f => f.Line > 90), f => Assert.Equal("EXCH01", f.Server)); // s-computername in the second block
            var ssrf = sink.Findings.First(f => f.RuleId == "EXH-PS-001");
            Assert.Equal("198.51.100.20", ssrf.ClientIp);
            Assert.Equal(new DateTimeOffset(2021, 3, 3, 4, 30, 0, TimeSpan.Zero), ssrf.Timestamp);
        }

        [Fact]
        public void Variants_grade_attempts_and_scanner_shapes_lower()
        {
            var sink = HuntingFixtures.Run(AutodiscoverProxyLog, EvidenceSourceType.HttpProxyLog);
            var byLine = sink.Findings.Where(f => f.RuleId == "EXH-PS-001").ToDictionary(f => f.Line);
            Assert.Equal(Severity.High, byLine[7].Severity);
            Assert.Equal(Confidence.High, byLine[7].Confidence);
            Assert.Equal(Severity.Medium, byLine[9].Severity);
            Assert.EndsWith("(attempt)", byLine[9].Title, StringComparison.Ordinal);
            Assert.Equal(Confidence.Low, byLine[13].Confidence);
            Assert.EndsWith("(scanner shape)", byLine[13].Title, StringComparison.Ordinal);

            var iis = HuntingFixtures.Run(FrontEndIisLog, EvidenceSourceType.IisLog);
            var blocked = iis.Findings.Single(f => f.RuleId == "EXH-PNS-001" && f.Timestamp == new DateTimeOffset(2021, 3, 3, 4, 31, 1, TimeSpan.Zero));
            Assert.Equal(Severity.Medium, blocked.Severity);
            Assert.EndsWith("(failed or blocked)", blocked.Title, StringComparison.Ordinal);

            var events = HuntingFixtures.Run(ExchangeEvents, EvidenceSourceType.ExportedEvents);
            var agents = events.Findings.Where(f => f.RuleId == "EXH-CT-012").OrderBy(f => f.Line).ToList();
            Assert.Equal(2, agents.Count);
            Assert.DoesNotContain("(failed)", agents[0].Title, StringComparison.Ordinal);
            Assert.EndsWith("(failed)", agents[1].Title, StringComparison.Ordinal);
            Assert.Equal("EXCH01.example.test", agents[0].Server);
        }

        [Fact]
        public void Since_filters_findings_but_not_coverage()
        {
            var context = HuntingFixtures.Context();
            context.Since = new DateTimeOffset(2021, 3, 3, 4, 6, 0, TimeSpan.Zero);
            var sink = HuntingFixtures.Run(EcpProxyLog, EvidenceSourceType.HttpProxyLog, context);
            Assert.NotEmpty(sink.Findings);
            Assert.All(sink.Findings, f => Assert.True(f.Timestamp >= context.Since));
            Assert.Contains(sink.Observed, o => o.Time == new DateTimeOffset(2021, 3, 3, 4, 1, 0, TimeSpan.Zero));
        }

        [Fact]
        public void Coverage_reports_the_oldest_and_newest_entry_of_each_file()
        {
            var proxy = HuntingFixtures.Run(EcpProxyLog, EvidenceSourceType.HttpProxyLog);
            Assert.Equal(
                new[] { new DateTimeOffset(2021, 3, 3, 4, 1, 0, TimeSpan.Zero), new DateTimeOffset(2021, 3, 3, 4, 6, 2, TimeSpan.Zero) },
                proxy.Observed.Where(o => o.Source == EvidenceSourceType.HttpProxyLog).Select(o => o.Time).OrderBy(t => t));

            var iis = HuntingFixtures.Run(FrontEndIisLog, EvidenceSourceType.IisLog);
            Assert.Equal(
                new[] { new DateTimeOffset(2021, 3, 3, 4, 0, 1, TimeSpan.Zero), new DateTimeOffset(2021, 3, 3, 6, 6, 0, TimeSpan.Zero) },
                iis.Observed.Select(o => o.Time).OrderBy(t => t));

            var oab = HuntingFixtures.Run(OabLog, EvidenceSourceType.OabGeneratorLog);
            Assert.Equal(2, oab.Observed.Count);

            var events = HuntingFixtures.Run(ExchangeEvents, EvidenceSourceType.ExportedEvents);
            Assert.Equal(new DateTimeOffset(2020, 3, 1, 4, 0, 0, TimeSpan.Zero), events.Observed.Min(o => o.Time));
            Assert.Equal(new DateTimeOffset(2022, 10, 1, 4, 0, 1, TimeSpan.Zero), events.Observed.Max(o => o.Time));
        }

        [Fact]
        public void A_known_installation_path_makes_the_OAB_check_exact()
        {
            var normalLine = 6;
            var anyFolder = HuntingFixtures.Run(OabLog, EvidenceSourceType.OabGeneratorLog);
            Assert.DoesNotContain(anyFolder.Findings, f => f.Line == normalLine);

            var elsewhere = EntryIndicatorSet.Compile(Data.ShippedData.Store.Indicators, new EntryIndicatorOptions { ExchangeInstallPath = @"D:\Exchange" });
            var moved = HuntingFixtures.Run(OabLog, EvidenceSourceType.OabGeneratorLog, set: elsewhere);
            Assert.Contains(moved.Findings, f => f.Line == normalLine && f.RuleId == "EXH-PL-008");

            var context = HuntingFixtures.Context();
            context.ExchangeInstallPath = @"C:\Program Files\Microsoft\Exchange Server\V15";
            var exact = HuntingFixtures.Run(OabLog, EvidenceSourceType.OabGeneratorLog, context, EntryIndicatorSet.Compile(context));
            Assert.Equal(anyFolder.Findings.Select(f => f.Line), exact.Findings.Select(f => f.Line));
        }

        [Fact]
        public void Piped_events_are_tested_like_exported_ones()
        {
            var e = new ExportedEvent(
                "MSExchange Management",
                "MSExchange CmdletLogs",
                1,
                new DateTimeOffset(2021, 8, 10, 4, 2, 0, TimeSpan.Zero),
                4,
                "Cmdlet suceeded. Cmdlet New-MailboxExportRequest, parameters -Mailbox \"a@example.test\" -FilePath \"\\\\localhost\\c$\\inetpub\\wwwroot\\aspnet_client\\x.aspx\".",
                "EXCH02");
            var sink = new RecordingSink();
            new ExportedEventAnalyzer(HuntingFixtures.Indicators).AnalyzeEvents(new[] { e }, "pipeline", HuntingFixtures.Context(), sink, CancellationToken.None);
            var finding = Assert.Single(sink.Findings);
            Assert.Equal("EXH-PS-003", finding.RuleId);
            Assert.Equal("pipeline", finding.Path);
            Assert.Equal("EXCH02", finding.Server);
            Assert.Equal(Severity.Critical, finding.Severity);
        }

        [Fact]
        public void Sources_without_indicators_are_still_read_for_coverage()
        {
            using (var temp = new TempDirectory())
            {
                var path = temp.Write(Path.Combine("Logging", "ECP", "Activity", "ECPActivity_1_20210303-1.LOG"),
                    "#Software: Microsoft Exchange Server\n#Version: 15.0.0.0\n#Log-type: ECP Activity Context Log\n#Fields: TimeStamp,ServerName,EventId,EventData\n" +
                    "2021-03-03T01:00:00.000Z,EXCH01,Request,S:A=1\n2021-03-03T02:00:00.000Z,EXCH01,Request,S:A=2\n");
                var sink = HuntingFixtures.Run(path, EvidenceSourceType.EcpActivityLog);
                Assert.Empty(sink.Findings);
                Assert.Empty(sink.Errors);
                Assert.Equal(2, sink.Observed.Count);
            }
        }
    }
}
