using System;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeHardening.Engine.Evidence;
using Xunit;
using static ExchangeHardening.Engine.Tests.Evidence.EvidenceFixtures;

namespace ExchangeHardening.Engine.Tests.Evidence
{
    /// <summary>The Exchange text-log reader: directives, re-read #Fields, quoting, header rows, bad lines, shared access.</summary>
    public class ExchangeLogReaderTests
    {
        private static readonly string MitigationLog = ExchangeLogs("MitigationService", "MitigationService_2023010900-1.LOG");

        [Fact]
        public void Directives_and_fields_are_read_and_fields_are_re_read_when_they_change()
        {
            var lines = ExchangeLogReader.ReadFile(MitigationLog).Select(i => i.Value!).ToList();

            Assert.Equal(new long[] { 7, 8, 9, 10, 11, 17 }, lines.Select(l => l.Line).ToArray());
            var first = lines[0];
            Assert.Equal("Microsoft Exchange Server", first.Header.Software);
            Assert.Equal("15.02.1118.020", first.Header.Version);
            Assert.Equal("Mitigation Service Log", first.Header.LogType);
            Assert.Equal("2023-01-09T00:00:00.000Z", first.Header.Date);
            Assert.Equal(new[] { "DateTime", "ProcessId", "ThreadId", "Operation", "Data" }, first.Header.Fields);
            Assert.Equal(6, first.Header.FieldsLine);
            Assert.Equal("2023-01-09T00:05:00.100Z", first.GetField("datetime"));
            Assert.Equal("FetchMitigation", first.GetField("OPERATION"));
            Assert.Null(first.GetField("Server"));
            Assert.Equal(MitigationLog, first.File);

            // After the second #Fields the new column shifts the others, and the new #Date applies.
            var last = lines[5];
            Assert.Equal(16, last.Header.FieldsLine);
            Assert.Equal("2023-01-10T00:00:00.000Z", last.Header.Date);
            Assert.Equal("EXCH01", last.GetField("Server"));
            Assert.Equal("FetchMitigation", last.GetField("Operation"));
            Assert.Equal("S:LogLevel=Error;S:Message=Exception encountered while fetching mitigations", last.GetField("Data"));
        }

        [Fact]
        public void Quoted_values_keep_commas_and_doubled_quotes()
        {
            var line = ExchangeLogReader.ReadFile(MitigationLog).Select(i => i.Value!).Single(l => l.Line == 9);
            Assert.Equal(5, line.FieldCount);
            Assert.Equal(
                "S:LogLevel=Error;S:Message=Exception encountered while fetching mitigations, will retry; \"officeclient\" unreachable",
                line.GetField("Data"));
            Assert.StartsWith("2023-01-09T00:05:01.300Z,4120,12,FetchMitigation,\"S:LogLevel=Error;", line.RawText);
            Assert.EndsWith("\"\"officeclient\"\" unreachable\"", line.RawText);
        }

        [Fact]
        public void Ecp_server_log_is_read_by_field_name()
        {
            var lines = ExchangeLogReader.ReadFile(ExchangeLogs("ECP", "Server", "ECPServer20210303-1.LOG")).Select(i => i.Value!).ToList();

            Assert.Equal(2, lines.Count);
            Assert.Equal("ECP Server Log", lines[1].Header.LogType);
            Assert.Equal("ECP.Request", lines[1].GetField("EventId"));
            Assert.Contains("S:CMD=Set-OabVirtualDirectory.ExternalUrl='http://synthetic.example.test/SYNTHETIC,payload'", lines[1].GetField("EventData"));
            Assert.True(lines[1].TryGetField("ServerName", out var server));
            Assert.Equal("EXCH01", server);
            Assert.False(lines[1].TryGetField("NoSuchField", out var none));
            Assert.Equal(string.Empty, none);
        }

