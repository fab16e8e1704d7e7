using System;
using System.IO;
using System.Linq;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Mitigations;
using Xunit;
using static ExchangeHardening.Engine.Tests.Evidence.EvidenceFixtures;

namespace ExchangeHardening.Engine.Tests.Mitigations
{
    /// <summary>
    /// The Emergency Mitigation activity verdict from the fixture exports and text log. Expected values are read
    /// off the fixtures by hand: each test names the records that decide it.
    /// </summary>
    public class EmergencyMitigationActivityAnalyzerTests
    {
        private static readonly string MitigationLog = ExchangeLogs("MitigationService", "MitigationService_2023010900-1.LOG");

        // Events: 1005 on 01-08 10:00, 1006 on 01-09 10:00, 1008 on 01-09 22:00 and 01-10 09:00 (UTC).
        // The evidence ends 01-10 09:00; the last success is 23 hours earlier, so it is recent.
        [Fact]
        public void Success_within_24_hours_of_the_end_of_the_events_is_recent()
        {
            var result = EmergencyMitigationActivityAnalyzer.Analyze(ReadCleanEvents("em-events-ps51.json"), Array.Empty<IExchangeLogRecord>());

            Assert.Equal(EmergencyMitigationActivityVerdict.RecentSuccess, result.Verdict);
            Assert.True(result.SucceededRecently);
            Assert.Equal(Utc(2023, 1, 9, 10), result.LastSuccessTime);
            Assert.Equal(1006, result.LastSuccess!.EventId);
            Assert.Equal(2, result.SuccessCount);
            Assert.Equal(2, result.ErrorCount);
            Assert.Equal(Utc(2023, 1, 10, 9), result.LastErrorTime);
            Assert.Contains("Exception encountered while fetching mitigations", result.LastErrorMessage);
            Assert.Equal(Events("em-events-ps51.json") + ":119", result.LastError!.Source);
            Assert.Equal(Utc(2023, 1, 8, 10), result.EvidenceStart);
            Assert.Equal(Utc(2023, 1, 10, 9), result.EvidenceEnd);
            Assert.Equal(TimeSpan.FromHours(47), result.EvidenceSpan);
            Assert.Equal(4, result.ServiceEventCount);
        }

        // PowerShell 7 export: the only success (1006) is 03-01 07:00:00.1234567 UTC, the evidence ends 03-03 11:00 UTC.
        [Fact]
        public void Only_errors_in_the_last_24_hours_is_no_recent_success()
        {
            var result = EmergencyMitigationActivityAnalyzer.Analyze(ReadCleanEvents("em-events-ps7.json"), Array.Empty<IExchangeLogRecord>());

            Assert.Equal(EmergencyMitigationActivityVerdict.NoRecentSuccess, result.Verdict);
            Assert.False(result.SucceededRecently);
            Assert.Equal(Utc(2023, 3, 1, 7).AddTicks(1234567), result.LastSuccessTime);
            Assert.Equal(2, result.ErrorCount);
            Assert.Equal(Utc(2023, 3, 3, 11), result.ReferenceTime);
        }

        [Fact]
        public void Reference_time_can_be_given_instead_of_the_end_of_the_evidence()
        {
            var events = ReadCleanEvents("em-events-ps7.json");

            // Judged as of two hours after the success, it is recent.
            var early = EmergencyMitigationActivityAnalyzer.Analyze(events, Array.Empty<IExchangeLogRecord>(), Utc(2023, 3, 1, 9));
            Assert.Equal(EmergencyMitigationActivityVerdict.RecentSuccess, early.Verdict);

            // One tick more than 24 hours after the success (07:00:00.1234567 UTC) it is not.
            var late = EmergencyMitigationActivityAnalyzer.Analyze(events, Array.Empty<IExchangeLogRecord>(), Utc(2023, 3, 2, 7).AddTicks(1234568));
            Assert.Equal(EmergencyMitigationActivityVerdict.NoRecentSuccess, late.Verdict);
        }

