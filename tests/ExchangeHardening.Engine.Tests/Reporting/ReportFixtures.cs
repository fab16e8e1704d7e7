using System;

namespace ExchangeHardening.Engine.Tests.Reporting
{
    /// <summary>Output objects shaped like the cmdlets' own (values as Get-ExchangeExposure and friends write them).</summary>
    internal static class ReportFixtures
    {
        public static ServerExposureSummary Summary(string server, ExposureLevel level, string latest = "Exchange2019 CU15 Aug26SU 15.2.1748.49 (KB5121574)", string cu = "CU15", string build = "15.2.1748.10", bool supported = true) =>
            new ServerExposureSummary
            {
                Server = server,
                ProductName = "Exchange Server 2019",
                CumulativeUpdate = cu,
                SecurityUpdate = "Unknown",
                Build = build,
                Supported = supported,
                EndOfSupport = supported ? (DateTime?)null : new DateTime(2025, 10, 14),
                LatestUpdate = latest,
                VulnerableCount = level <= ExposureLevel.Orange ? 2 : 0,
                ExploitedCount = level == ExposureLevel.Red ? 1 : 0,
                UnknownCount = level == ExposureLevel.Yellow ? 3 : 0,
                Level = level,
            };

        public static ExposureRecord Record(string server, string cve, ExposureStatus status, bool exploited = false, Severity severity = Severity.High) =>
            new ExposureRecord
            {
                Server = server,
                Product = "Exchange2019",
                ProductName = "Exchange Server 2019",
                CumulativeUpdate = "CU15",
                SecurityUpdate = "Unknown",
                Build = "15.2.1748.10",
                AdvisoryId = "ADV-" + cve,
                Cve = cve,
                Title = "Title of " + cve,
                Severity = severity,
                Exploited = exploited,
                Status = status,
                FixedIn = "Exchange2019 CU15 Aug26SU 15.2.1748.49",
                Link = "https://msrc.microsoft.com/update-guide/vulnerability/" + cve,
            };

        public static Finding Finding(string server, FindingCategory category, Severity severity, string rule = "EXH-PL-001", string title = "A finding", DateTimeOffset? at = null, string ip = "", long line = 1) =>
            new Finding
            {
                Server = server,
                Category = category,
                RuleId = rule,
                Title = title,
                Severity = severity,
                Confidence = Confidence.High,
                Timestamp = at,
                ClientIp = ip,
                Path = "/evidence/" + server + "/inetpub/logs/LogFiles/W3SVC1/u_ex210303.log",
                Line = line,
                Evidence = "evidence line",
                Recommendation = "Do something.",
            };

        public static EmergencyMitigationResult Emergency(string server, bool passed) =>
            new EmergencyMitigationResult
            {
                Server = server,
                Build = "15.2.1748.10",
                Supported = true,
                Enabled = passed,
                ServiceState = passed ? "Running" : "Stopped",
                Passed = passed,
                Checks = passed
                    ? new[] { new CheckResult("Service", CheckOutcome.Pass, "MSExchangeMitigation is running.", string.Empty) }
                    : new[]
                    {
                        new CheckResult("Service", CheckOutcome.Fail, "MSExchangeMitigation is stopped.", "Start the service."),
                        new CheckResult("UrlRewrite", CheckOutcome.Warn, "URL Rewrite 2.0 is old.", "Update URL Rewrite."),
                    },
                StaleMitigations = passed ? Array.Empty<string>() : new[] { "PING1" },
            };
    }
}
