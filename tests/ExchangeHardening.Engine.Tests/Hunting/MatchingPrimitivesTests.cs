using System;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeHardening.Engine.Hunting;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Hunting
{
    /// <summary>The pieces every line goes through: the literal prefilter, the line splitter, URL decoding, excerpts, message fields.</summary>
    public class MatchingPrimitivesTests
    {
        private static readonly string[] Literals = { "ServerInfo~", "/owa/auth/Current/", "autodiscover.json", "x=a", "Chrome/105.0.5195.54" };

        [Theory]
        [InlineData("2021-03-03,ServerInfo~exch01/ecp", new[] { 0 })]
        [InlineData("serverinfo~EXCH01", new[] { 0 })]
        [InlineData("POST /OWA/AUTH/current/themes x=a", new[] { 1, 3 })]
        [InlineData("ServerInfo~", new[] { 0 })]
        [InlineData("x=a", new[] { 3 })]
        [InlineData("/autodiscover/autodiscover.jso", new int[0])]
        [InlineData("ServerInfo ~", new int[0])]
        [InlineData("UA Chrome/105.0.5195.54+Safari and ServerInfo~x and autodiscover.json", new[] { 0, 2, 4 })]
        [InlineData("", new int[0])]
        [InlineData("é ServerInfo~ ü", new[] { 0 })]
        public void The_prefilter_finds_every_literal_without_case_in_bytes_and_characters(string text, int[] expected)
        {
            var matcher = new LiteralMatcher(Literals);
            var hits = new LiteralHits(Literals.Length);
            matcher.Scan(Encoding.UTF8.GetBytes(text), hits);
            Assert.Equal(expected, Enumerable.Range(0, hits.Count).Select(i => hits[i]).OrderBy(i => i));
            hits.Clear();
            matcher.Scan(text.AsSpan(), hits);
            Assert.Equal(expected, Enumerable.Range(0, hits.Count).Select(i => hits[i]).OrderBy(i => i));
        }

        [Fact]
        public void The_prefilter_reports_where_the_first_hit_starts()
        {
            var matcher = new LiteralMatcher(Literals);
            var hits = new LiteralHits(Literals.Length);
            matcher.Scan("abc x=a def ServerInfo~".AsSpan(), hits);
            Assert.Equal(4, hits.FirstPosition);
        }

        [Fact]
        public void Literals_that_share_an_anchor_or_overlap_are_all_found()
        {
            var literals = new[] { "abcdef", "cdefgh", "defg", "zzz" };
            var matcher = new LiteralMatcher(literals);
            var hits = new LiteralHits(literals.Length);
            matcher.Scan(Encoding.ASCII.GetBytes("xxabcdefghxx zz"), hits);
            Assert.Equal(new[] { 0, 1, 2 }, Enumerable.Range(0, hits.Count).Select(i => hits[i]).OrderBy(i => i));
        }

        [Theory]
        [InlineData("autodiscover.json%3F@evil", "autodiscover.json?@evil")]
        [InlineData("/owa/a%40b.test/powershell", "/owa/a@b.test/powershell")]
        [InlineData("cmd.exe+/c+dir", "cmd.exe /c dir")]
        [InlineData("100%zz%4", "100%zz%4")]
        [InlineData("caf%C3%A9", "café")]
        [InlineData("plain", "plain")]
        public void Url_decoding_never_throws(string value, string expected) => Assert.Equal(expected, UrlDecoding.Decode(value));

        [Fact]
        public void Excerpts_stay_short_and_keep_what_matched()
        {
            var text = new string('a', 1000) + "ServerInfo~exch01/ecp" + new string('b', 1000);
            var excerpt = EntryExcerpt.Create(text.AsSpan(), 1000);
            Assert.True(excerpt.Length <= EntryExcerpt.MaxLength);
            Assert.Contains("ServerInfo~exch01/ecp", excerpt, StringComparison.Ordinal);
            Assert.True(EntryExcerpt.Create(new string('c', 5000).AsSpan(), 4990).Length <= EntryExcerpt.MaxLength);
            Assert.True(EntryExcerpt.Create(new string('c', 301).AsSpan(), 0).Length <= EntryExcerpt.MaxLength);
            Assert.Equal("line one line two", EntryExcerpt.Create("  line one\r\nline two  ".AsSpan(), 0).Replace("  ", " ", StringComparison.Ordinal));
        }

        [Fact]
        public void Message_labels_give_event_data_of_exports_that_only_kept_the_message()
        {
            const string sysmon = "Process Create:\r\nRuleName: -\r\nImage: C:\\Windows\\System32\\cmd.exe\r\nCommandLine: cmd /c whoami\r\nParentImage: C:\\w3wp.exe";
            Assert.Equal(@"C:\Windows\System32\cmd.exe", EventMessageFields.Find(sysmon, "Image"));
            Assert.Equal(@"C:\w3wp.exe", EventMessageFields.Find(sysmon, "ParentImage"));
            Assert.Equal("cmd /c whoami", EventMessageFields.Find(sysmon, "CommandLine"));
            const string security = "A new process has been created.\r\n\r\nProcess Information:\r\n\tNew Process Name:\tC:\\Windows\\System32\\net.exe\r\n\tCreator Process Name:\tC:\\w3wp.exe\r\n\tProcess Command Line:\tnet user";
            Assert.Equal(@"C:\Windows\System32\net.exe", EventMessageFields.Find(security, "New Process Name"));
            Assert.Equal("net user", EventMessageFields.Find(security, "Process Command Line"));
            Assert.Null(EventMessageFields.Find(sysmon, "TargetFilename"));
        }

        [Fact]
        public void The_line_reader_handles_line_ends_a_byte_order_mark_and_a_missing_last_break()
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.ASCII.GetBytes("one\r\ntwo\n\nthree")).ToArray();
            using (var reader = new RawLineReader(new MemoryStream(bytes), 1024))
            {
                var lines = new System.Collections.Generic.List<string>();
                while (reader.Read())
                {
                    lines.Add(Encoding.ASCII.GetString(reader.Current.ToArray()) + "@" + reader.LineNumber);
                }

                Assert.Equal(new[] { "one@1", "two@2", "@3", "three@4" }, lines);
            }
        }

        [Fact]
        public void The_line_reader_cuts_an_overlong_line_and_resumes_after_it()
        {
            var text = "short\n" + new string('x', 5000) + "\nafter\n";
            using (var reader = new RawLineReader(new MemoryStream(Encoding.ASCII.GetBytes(text)), 300))
            {
                Assert.True(reader.Read());
                Assert.False(reader.IsTruncated);
                Assert.True(reader.Read());
                Assert.True(reader.IsTruncated);
                Assert.Equal(300, reader.Current.Length);
                Assert.True(reader.Read());
                Assert.Equal("after", Encoding.ASCII.GetString(reader.Current.ToArray()));
                Assert.Equal(3, reader.LineNumber);
                Assert.False(reader.Read());
            }
        }
    }
}