        [Fact]
        public void Plain_header_row_is_taken_when_no_fields_directive_came_first()
        {
            var lines = ExchangeLogReader.ReadFile(ExchangeLogs("MitigationService", "header-row.csv")).Select(i => i.Value!).ToList();

            Assert.Equal(2, lines.Count);
            Assert.Equal(new[] { "DateTime", "ServerName", "Operation", "Data" }, lines[0].Header.Fields);
            Assert.Equal(1, lines[0].Header.FieldsLine);
            Assert.Equal(2, lines[0].Line);
            Assert.Equal("S:LogLevel=Info;S:Message=Fetched 2 mitigations.", lines[0].GetField("data"));
        }

        [Fact]
        public void First_line_that_is_data_is_not_taken_as_a_header()
        {
            var text = "2023-01-09T01:05:00.000Z,EXCH01,FetchMitigation,S:LogLevel=Info;S:Message=Fetched 2 mitigations.\n";
            using (var reader = new ExchangeLogReader(new StringReader(text), "inline"))
            {
                Assert.True(reader.Read());
                Assert.Null(reader.Error);
                Assert.Equal(1, reader.Line);
                Assert.Empty(reader.Header.Fields);
                Assert.Equal(4, reader.FieldCount);
                Assert.Equal("FetchMitigation", reader.GetValue(2));
                Assert.Null(reader.GetField("Operation"));
                Assert.False(reader.Read());
            }
        }

        [Fact]
        public void Header_row_can_be_refused()
        {
            var text = "A,B\n1,2\n";
            using (var reader = new ExchangeLogReader(new StringReader(text), "inline", new ExchangeLogReaderOptions { AcceptHeaderRow = false }))
            {
                Assert.True(reader.Read());
                Assert.Equal("A", reader.GetValue(0));
                Assert.True(reader.Read());
                Assert.Equal("1", reader.GetValue(0));
            }
        }

        [Fact]
        public void Pull_reader_gives_raw_text_without_copying_and_lines_with_mixed_line_breaks()
        {
            var text = "#Fields: a,b\r\n1,2\n\n3,\"x\r\ny\"\r4,5";
            using (var reader = new ExchangeLogReader(new StringReader(text), "inline"))
            {
                Assert.True(reader.Read());
                Assert.Equal(2, reader.Line);
                Assert.Equal("1,2", reader.RawTextSpan.ToString());
                Assert.True(reader.Read());
                Assert.Equal(4, reader.Line);
                Assert.Equal("x\r\ny", reader.GetField("b"));
                Assert.True(reader.Read());
                Assert.Equal(6, reader.Line);
                Assert.Equal("4,5", reader.GetRawText());
                Assert.False(reader.Read());
            }
        }

        [Fact]
        public void Truncated_and_garbled_lines_are_errors_naming_file_and_line_and_reading_goes_on()
        {
            var path = ExchangeLogs("garbled-ECPServer.LOG");
            var items = ExchangeLogReader.ReadFile(path).ToList();

            Assert.Equal(5, items.Count);
            Assert.Equal(6, items[0].Value!.Line);

            var shortLine = items[1].Error!;
            Assert.Equal(path, shortLine.File);
            Assert.Equal(7, shortLine.Line);
            Assert.Contains("expected 4 comma-separated values as named on line 5, found 3", shortLine.Message);

            var badQuote = items[2].Error!;
            Assert.Equal(8, badQuote.Line);
            Assert.Contains("malformed CSV record", badQuote.Message);

            Assert.Equal(9, items[3].Value!.Line);
            Assert.Contains("Get-EcpVirtualDirectory", items[3].Value!.GetField("EventData"));

            // The file ends inside a quoted value.
            Assert.Equal(10, items[4].Error!.Line);
            Assert.Contains("without a closing quote", items[4].Error!.Message);
        }

        [Fact]
        public void Lines_starting_with_nul_are_skipped_without_shifting_line_numbers()
        {
            var text = "#Fields: a,b\r\n\0binary junk\r\n\0\n1,2\n";
            using (var reader = new ExchangeLogReader(new StringReader(text), "inline"))
            {
                Assert.True(reader.Read());
                Assert.Equal(4, reader.Line);
                Assert.Equal("2", reader.GetField("b"));
            }
        }