        // Text log: successes "Fetched 2 mitigations." (01-09 01:05:00) and "Applied mitigation M1.1." (01:05:02);
        // "Fetching ..." (line 7) is a start, not a success; warning on line 8; errors on lines 9 and 17 (01-10 09:30).
        [Fact]
        public void Text_log_markers_are_found_and_classified()
        {
            var analyzer = new EmergencyMitigationActivityAnalyzer();
            using (var reader = ExchangeLogReader.Open(MitigationLog))
            {
                while (reader.Read())
                {
                    Assert.Null(reader.Error);
                    analyzer.Add(reader);
                }
            }

            var result = analyzer.GetResult();
            Assert.Equal(6, result.LogLineCount);
            Assert.Equal(2, result.SuccessCount);
            Assert.Equal(new DateTimeOffset(2023, 1, 9, 1, 5, 2, TimeSpan.Zero), result.LastSuccessTime);
            Assert.Equal("ApplyMitigation", result.LastSuccess!.Operation);
            Assert.Equal(1, result.WarningCount);
            Assert.Equal("Connection attempted against untrusted endpoint", result.LastWarning!.Message);
            Assert.Equal("Warning", result.LastWarning.Level);
            Assert.Equal(2, result.ErrorCount);
            Assert.Equal(new DateTimeOffset(2023, 1, 10, 9, 30, 0, TimeSpan.Zero), result.LastErrorTime);
            Assert.Equal("Exception encountered while fetching mitigations", result.LastErrorMessage);
            Assert.Equal("FetchMitigation", result.LastError!.Operation);
            Assert.Equal(MitigationLog, result.LastError.SourceFile);
            Assert.Equal(17, result.LastError.Line);
            Assert.Equal(new DateTimeOffset(2023, 1, 9, 0, 5, 0, 100, TimeSpan.Zero), result.EvidenceStart);
            Assert.Equal(EmergencyMitigationActivityVerdict.NoRecentSuccess, result.Verdict);
        }

        [Fact]
        public void Message_with_comma_and_semicolon_is_kept_whole()
        {
            var line = ExchangeLogReader.ReadFile(MitigationLog).Select(i => i.Value!).Single(l => l.Line == 9);
            var record = new EmergencyMitigationActivityAnalyzer().Add(line);

            Assert.Equal(EmergencyMitigationActivityKind.Error, record.Kind);
            Assert.Equal("Exception encountered while fetching mitigations, will retry; \"officeclient\" unreachable", record.Message);
        }

        [Fact]
        public void Markers_are_found_without_column_names()
        {
            var text = "2023-01-09T00:05:00.000Z,EXCH01,FetchMitigation,S:LogLevel=Info;S:Message=Fetched 2 mitigations.;S:Count=2\n"
                + "EXCH01,2023-01-09T03:00:00.000Z,S:Message=Applied M1.1;S:LogLevel=Information\n";
            var analyzer = new EmergencyMitigationActivityAnalyzer();
            using (var reader = new ExchangeLogReader(new StringReader(text), "inline", new ExchangeLogReaderOptions { StrictFieldCount = false }))
            {
                Assert.True(reader.Read());
                var fetched = analyzer.Add(reader);
                Assert.Equal(EmergencyMitigationActivityKind.Success, fetched.Kind);
                Assert.Equal("FetchMitigation", fetched.Operation);
                Assert.Equal("Fetched 2 mitigations.", fetched.Message);

                // Markers in another order, no operation column, time not first.
                Assert.True(reader.Read());
                var applied = analyzer.Add(reader);
                Assert.Equal(EmergencyMitigationActivityKind.Success, applied.Kind);
                Assert.Null(applied.Operation);
                Assert.Equal(new DateTimeOffset(2023, 1, 9, 3, 0, 0, TimeSpan.Zero), applied.Time);
            }

            Assert.Equal(EmergencyMitigationActivityVerdict.RecentSuccess, analyzer.GetResult().Verdict);
        }

        [Fact]
        public void Informational_line_reporting_a_failure_is_not_a_success()
        {
            var line = Line("2023-01-09T00:05:00.000Z,FetchMitigation,S:LogLevel=Info;S:Message=Fetch unsuccessful: endpoint could not be reached");
            Assert.Equal(EmergencyMitigationActivityKind.Other, new EmergencyMitigationActivityAnalyzer().Add(line).Kind);
        }

