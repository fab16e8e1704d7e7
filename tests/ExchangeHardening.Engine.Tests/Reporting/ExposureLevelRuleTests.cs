using System.Collections.Generic;
using ExchangeHardening.Engine.Exposure;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Reporting
{
    public class ExposureLevelRuleTests
    {
        private static ExposureLevel Level(params ExposureRecord[] records) => ExposureLevelRule.Of(new List<ExposureRecord>(records));

        private static ExposureRecord R(ExposureStatus status, bool exploited = false) => ReportFixtures.Record("EX01", "CVE-2099-0001", status, exploited);

        [Fact]
        public void Exploited_open_vulnerability_or_end_of_support_is_red()
        {
            Assert.Equal(ExposureLevel.Red, Level(R(ExposureStatus.Vulnerable, exploited: true)));
            Assert.Equal(ExposureLevel.Red, Level(R(ExposureStatus.Unsupported), R(ExposureStatus.Patched)));
        }

        [Fact]
        public void Open_vulnerability_not_exploited_is_orange()
        {
            Assert.Equal(ExposureLevel.Orange, Level(R(ExposureStatus.Vulnerable), R(ExposureStatus.Unknown)));
            // An exploited one that is only mitigated does not make it red.
            Assert.Equal(ExposureLevel.Orange, Level(R(ExposureStatus.Vulnerable), R(ExposureStatus.Mitigated, exploited: true)));
        }

        [Theory]
        [InlineData(ExposureStatus.Unknown)]
        [InlineData(ExposureStatus.ConfigurationRequired)]
        [InlineData(ExposureStatus.Mitigated)]
        public void Something_not_judged_or_only_mitigated_is_yellow(ExposureStatus status) =>
            Assert.Equal(ExposureLevel.Yellow, Level(R(status), R(ExposureStatus.Patched)));

        [Fact]
        public void Everything_patched_or_nothing_is_green()
        {
            Assert.Equal(ExposureLevel.Green, Level(R(ExposureStatus.Patched)));
            Assert.Equal(ExposureLevel.Green, Level());
        }
    }
}
