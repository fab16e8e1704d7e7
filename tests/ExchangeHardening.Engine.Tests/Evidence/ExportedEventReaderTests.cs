using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using ExchangeHardening.Engine.Evidence;
using Xunit;
using static ExchangeHardening.Engine.Tests.Evidence.EvidenceFixtures;

namespace ExchangeHardening.Engine.Tests.Evidence
{
    /// <summary>
    /// The exported-event reader on hand-made exports in the real layouts: Windows PowerShell 5.1 and
    /// PowerShell 7 ConvertTo-Json and Export-Csv of Get-WinEvent, Get-EventLog CSV, shipper JSON lines, and
    /// truncated or garbled copies of them.
    /// </summary>
    public class ExportedEventReaderTests
    {
        private const string Provider = "MSExchange Mitigation Service";

        [Theory]
        [InlineData("em-events-ps51.json", ExportedEventFormat.JsonArray)]
        [InlineData("em-events-ps7.json", ExportedEventFormat.JsonArray)]
        [InlineData("em-event-single-ps51.json", ExportedEventFormat.JsonLines)]
        [InlineData("sysmon-shipper.jsonl", ExportedEventFormat.JsonLines)]
        [InlineData("em-events-ps51.csv", ExportedEventFormat.Csv)]
        [InlineData("em-events-ps7.csv", ExportedEventFormat.Csv)]
        [InlineData("em-eventlog-ps51.csv", ExportedEventFormat.Csv)]
        [InlineData("not-events.txt", ExportedEventFormat.Unknown)]
        public void Format_is_recognised_from_content(string file, ExportedEventFormat expected)
        {
            Assert.Equal(expected, ExportedEventReader.DetectFormat(Events(file)));
        }

        [Fact]
        public void Format_does_not_depend_on_the_file_name()
        {
            using (var temp = new TempDirectory())
            {
                var misnamed = Path.Combine(temp.Path, "events.csv");
                File.Copy(Events("em-events-ps7.json"), misnamed);
                Assert.Equal(ExportedEventFormat.JsonArray, ExportedEventReader.DetectFormat(misnamed));
                Assert.Equal(3, ExportedEventReader.ReadFile(misnamed).Count(i => !i.IsError));
            }
        }

        // Windows PowerShell 5.1: UTF-16 file (">" redirection), 4-space layout, "\/Date(ms)\/" times, \u0027 escapes.
        [Fact]
        public void Windows_PowerShell_json_array_is_read()
        {
            var events = ReadCleanEvents("em-events-ps51.json");

            Assert.Equal(new int?[] { 1005, 1006, 1008, 1008 }, events.Select(e => e.Id).ToArray());
            Assert.Equal(new long[] { 2, 41, 80, 119 }, events.Select(e => e.Line).ToArray());
            var first = events[0];
            Assert.Equal("Application", first.LogName);
            Assert.Equal(Provider, first.ProviderName);
            Assert.Equal(4, first.Level);
            Assert.Equal("EXCH01.example.test", first.MachineName);
            Assert.Equal(new DateTimeOffset(2023, 1, 8, 10, 0, 0, TimeSpan.Zero), first.TimeCreated);
            Assert.Equal(Events("em-events-ps51.json"), first.SourceFile);
            Assert.Equal("SYNTHETIC: mitigation 'M1.1' applied.", events[1].Message);
            Assert.Equal(2, events[2].Level);
            Assert.Contains("Exception encountered while fetching mitigations", events[2].Message);

            // Everything else is kept, case-insensitively, with nested values as JSON text.
            Assert.Equal("120001", first.Fields["recordid"]);
            Assert.Equal("Information", first.GetField("LevelDisplayName"));
            Assert.Contains("SYNTHETIC: mitigations fetched", first.Fields["Properties"]);
            Assert.False(first.Fields.ContainsKey("Id"));
            Assert.False(first.Fields.ContainsKey("TimeCreated"));
            Assert.False(first.Fields.ContainsKey("Version"));
        }

        [Fact]
        public void Single_event_json_object_with_byte_order_mark_is_read()
        {
            var e = Assert.Single(ReadCleanEvents("em-event-single-ps51.json"));
            Assert.Equal(1008, e.Id);
            Assert.Equal(1, e.Line);
            Assert.Equal(new DateTimeOffset(2023, 1, 9, 22, 0, 0, TimeSpan.Zero), e.TimeCreated);
        }

