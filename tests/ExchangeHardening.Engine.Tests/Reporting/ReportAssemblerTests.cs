using System;
using System.Linq;
using ExchangeHardening.Engine.Reporting;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Reporting
{
    public class ReportAssemblerTests
    {
        [Fact]
        public void One_part_per_server_whatever_the_case_of_its_name()
        {
            var input = new ReportInput();
            input.Summaries.Add(ReportFixtures.Summary("EX01", ExposureLevel.Orange));
            input.EmergencyMitigation.Add(ReportFixtures.Emergency("ex01", passed: true));
            input.Findings.Add(ReportFixtures.Finding("Ex01", FindingCategory.Coverage, Severity.Low));

            var server = Assert.Single(ReportAssembler.Assemble(input));
            Assert.Equal("EX01", server.Name);
            Assert.NotNull(server.Summary);
            Assert.NotNull(server.EmergencyMitigation);
            Assert.Single(server.Findings);
        }

        [Fact]
        public void A_fully_qualified_name_joins_its_short_name_only_when_that_is_present()
        {
            var input = new ReportInput();
            input.Summaries.Add(ReportFixtures.Summary("EX01", ExposureLevel.Green));
            input.Findings.Add(ReportFixtures.Finding("ex01.contoso.com", FindingCategory.WebShell, Severity.Critical));
            input.Findings.Add(ReportFixtures.Finding("EX02.contoso.com", FindingCategory.Coverage, Severity.Low));

            var servers = ReportAssembler.Assemble(input);
            Assert.Equal(new[] { "EX01", "EX02.contoso.com" }, servers.Select(s => s.Name).OrderBy(n => n, StringComparer.Ordinal));
            Assert.Single(servers.Single(s => s.Name == "EX01").Findings);
        }

        [Fact]
        public void A_build_used_as_the_server_name_is_not_taken_for_a_domain_name()
        {
            var input = new ReportInput();
            input.Summaries.Add(ReportFixtures.Summary("15", ExposureLevel.Green));
            input.Summaries.Add(ReportFixtures.Summary("15.2.1748.24", ExposureLevel.Orange));
            Assert.Equal(2, ReportAssembler.Assemble(input).Count);
        }

        [Fact]
        public void Signs_of_attack_first_then_red_to_green_then_not_assessed()
        {
            var input = new ReportInput();
            input.Summaries.Add(ReportFixtures.Summary("A-GREEN", ExposureLevel.Green));
            input.Summaries.Add(ReportFixtures.Summary("B-RED", ExposureLevel.Red));
            input.Summaries.Add(ReportFixtures.Summary("C-YELLOW", ExposureLevel.Yellow));
            input.Summaries.Add(ReportFixtures.Summary("D-GREEN-ATTACKED", ExposureLevel.Green));
            input.Findings.Add(ReportFixtures.Finding("D-GREEN-ATTACKED", FindingCategory.WebShell, Severity.Critical));
            input.EmergencyMitigation.Add(ReportFixtures.Emergency("E-EM-ONLY", passed: true));
            input.Summaries.Add(ReportFixtures.Summary("F-ORANGE", ExposureLevel.Orange));

            Assert.Equal(
                new[] { "D-GREEN-ATTACKED", "B-RED", "F-ORANGE", "C-YELLOW", "A-GREEN", "E-EM-ONLY" },
                ReportAssembler.Assemble(input).Select(s => s.Name));
        }

        [Fact]
        public void The_same_record_piped_twice_is_listed_once()
        {
            var input = new ReportInput();
            input.Records.Add(ReportFixtures.Record("EX01", "CVE-2099-0001", ExposureStatus.Vulnerable));
            input.Records.Add(ReportFixtures.Record("ex01", "CVE-2099-0001", ExposureStatus.Vulnerable));
            input.Records.Add(ReportFixtures.Record("EX01", "CVE-2099-0002", ExposureStatus.Vulnerable));
            Assert.Equal(2, Assert.Single(ReportAssembler.Assemble(input)).Records.Count);
        }

        [Fact]
        public void Without_a_summary_the_level_comes_from_the_records_and_without_either_there_is_none()
        {
            var input = new ReportInput();
            input.Records.Add(ReportFixtures.Record("EX01", "CVE-2099-0001", ExposureStatus.Vulnerable, exploited: true));
            input.EmergencyMitigation.Add(ReportFixtures.Emergency("EX02", passed: false));
            var servers = ReportAssembler.Assemble(input);
            Assert.Equal(ExposureLevel.Red, servers.Single(s => s.Name == "EX01").Level);
            Assert.Null(servers.Single(s => s.Name == "EX02").Level);
            Assert.False(servers.Single(s => s.Name == "EX02").HasExposure);
        }
    }
}
