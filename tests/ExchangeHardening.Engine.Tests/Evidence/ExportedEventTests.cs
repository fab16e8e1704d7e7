using System;
using System.Collections.Generic;
using System.Globalization;
using ExchangeHardening.Engine.Evidence;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Evidence
{
    /// <summary>Events built from values at hand (piped objects) and the timestamp shapes the readers accept.</summary>
    public class ExportedEventTests
    {
        private enum EntryType
        {
            Error = 1,
            Warning = 2,
        }

        [Fact]
        public void Constructor_keeps_fields_case_insensitive()
        {
            var e = new ExportedEvent(
                "Application",
                "MSExchange Mitigation Service",
                1006,
                new DateTimeOffset(2023, 1, 9, 10, 0, 0, TimeSpan.Zero),
                4,
                "applied",
                "EXCH01",
                new[] { new KeyValuePair<string, string>("RecordId", "7") });

            Assert.Equal("7", e.Fields["RECORDID"]);
            Assert.Null(e.SourceFile);
            Assert.Equal(0, e.Line);
            Assert.Empty(new ExportedEvent(null, null, null, null, null, null, null).Fields);
        }

        [Fact]
        public void Live_get_winevent_properties_are_mapped()
        {
            var local = new DateTime(2023, 1, 9, 10, 0, 0, DateTimeKind.Utc).ToLocalTime();
            var e = ExportedEvent.FromProperties(new Dictionary<string, object?>
            {
                ["LogName"] = "Application",
                ["ProviderName"] = "MSExchange Mitigation Service",
                ["Id"] = 1008,
                ["Level"] = (byte)2,
                ["TimeCreated"] = local,
                ["Message"] = "failed",
                ["MachineName"] = "EXCH01",
                ["RecordId"] = 42L,
                ["UserId"] = null,
            });

            Assert.Equal(1008, e.Id);
            Assert.Equal(2, e.Level);
            Assert.Equal(new DateTimeOffset(2023, 1, 9, 10, 0, 0, TimeSpan.Zero), e.TimeCreated);
            Assert.Equal("42", e.Fields["RecordId"]);
            Assert.False(e.Fields.ContainsKey("UserId"));
        }

        [Fact]
        public void Get_eventlog_and_shipper_property_names_are_mapped()
        {
            var classic = ExportedEvent.FromProperties(new Dictionary<string, object?>
            {
                ["Source"] = "MSExchange Mitigation Service",
                ["EventID"] = 1008,
                ["EntryType"] = EntryType.Error,
                ["TimeGenerated"] = new DateTimeOffset(2023, 1, 9, 22, 0, 0, TimeSpan.Zero),
                ["MachineName"] = "EXCH01",
            });
            Assert.Equal("MSExchange Mitigation Service", classic.ProviderName);
            Assert.Equal(1008, classic.Id);
            Assert.Equal(2, classic.Level);
            Assert.Equal(new DateTimeOffset(2023, 1, 9, 22, 0, 0, TimeSpan.Zero), classic.TimeCreated);

            var shipped = ExportedEvent.FromProperties(new Dictionary<string, object?>
            {
                ["Channel"] = "Security",
                ["SourceName"] = "Microsoft-Windows-Security-Auditing",
                ["EventID"] = "4688",
                ["Hostname"] = "EXCH01.example.test",
                ["@timestamp"] = "2021-03-14T01:40:12.993Z",
                ["NewProcessName"] = @"C:\Windows\System32\cmd.exe",
            });
            Assert.Equal("Security", shipped.LogName);
            Assert.Equal(4688, shipped.Id);
            Assert.Equal("EXCH01.example.test", shipped.MachineName);
            Assert.Equal(new DateTimeOffset(2021, 3, 14, 1, 40, 12, 993, TimeSpan.Zero), shipped.TimeCreated);
            Assert.Equal(@"C:\Windows\System32\cmd.exe", shipped.Fields["newprocessname"]);
        }

        [Theory]
        [InlineData("/Date(1615000000000)/", "2021-03-06T03:06:40.0000000+00:00")]
        [InlineData("\\/Date(1615000000000)\\/", "2021-03-06T03:06:40.0000000+00:00")]
        [InlineData("/Date(1615000000000+0100)/", "2021-03-06T04:06:40.0000000+01:00")]
        [InlineData("2021-03-14T01:40:12.993Z", "2021-03-14T01:40:12.9930000+00:00")]
        [InlineData("2021-03-06T04:06:40.1234567+01:00", "2021-03-06T04:06:40.1234567+01:00")]
        [InlineData("2021-03-03 04:10:01.117", "2021-03-03T04:10:01.1170000+00:00")]
        [InlineData("3/6/2021 3:06:40 AM", "2021-03-06T03:06:40.0000000+00:00")]
        public void Timestamps_in_every_export_shape_are_read(string text, string expected)
        {
            Assert.True(EvidenceTimestamp.TryParse(text, null, TimeSpan.Zero, out var value));
            Assert.Equal(expected, value.ToString("o", CultureInfo.InvariantCulture));
        }

        [Theory]
        [InlineData("")]
        [InlineData("Cmdlet")]
        [InlineData("/Date(abc)/")]
        [InlineData("15.2.1118.20")]
        public void Non_timestamps_are_refused(string text)
        {
            Assert.False(EvidenceTimestamp.TryParse(text, null, TimeSpan.Zero, out _));
        }
    }
}