        // PowerShell 7: UTF-8, 2-space layout, ISO 8601 times with the exporting machine's offset.
        [Fact]
        public void PowerShell_7_json_array_keeps_the_offset()
        {
            var events = ReadCleanEvents("em-events-ps7.json");

            Assert.Equal(new long[] { 2, 37, 72 }, events.Select(e => e.Line).ToArray());
            var first = events[0];
            Assert.Equal(1006, first.Id);
            Assert.Equal(TimeSpan.FromHours(1), first.TimeCreated!.Value.Offset);
            Assert.Equal(new DateTimeOffset(2023, 3, 1, 7, 0, 0, TimeSpan.Zero).AddTicks(1234567), first.TimeCreated.Value);
            Assert.Equal("EXCH02.example.test", first.MachineName);
            Assert.Equal(new DateTimeOffset(2023, 3, 3, 11, 0, 0, TimeSpan.Zero), events[2].TimeCreated);
        }

        [Fact]
        public void Windows_PowerShell_csv_with_type_line_and_multiline_message_is_read()
        {
            var events = ReadCleanEvents("em-events-ps51.csv");

            Assert.Equal(new int?[] { 1005, 1008, 1006 }, events.Select(e => e.Id).ToArray());

            // The first message spans three lines inside its quotes, so the next record starts on line 6.
            Assert.Equal(new long[] { 3, 6, 7 }, events.Select(e => e.Line).ToArray());
            Assert.Equal("SYNTHETIC: mitigations fetched.\r\nConfigurations: 2\r\nSource: \"officeclient.microsoft.com\"", events[0].Message);
            Assert.Equal(Provider, events[0].ProviderName);
            Assert.Equal(4, events[0].Level);
            Assert.Equal(2, events[1].Level);
            Assert.Equal("Application", events[0].LogName);
            Assert.Equal("120001", events[0].Fields["RecordId"]);

            // Culture-formatted local time without an offset: read as UTC unless told otherwise.
            Assert.Equal(new DateTimeOffset(2023, 1, 8, 10, 0, 0, TimeSpan.Zero), events[0].TimeCreated);
            Assert.Equal(new DateTimeOffset(2023, 1, 9, 22, 0, 0, TimeSpan.Zero), events[1].TimeCreated);
        }

        [Fact]
        public void Csv_times_without_offset_take_the_assumed_offset()
        {
            var options = new ExportedEventReaderOptions { AssumedUtcOffset = TimeSpan.FromHours(1) };
            var first = ReadCleanEvents("em-events-ps51.csv", options)[0];
            Assert.Equal(new DateTimeOffset(2023, 1, 8, 9, 0, 0, TimeSpan.Zero), first.TimeCreated);
        }

        [Fact]
        public void Csv_times_in_another_culture_need_that_culture()
        {
            using (var temp = new TempDirectory())
            {
                var path = temp.Write("de.csv", "\"ProviderName\",\"Id\",\"TimeCreated\"\n\"" + Provider + "\",\"1006\",\"13.01.2023 14:30:00\"\n");
                var options = new ExportedEventReaderOptions { Culture = CultureInfo.GetCultureInfo("de-DE") };
                var e = Assert.Single(ExportedEventReader.ReadFile(path, options)).Value!;
                Assert.Equal(new DateTimeOffset(2023, 1, 13, 14, 30, 0, TimeSpan.Zero), e.TimeCreated);

                // Without the culture the day-first date does not parse: the event keeps the text in Fields.
                var unparsed = Assert.Single(ExportedEventReader.ReadFile(path)).Value!;
                Assert.Null(unparsed.TimeCreated);
                Assert.Equal("13.01.2023 14:30:00", unparsed.Fields["TimeCreated"]);
            }
        }

        [Fact]
        public void PowerShell_7_csv_without_type_line_is_read()
        {
            var events = ReadCleanEvents("em-events-ps7.csv");
            Assert.Equal(new int?[] { 1006, 1008 }, events.Select(e => e.Id).ToArray());
            Assert.Equal(new long[] { 2, 3 }, events.Select(e => e.Line).ToArray());
            Assert.Equal(new DateTimeOffset(2023, 3, 1, 8, 0, 0, TimeSpan.Zero), events[0].TimeCreated);
        }

        [Fact]
        public void Get_EventLog_csv_maps_source_event_id_entry_type_and_time_generated()
        {
            var events = ReadCleanEvents("em-eventlog-ps51.csv");

            Assert.Equal(2, events.Count);
            Assert.Equal(Provider, events[0].ProviderName);
            Assert.Equal(1006, events[0].Id);
            Assert.Equal(4, events[0].Level);
            Assert.Equal(2, events[1].Level);
            Assert.Equal("EXCH01", events[0].MachineName);
            Assert.Equal(new DateTimeOffset(2023, 1, 9, 10, 0, 0, TimeSpan.Zero), events[0].TimeCreated);
            Assert.Equal("1/9/2023 10:00:00 AM", events[0].Fields["TimeWritten"]);
            Assert.Equal("3221226480", events[1].Fields["InstanceId"]);
            Assert.Null(events[0].LogName);
        }

