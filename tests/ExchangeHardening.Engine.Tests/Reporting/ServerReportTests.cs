using ExchangeHardening.Engine.Reporting;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Reporting
{
    public class ServerReportTests
    {
        private static ServerReport With(params Finding[] findings)
        {
            var server = new ServerReport("EX01");
            server.Findings.AddRange(findings);
            return server;
        }

        [Fact]
        public void No_findings_means_not_reviewed() => Assert.Equal(ReviewVerdict.NotReviewed, With().Review);

        [Fact]
        public void Coverage_findings_and_low_traces_mean_no_signs()
        {
            var server = With(
                ReportFixtures.Finding("EX01", FindingCategory.Coverage, Severity.Medium, "EXH-COV-002"),
                ReportFixtures.Finding("EX01", FindingCategory.Eomt, Severity.Low, "EXH-EOMT-004"));
            Assert.Equal(ReviewVerdict.NoSigns, server.Review);
            Assert.True(server.HasCoverageGap);
        }

        [Fact]
        public void A_medium_trace_is_suspicious()
        {
            var server = With(ReportFixtures.Finding("EX01", FindingCategory.Exploitation, Severity.Medium));
            Assert.Equal(ReviewVerdict.Suspicious, server.Review);
            Assert.False(server.HasCoverageGap);
        }

        [Theory]
        [InlineData(FindingCategory.WebShell, Severity.Critical)]
        [InlineData(FindingCategory.Exploitation, Severity.High)]
        [InlineData(FindingCategory.Mitigation, Severity.High)]
        [InlineData(FindingCategory.Eomt, Severity.Critical)]
        public void A_critical_or_high_trace_is_a_sign_of_attack(FindingCategory category, Severity severity) =>
            Assert.Equal(ReviewVerdict.SignsOfCompromise, With(ReportFixtures.Finding("EX01", category, severity)).Review);

        [Fact]
        public void A_high_coverage_finding_alone_is_no_sign_of_attack() =>
            Assert.Equal(ReviewVerdict.NoSigns, With(ReportFixtures.Finding("EX01", FindingCategory.Coverage, Severity.High)).Review);

        [Fact]
        public void Open_records_are_listed_worst_first_and_unknown_or_patched_ones_are_left_out()
        {
            var server = new ServerReport("EX01");
            server.Records.Add(ReportFixtures.Record("EX01", "CVE-2099-0005", ExposureStatus.Mitigated));
            server.Records.Add(ReportFixtures.Record("EX01", "CVE-2099-0004", ExposureStatus.Vulnerable, severity: Severity.Medium));
            server.Records.Add(ReportFixtures.Record("EX01", "CVE-2099-0003", ExposureStatus.Vulnerable, exploited: true));
            server.Records.Add(ReportFixtures.Record("EX01", "CVE-2099-0002", ExposureStatus.Unknown));
            server.Records.Add(ReportFixtures.Record("EX01", "CVE-2099-0001", ExposureStatus.Patched));
            server.Records.Add(ReportFixtures.Record("EX01", "Exchange2019", ExposureStatus.Unsupported));
            Assert.Equal(new[] { "Exchange2019", "CVE-2099-0003", "CVE-2099-0004", "CVE-2099-0005" }, System.Linq.Enumerable.Select(server.OpenRecords, r => r.Cve));
        }
    }
}