        [Fact]
        public void Missing_file_is_one_error_item()
        {
            using (var temp = new TempDirectory())
            {
                var missing = Path.Combine(temp.Path, "HttpProxy_2023010919-1.LOG");
                var error = Assert.Single(ExchangeLogReader.ReadFile(missing)).Error!;
                Assert.Equal(missing, error.File);
                Assert.Contains("cannot open", error.Message);
            }
        }

        [Fact]
        public void Field_count_check_can_be_relaxed()
        {
            var path = ExchangeLogs("garbled-ECPServer.LOG");
            var items = ExchangeLogReader.ReadFile(path, new ExchangeLogReaderOptions { StrictFieldCount = false }).ToList();

            var shortLine = items[1].Value!;
            Assert.Equal(7, shortLine.Line);
            Assert.Equal(3, shortLine.FieldCount);
            Assert.Null(shortLine.GetField("EventData"));
        }

        [Fact]
        public void Value_accessors_refuse_an_error_item()
        {
            using (var reader = new ExchangeLogReader(new StringReader("#Fields: a,b\n\"x\"y,1\n"), "inline"))
            {
                Assert.True(reader.Read());
                Assert.NotNull(reader.Error);
                Assert.Equal(2, reader.Error!.Line);
                Assert.Throws<InvalidOperationException>(() => reader.GetValue(0));
                Assert.False(reader.Read());
            }
        }

        [Fact]
        public void Line_longer_than_the_limit_is_skipped_with_an_error()
        {
            var text = new StringBuilder("#Fields: a,b\n1,short\n2,").Append('z', 300000).Append("\n3,after\n").ToString();
            using (var reader = new ExchangeLogReader(new StringReader(text), "inline", new ExchangeLogReaderOptions { MaxRecordLength = 100000 }))
            {
                Assert.True(reader.Read());
                Assert.Equal("short", reader.GetField("b"));
                Assert.True(reader.Read());
                Assert.Equal(3, reader.Error!.Line);
                Assert.Contains("longer than", reader.Error.Message);
                Assert.True(reader.Read());
                Assert.Equal(4, reader.Line);
                Assert.Equal("after", reader.GetField("b"));
            }

            using (var reader = new ExchangeLogReader(new StringReader(text), "inline"))
            {
                // Several megabytes fit in the default limit.
                reader.Read();
                reader.Read();
                Assert.Equal(300000, reader.GetField("b")!.Length);
            }
        }

        [Fact]
        public void File_still_open_for_writing_by_exchange_can_be_read()
        {
            using (var temp = new TempDirectory())
            {
                var path = Path.Combine(temp.Path, "HttpProxy_2023010919-1.LOG");
                using (var writer = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete))
                {
                    var bytes = Encoding.UTF8.GetBytes("#Software: Microsoft Exchange Server\r\n#Fields: DateTime,UrlStem\r\n2023-01-09T19:00:00.130Z,/owa/\r\n");
                    writer.Write(bytes, 0, bytes.Length);
                    writer.Flush();

                    var line = Assert.Single(ExchangeLogReader.ReadFile(path)).Value!;
                    Assert.Equal("/owa/", line.GetField("UrlStem"));
                    Assert.Equal(3, line.Line);
                }
            }
        }

        [Fact]
        public void Many_lines_stream_with_exact_line_numbers()
        {
            var text = new StringBuilder("#Fields: DateTime,RequestId,UrlStem\n");
            for (var i = 0; i < 50000; i++)
            {
                text.Append("2021-03-03T04:05:06.789Z,").Append(i).Append(",\"/ecp/a,b").Append(i).Append(".js\"\n");
                if (i % 10000 == 9999)
                {
                    text.Append("#Fields: DateTime,RequestId,UrlStem\n");
                }
            }

            using (var reader = new ExchangeLogReader(new StringReader(text.ToString()), "inline"))
            {
                var count = 0;
                long line = 1;
                while (reader.Read())
                {
                    line++;
                    if (count > 0 && count % 10000 == 0)
                    {
                        line++;
                    }

                    Assert.Null(reader.Error);
                    Assert.Equal(line, reader.Line);
                    Assert.Equal("/ecp/a,b" + count + ".js", reader.GetField("UrlStem"));
                    count++;
                }

                Assert.Equal(50000, count);
            }
        }
    }
}