        [Fact]
        public void Shipper_json_lines_map_names_and_keep_flattened_event_data()
        {
            var events = ReadCleanEvents("sysmon-shipper.jsonl");

            Assert.Equal(new long[] { 1, 2, 3 }, events.Select(e => e.Line).ToArray());
            var process = events[0];
            Assert.Equal("Microsoft-Windows-Sysmon/Operational", process.LogName);
            Assert.Equal("Microsoft-Windows-Sysmon", process.ProviderName);
            Assert.Equal(1, process.Id);
            Assert.Equal(4, process.Level);
            Assert.Equal("EXCH01.example.test", process.MachineName);

            // TimeCreated wins over @timestamp (the shipper's own time), which stays in Fields.
            Assert.Equal(new DateTimeOffset(2021, 3, 3, 4, 10, 1, 118, TimeSpan.Zero), process.TimeCreated);
            Assert.Equal("2021-03-03T04:10:01.120Z", process.Fields["@timestamp"]);
            Assert.Equal(@"C:\Windows\System32\cmd.exe", process.Fields["image"]);
            Assert.Equal("cmd /c whoami", process.Fields["CommandLine"]);
            Assert.Equal(@"C:\Windows\System32\inetsrv\w3wp.exe", process.Fields["ParentImage"]);
            Assert.Equal("4242", process.Fields["ProcessId"]);
            Assert.Equal("1", process.Fields["Task"]);

            // Without TimeCreated, @timestamp is the time.
            var file = events[1];
            Assert.Equal(11, file.Id);
            Assert.Equal(@"C:\inetpub\wwwroot\aspnet_client\synthetic.aspx", file.Fields["TargetFilename"]);
            Assert.Equal(new DateTimeOffset(2021, 3, 3, 4, 10, 2, 500, TimeSpan.Zero), file.TimeCreated);

            Assert.Equal("MSExchange CmdletLogs", events[2].ProviderName);
            Assert.StartsWith("Cmdlet suceeded. Cmdlet Set-OabVirtualDirectory", events[2].Message);
        }