        [Fact]
        public void Csv_and_get_eventlog_exports_give_the_same_answer_as_json()
        {
            var fromCsv = EmergencyMitigationActivityAnalyzer.Analyze(ReadCleanEvents("em-events-ps51.csv"), Array.Empty<IExchangeLogRecord>());
            Assert.Equal(Utc(2023, 1, 9, 10), fromCsv.LastSuccessTime);
            Assert.Equal(Utc(2023, 1, 9, 22), fromCsv.LastErrorTime);
            Assert.Equal(EmergencyMitigationActivityVerdict.RecentSuccess, fromCsv.Verdict);

            var classic = EmergencyMitigationActivityAnalyzer.Analyze(ReadCleanEvents("em-eventlog-ps51.csv"), Array.Empty<IExchangeLogRecord>());
            Assert.Equal(1, classic.SuccessCount);
            Assert.Equal(1, classic.ErrorCount);
            Assert.Equal(EmergencyMitigationActivityVerdict.RecentSuccess, classic.Verdict);
        }

        [Fact]
        public void Events_of_other_providers_widen_the_window_but_are_not_evidence_of_the_service()
        {
            var result = EmergencyMitigationActivityAnalyzer.Analyze(ReadCleanEvents("sysmon-shipper.jsonl"), Array.Empty<IExchangeLogRecord>());

            Assert.Equal(EmergencyMitigationActivityVerdict.NoEvidence, result.Verdict);
            Assert.Equal(3, result.EventCount);
            Assert.Equal(0, result.ServiceEventCount);
            Assert.NotNull(result.EvidenceEnd);
            Assert.Null(result.LastSuccess);
        }

        // Events and text log together: the text log's 01-10 09:30 error ends the evidence; the last success is the
        // event 1006 of 01-09 10:00, 23.5 hours earlier.
        [Fact]
        public void Events_and_text_log_are_judged_together()
        {
            var lines = ExchangeLogReader.ReadFile(MitigationLog).Select(i => (IExchangeLogRecord)i.Value!).ToList();
            var result = EmergencyMitigationActivityAnalyzer.Analyze(ReadCleanEvents("em-events-ps51.json"), lines);

            Assert.Equal(Utc(2023, 1, 9, 10), result.LastSuccessTime);
            Assert.Equal(new DateTimeOffset(2023, 1, 10, 9, 30, 0, TimeSpan.Zero), result.EvidenceEnd);
            Assert.Equal(4, result.ErrorCount);
            Assert.Equal(EmergencyMitigationActivityVerdict.RecentSuccess, result.Verdict);
        }

        [Fact]
        public void Nothing_at_all_is_no_evidence()
        {
            var result = new EmergencyMitigationActivityAnalyzer().GetResult();
            Assert.Equal(EmergencyMitigationActivityVerdict.NoEvidence, result.Verdict);
            Assert.Null(result.EvidenceSpan);
        }

        [Fact]
        public void Other_service_events_count_by_level()
        {
            var analyzer = new EmergencyMitigationActivityAnalyzer();
            var blocked = analyzer.Add(new ExportedEvent("Application", "MSExchange Mitigation Service", 1007, Utc(2023, 1, 9, 1), 2, "blocked", "EXCH01"));
            var started = analyzer.Add(new ExportedEvent("Application", "msexchange mitigation service", 1001, Utc(2023, 1, 9, 2), 4, "started", "EXCH01"));
            var other = analyzer.Add(new ExportedEvent("Application", "MSExchange Front End HTTP Proxy", 1008, Utc(2023, 1, 9, 3), 2, "x", "EXCH01"));

            Assert.Equal(EmergencyMitigationActivityKind.Error, blocked!.Kind);
            Assert.Equal(EmergencyMitigationActivityKind.Other, started!.Kind);
            Assert.Null(other);
            Assert.Equal(1, analyzer.GetResult().ErrorCount);
            Assert.Equal(Utc(2023, 1, 9, 3), analyzer.GetResult().EvidenceEnd);
        }

        private static DateTimeOffset Utc(int year, int month, int day, int hour) => new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero);

        private static ExchangeLogLine Line(string text)
        {
            using (var reader = new ExchangeLogReader(new StringReader(text), "inline"))
            {
                Assert.True(reader.Read());
                return reader.ToLine();
            }
        }
    }
}
