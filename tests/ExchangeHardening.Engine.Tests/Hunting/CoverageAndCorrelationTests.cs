using System;
using System.Linq;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Tests.Data;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Hunting
{
    public class CoverageAndCorrelationTests
    {
        private static DateTimeOffset Utc(int y, int m, int d, int h = 0) => new DateTimeOffset(y, m, d, h, 0, 0, TimeSpan.Zero);

        [Fact]
        public void Campaigns_carry_their_hunting_data()
        {
            var proxyLogon = ShippedData.Store.Hunts.Single(h => h.AdvisoryId == "ProxyLogon");
            Assert.Equal(Utc(2021, 1, 1), proxyLogon.ExploitedFrom);
            Assert.Contains(EvidenceSourceType.HttpProxyLog, proxyLogon.Sources);
            Assert.Equal(new[] { "EXH-PL-001" }, proxyLogon.Chain[0]);
            Assert.Contains("Mar21SU", proxyLogon.FixedBy);
        }

        [Fact]
        public void Logs_starting_after_the_attack_began_cannot_rule_it_out()
        {
            var coverage = new CoverageTracker();
            coverage.CountFile(EvidenceSourceType.HttpProxyLog);
            coverage.Observe(EvidenceSourceType.HttpProxyLog, Utc(2021, 3, 10));
            coverage.Observe(EvidenceSourceType.HttpProxyLog, Utc(2021, 4, 1));
            var findings = CoverageReporter.Report(coverage, new HuntContext("EX01", ShippedData.Store)).ToList();

            var span = Assert.Single(findings, f => f.RuleId == "EXH-COV-001");
            Assert.Contains("2021-03-10", span.Title);
            var late = Assert.Single(findings, f => f.RuleId == "EXH-COV-002" && f.Title.Contains("ProxyLogon"));
            Assert.Equal(Severity.Medium, late.Severity);
            Assert.Contains("CVE-2021-26855", late.Cve);
            // The same logs reach back before ProxyShell's wave: no late-coverage finding for it, only the missing sources.
            Assert.DoesNotContain(findings, f => f.RuleId == "EXH-COV-002" && f.Title.Contains("ProxyShell"));
            Assert.Contains(findings, f => f.RuleId == "EXH-COV-003" && f.Title.Contains("ProxyLogon") && f.Title.Contains("IIS logs"));
            Assert.All(findings, f => Assert.Equal(FindingCategory.Coverage, f.Category));
        }

        [Fact]
        public void A_server_built_after_the_fix_was_never_exposed_to_the_campaign()
        {
            var coverage = new CoverageTracker();
            var context = new HuntContext("EXSE01", ShippedData.Store) { Build = ExchangeBuild.Parse("15.2.2562.17") };
            var findings = CoverageReporter.Report(coverage, context).ToList();
            Assert.DoesNotContain(findings, f => f.Title.Contains("ProxyLogon"));
            var old = new HuntContext("EX01", ShippedData.Store) { Build = ExchangeBuild.Parse("15.1.2176.2") };
            Assert.Contains(CoverageReporter.Report(coverage, old), f => f.Title.Contains("ProxyLogon"));
        }

        [Fact]
        public void Steps_of_a_chain_from_one_IP_become_one_correlation_finding()
        {
            var correlator = new Correlator(ShippedData.Store.Hunts);
            correlator.Add(new Finding { RuleId = "EXH-PL-001", ClientIp = "203.0.113.5", Timestamp = Utc(2021, 3, 3, 4), Severity = Severity.High, Path = "/logs/HttpProxy_2021030304-1.LOG", Line = 7 });
            correlator.Add(new Finding { RuleId = "EXH-PL-011", ClientIp = "203.0.113.5", Timestamp = Utc(2021, 3, 3, 5), Severity = Severity.Critical });
            correlator.Add(new Finding { RuleId = "EXH-PL-015", ClientIp = "203.0.113.5", Timestamp = Utc(2021, 3, 3, 6), Severity = Severity.Medium });
            correlator.Add(new Finding { RuleId = "EXH-PL-001", ClientIp = "198.51.100.9", Timestamp = Utc(2021, 3, 3, 4), Severity = Severity.High });
            correlator.Add(new Finding { RuleId = "EXH-PL-011", ClientIp = "198.51.100.9", Timestamp = Utc(2021, 3, 2, 4), Severity = Severity.Critical });

            var found = correlator.Correlate("EX01").ToList();
            var chain = Assert.Single(found);
            Assert.Equal("203.0.113.5", chain.ClientIp);
            Assert.Equal(FindingCategory.Correlation, chain.Category);
            Assert.Equal(Confidence.High, chain.Confidence);
            Assert.Equal(Severity.Critical, chain.Severity);
            Assert.Contains("EXH-PL-001", chain.Evidence);
            Assert.Contains("ProxyLogon", chain.Title);
        }

        [Fact]
        public void Findings_without_a_client_ip_or_outside_any_chain_are_not_correlated()
        {
            var correlator = new Correlator(ShippedData.Store.Hunts);
            correlator.Add(new Finding { RuleId = "EXH-PL-001", ClientIp = "203.0.113.5", Timestamp = Utc(2021, 3, 3, 4) });
            correlator.Add(new Finding { RuleId = "EXH-PL-011", Timestamp = Utc(2021, 3, 3, 5) });
            correlator.Add(new Finding { RuleId = "EXH-XX-999", ClientIp = "203.0.113.5", Timestamp = Utc(2021, 3, 3, 6) });
            Assert.Empty(correlator.Correlate("EX01"));
        }
    }
}