        // Windows PowerShell 5.1 writes a DateTime that carries extra notes as an object with "value".
        [Fact]
        public void Date_wrapper_object_of_windows_powershell_is_read()
        {
            var json = "{\r\n    \"Id\":  1006,\r\n    \"TimeCreated\":  {\r\n                        \"value\":  \"\\/Date(1673258400000)\\/\",\r\n                        \"DisplayHint\":  2,\r\n                        \"DateTime\":  \"Monday, January 9, 2023 10:00:00 AM\"\r\n                    }\r\n}\r\n";
            using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(json)))
            {
                var e = Assert.Single(ExportedEventReader.Read(stream, "memory")).Value!;
                Assert.Equal(new DateTimeOffset(2023, 1, 9, 10, 0, 0, TimeSpan.Zero), e.TimeCreated);
                Assert.Equal("2", e.Fields["TimeCreated.DisplayHint"]);
            }
        }

        [Fact]
        public void Truncated_json_array_yields_the_complete_events_then_an_error_at_the_cut_event()
        {
            var items = ReadEvents("truncated-ps51.json");

            Assert.Equal(3, items.Count);
            Assert.Equal(new int?[] { 1005, 1006 }, items.Take(2).Select(i => i.Value!.Id).ToArray());
            var error = items[2].Error!;
            Assert.Equal(Events("truncated-ps51.json"), error.File);
            Assert.Equal(80, error.Line);
            Assert.Contains("expected a complete JSON object", error.Message);
        }

        [Fact]
        public void Garbled_event_in_json_array_is_an_error_and_the_next_events_are_still_read()
        {
            var items = ReadEvents("garbled-ps51.json");

            Assert.Equal(4, items.Count);
            Assert.Equal(1005, items[0].Value!.Id);
            Assert.Equal(41, items[1].Error!.Line);
            Assert.Equal(Events("garbled-ps51.json"), items[1].Error!.File);
            Assert.Equal(1008, items[2].Value!.Id);
            Assert.Equal(80, items[2].Value!.Line);
            Assert.Equal(119, items[3].Value!.Line);
        }

        [Fact]
        public void Garbled_json_lines_are_errors_naming_their_lines()
        {
            var items = ReadEvents("garbled.jsonl");

            Assert.Equal(5, items.Count);
            Assert.Equal(1, items[0].Value!.Line);
            Assert.Equal(2, items[1].Error!.Line);
            Assert.Equal(3, items[2].Value!.Line);
            Assert.Equal(4, items[3].Error!.Line);
            Assert.Contains("expected a JSON object (one event), found a string", items[3].Error!.Message);
            var last = items[4].Value!;
            Assert.Equal(5, last.Line);
            Assert.Equal(4, last.Level);
            Assert.Equal(new DateTimeOffset(2023, 1, 9, 10, 0, 0, TimeSpan.Zero), last.TimeCreated);
        }

        [Fact]
        public void Garbled_csv_records_are_errors_and_reading_goes_on()
        {
            var items = ReadEvents("garbled.csv");

            Assert.Equal(5, items.Count);
            Assert.Equal(3, items[0].Value!.Line);
            Assert.Equal(4, items[1].Error!.Line);
            Assert.Contains("expected 27 values", items[1].Error!.Message);
            Assert.Equal(5, items[2].Error!.Line);
            Assert.Contains("malformed CSV record", items[2].Error!.Message);
            Assert.Equal(6, items[3].Value!.Line);
            Assert.Equal(1008, items[3].Value!.Id);
            Assert.Equal(7, items[4].Error!.Line);
            Assert.All(items.Where(i => i.IsError), i => Assert.Equal(Events("garbled.csv"), i.Error!.File));
        }

        [Fact]
        public void Unknown_content_is_one_error_naming_the_file()
        {
            var error = Assert.Single(ReadEvents("not-events.txt")).Error!;
            Assert.Equal(Events("not-events.txt"), error.File);
            Assert.Equal(1, error.Line);
            Assert.Contains("not an event export", error.Message);
        }

        [Fact]
        public void Empty_file_yields_nothing_and_a_missing_file_one_error()
        {
            using (var temp = new TempDirectory())
            {
                Assert.Empty(ExportedEventReader.ReadFile(temp.Write("empty.json", "  \n")));
                var missing = Path.Combine(temp.Path, "missing.json");
                var error = Assert.Single(ExportedEventReader.ReadFile(missing)).Error!;
                Assert.Equal(missing, error.File);
                Assert.Contains("cannot open", error.Message);
            }
        }

        [Fact]
        public void Large_array_streams_across_buffer_boundaries_with_exact_lines()
        {
            // About 6 MB and 20 000 events: objects straddle the 64 KiB read buffer many times.
            const int count = 20000;
            var json = new StringBuilder("[\n");
            for (var i = 0; i < count; i++)
            {
                json.Append("  {\n    \"Id\": ").Append(1000 + (i % 10)).Append(",\n    \"ProviderName\": \"P\",\n    \"Message\": \"")
                    .Append('x', i % 400).Append("\",\n    \"RecordId\": ").Append(i).Append("\n  }").Append(i + 1 < count ? ",\n" : "\n");
            }

            json.Append("]\n");
            using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(json.ToString())))
            {
                var n = 0;
                foreach (var item in ExportedEventReader.Read(stream, "memory"))
                {
                    Assert.False(item.IsError, item.ToString());
                    Assert.Equal(2 + (6L * n), item.Value!.Line);
                    Assert.Equal(n.ToString(CultureInfo.InvariantCulture), item.Value.Fields["RecordId"]);
                    n++;
                }

                Assert.Equal(count, n);
            }
        }

        [Fact]
        public void Event_larger_than_the_limit_is_skipped_with_an_error()
        {
            var big = new string('y', 300000);
            var text = "[\n  {\"Id\": 1, \"Message\": \"a\"},\n  {\"Id\": 2, \"Message\": \"" + big + "\"},\n  {\"Id\": 3, \"Message\": \"c\"}\n]\n";
            using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(text)))
            {
                var limited = ExportedEventReader.Read(stream, "memory", new ExportedEventReaderOptions { MaxRecordLength = 100000 }).ToList();
                Assert.Equal(3, limited.Count);
                Assert.Equal(1, limited[0].Value!.Id);
                Assert.Equal(3, limited[1].Error!.Line);
                Assert.Contains("at most 100000 bytes", limited[1].Error!.Message);
                Assert.Equal(3, limited[2].Value!.Id);
            }

            using (var stream = new MemoryStream(Encoding.UTF8.GetBytes(text)))
            {
                // Within the default limit the same event is read whole.
                var all = ExportedEventReader.Read(stream, "memory").ToList();
                Assert.Equal(big, all[1].Value!.Message);
            }
        }

        [Fact]
        public void Non_seekable_stream_is_refused()
        {
            using (var pipe = new GZipStream(new MemoryStream(), CompressionMode.Decompress))
            {
                Assert.Throws<ArgumentException>(() => ExportedEventReader.Read(pipe, "pipe"));
            }
        }
    }
}
