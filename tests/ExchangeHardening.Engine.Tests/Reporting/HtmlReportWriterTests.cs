using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Reporting;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Reporting
{
    public class HtmlReportWriterTests
    {
        private static readonly DateTimeOffset At = new DateTimeOffset(2026, 11, 30, 9, 5, 0, TimeSpan.Zero);

        private static ReportInput Organisation()
        {
            var input = new ReportInput();
            input.Summaries.Add(ReportFixtures.Summary("EX01", ExposureLevel.Red, cu: "CU12", build: "15.2.1118.7", supported: false));
            input.Records.Add(ReportFixtures.Record("EX01", "CVE-2099-1111", ExposureStatus.Vulnerable, exploited: true, severity: Severity.Critical));
            input.Records.Add(ReportFixtures.Record("EX01", "CVE-2099-2222", ExposureStatus.Unknown));
            input.EmergencyMitigation.Add(ReportFixtures.Emergency("EX01", passed: false));
            input.Summaries.Add(ReportFixtures.Summary("EX02", ExposureLevel.Green, build: "15.2.1748.49"));
            input.EmergencyMitigation.Add(ReportFixtures.Emergency("EX02", passed: true));
            input.Findings.Add(ReportFixtures.Finding("EX02", FindingCategory.Coverage, Severity.Low, "EXH-COV-001", "IIS logs cover 2026-11-23 to 2026-11-25"));
            for (var i = 0; i < 3; i++)
            {
                input.Findings.Add(ReportFixtures.Finding("EX01", FindingCategory.Exploitation, Severity.High, "EXH-PL-014", "POST to a static resource path", At.AddMinutes(-i), "203.0.113." + (47 + i), 9 + i));
            }

            input.Findings.Add(ReportFixtures.Finding("EX01", FindingCategory.WebShell, Severity.Critical, "EXH-WS-001", "Web shell in aspnet_client"));
            input.Findings.Add(ReportFixtures.Finding("EX01", FindingCategory.Coverage, Severity.Medium, "EXH-COV-002", "IIS logs start after ProxyLogon exploitation began"));
            return input;
        }

        private static string Render(ReportInput input, ReportLanguage language = ReportLanguage.English, int maxGroups = 40) =>
            new HtmlReportWriter(new ReportOptions { Language = language, GeneratedAt = At, ModuleVersion = "9.9.9", Organization = "Kanzlei Muster & Partner", MaxFindingGroups = maxGroups })
                .Render(ReportAssembler.Assemble(input));

        private static string Section(string html, string server)
        {
            var start = html.IndexOf($"<section class=\"server", html.IndexOf($"id=\"server-{server}\"", StringComparison.Ordinal) - 60, StringComparison.Ordinal);
            var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
            return html.Substring(start, end - start);
        }

        [Fact]
        public void Self_contained_no_scripts_and_nothing_loaded_from_elsewhere()
        {
            var html = Render(Organisation());
            Assert.StartsWith("<!DOCTYPE html>", html);
            Assert.Contains("http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'", html);
            Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@import", html, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("url(", html, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("@media print", html); // the style sheet was inlined
            // Hyperlinks are fine (they load nothing until clicked), and all of them go to Microsoft over HTTPS or within the page.
            foreach (Match link in Regex.Matches(html, "href=\"([^\"]*)\""))
            {
                Assert.Matches("^(#server-|https://(support|msrc)\\.microsoft\\.com/)", link.Groups[1].Value);
            }
        }

        [Fact]
        public void Every_server_has_a_section_with_its_light_and_verdicts()
        {
            var html = Render(Organisation());
            Assert.Contains("data-server=\"EX01\" data-level=\"Red\" data-review=\"SignsOfCompromise\" data-emergency-mitigation=\"Fail\"", html);
            Assert.Contains("data-server=\"EX02\" data-level=\"Green\" data-review=\"NoSigns\" data-emergency-mitigation=\"Pass\"", html);
            Assert.True(html.IndexOf("id=\"server-EX01\"", StringComparison.Ordinal) < html.IndexOf("id=\"server-EX02\"", StringComparison.Ordinal));
        }

        [Fact]
        public void The_plain_words_say_what_is_wrong_and_what_to_do()
        {
            var ex01 = Section(Render(Organisation()), "EX01");
            Assert.Contains("EX01 runs Exchange Server 2019, which Microsoft stopped supporting on 14 October 2025", ex01);
            Assert.Contains("2 known security holes are open because updates are missing; attackers already use 1 of them.", ex01);
            Assert.Contains("first upgrade the server to CU15, then install Aug26SU (KB5121574, build 15.2.1748.49).", ex01);
            Assert.Contains("The Emergency Mitigation service does not work as it should (1 check failed)", ex01);
            Assert.Contains("<p class=\"alert\">The review of the server&#39;s logs and files found signs that it was attacked (4 serious findings).", ex01);
            Assert.Contains("so an older attack cannot be ruled out", ex01);

            var ex02 = Section(Render(Organisation()), "EX02");
            Assert.Contains("Every known security hole is fixed on this server.", ex02);
            Assert.Contains("The server runs the latest update the advisory data knows.", ex02);
            Assert.Contains("The Emergency Mitigation service works", ex02);
            Assert.Contains("found no signs of an attack", ex02);
            Assert.DoesNotContain("ruled out", ex02);
        }

        [Fact]
        public void What_to_install_what_is_open_and_failed_checks_are_tabled()
        {
            var ex01 = Section(Render(Organisation()), "EX01");
            Assert.Contains("<td>CU15 Aug26SU</td><td>15.2.1748.49</td><td><a href=\"https://support.microsoft.com/help/5121574\">KB5121574</a></td>", ex01);
            Assert.Contains("This update is for CU15: install the cumulative update CU15 first.", ex01);
            Assert.Contains(">CVE-2099-1111</a>", ex01);
            Assert.DoesNotContain("CVE-2099-2222</a>", ex01); // Unknown records are only counted
            Assert.Contains("1 further vulnerabilities could not be judged", ex01);
            Assert.Contains("<td>Service</td><td>Failed</td><td>MSExchangeMitigation is stopped.</td><td>Start the service.</td>", ex01);
            Assert.Contains("<td>UrlRewrite</td><td>Warning</td>", ex01);
            Assert.Contains("Mitigations no longer needed (the fixing update is installed): PING1", ex01);
        }

        [Fact]
        public void Findings_are_counted_by_severity_and_grouped_by_rule()
        {
            var ex01 = Section(Render(Organisation()), "EX01");
            Assert.Contains("data-severity=\"Critical\"><b>1</b>", ex01);
            Assert.Contains("data-severity=\"High\"><b>3</b>", ex01);
            Assert.Contains("data-severity=\"Medium\"><b>0</b>", ex01); // the coverage finding is not a trace
            var row = Regex.Match(ex01, "<tr class=\"sev-high\" data-rule=\"EXH-PL-014\">.*?</tr>", RegexOptions.Singleline).Value;
            Assert.Contains("<td class=\"num\">3</td>", row);
            Assert.Contains("2026-11-30 09:03 – 2026-11-30 09:05", row);
            Assert.Contains("203.0.113.49, 203.0.113.48, 203.0.113.47", row); // first seen first
            Assert.Contains("…/LogFiles/W3SVC1/u_ex210303.log:11<", row); // the earliest one's place, last three parts of the path
            Assert.True(ex01.IndexOf("EXH-WS-001", StringComparison.Ordinal) < ex01.IndexOf("EXH-PL-014", StringComparison.Ordinal), "critical before high");
            Assert.Contains("<li>IIS logs start after ProxyLogon exploitation began</li>", ex01);
        }

        [Fact]
        public void Many_kinds_of_finding_are_cut_off_with_a_count()
        {
            var input = new ReportInput();
            for (var i = 0; i < 5; i++)
            {
                input.Findings.Add(ReportFixtures.Finding("EX01", FindingCategory.Exploitation, Severity.Medium, $"EXH-X-{i:000}", "Kind " + i));
            }

            var html = Render(input, maxGroups: 2);
            Assert.Equal(2, Regex.Matches(html, "data-rule=\"EXH-X-").Count);
            Assert.Contains("3 further kinds of finding (3 findings) are not listed", html);
        }

        [Fact]
        public void Names_titles_and_organisation_are_html_encoded()
        {
            var input = new ReportInput();
            input.Findings.Add(ReportFixtures.Finding("<b>EX&1</b>", FindingCategory.WebShell, Severity.Critical, "EXH-WS-001", "<script>alert(1)</script>"));
            var html = Render(input);
            Assert.DoesNotContain("<script>", html);
            Assert.DoesNotContain("<b>EX&1</b>", html);
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
            Assert.Contains("&lt;b&gt;EX&amp;1&lt;/b&gt;", html);
            Assert.Contains("Kanzlei Muster &amp; Partner", html);
            Assert.Contains("id=\"server--b-EX-1--b-\"", html); // an anchor of safe characters only
        }

        [Fact]
        public void German_report_is_german_throughout()
        {
            var html = Render(Organisation(), ReportLanguage.German);
            Assert.Contains("<html lang=\"de\">", html);
            Assert.Contains("Sicherheitsbericht Exchange Server", html);
            Assert.Contains("Erstellt für Kanzlei Muster &amp; Partner am 30. November 2026, 09:05 UTC", html);
            Assert.Contains("Sofort handeln", html);
            Assert.Contains("am 14. Oktober 2025", html);
            Assert.Contains("Zuerst den Server auf CU15 aktualisieren, dann Aug26SU installieren (KB5121574, Build 15.2.1748.49).", html);
            Assert.Contains("Behandeln Sie das als Sicherheitsvorfall", html);
            Assert.Contains("<td>Service</td><td>Fehlgeschlagen</td>", html);
            foreach (var english in new[] { "What to install", "In plain words", "Act now", "Prepared", "security hole", "Emergency Mitigation service works", "Every check passed" })
            {
                Assert.DoesNotContain(english, html);
            }
        }

        [Fact]
        public void English_report_has_no_german()
        {
            var html = Render(Organisation());
            Assert.Contains("<html lang=\"en\">", html);
            Assert.Contains("Prepared for Kanzlei Muster &amp; Partner on 30 November 2026, 09:05 UTC", html);
            Assert.DoesNotMatch("[äöüß]|Sofort|Sicherheit|Prüf", Regex.Replace(html, "Kanzlei Muster", string.Empty));
        }

        [Fact]
        public void The_same_objects_in_another_order_give_the_same_report()
        {
            var input = Organisation();
            var shuffled = new ReportInput();
            shuffled.Summaries.AddRange(Enumerable.Reverse(input.Summaries));
            shuffled.Records.AddRange(Enumerable.Reverse(input.Records));
            shuffled.EmergencyMitigation.AddRange(Enumerable.Reverse(input.EmergencyMitigation));
            shuffled.Findings.AddRange(Enumerable.Reverse(input.Findings));
            Assert.Equal(Render(input), Render(shuffled));
        }

        [Fact]
        public void Written_as_utf8_without_byte_order_mark()
        {
            var path = Path.Combine(Path.GetTempPath(), "eh-report-" + Guid.NewGuid().ToString("N") + ".html");
            try
            {
                new HtmlReportWriter(new ReportOptions { Language = ReportLanguage.German, GeneratedAt = At }).Write(path, ReportAssembler.Assemble(Organisation()));
                var bytes = File.ReadAllBytes(path);
                Assert.NotEqual(0xEF, bytes[0]);
                Assert.Contains("Was die Farben bedeuten", new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes));
                Assert.Contains("<meta charset=\"utf-8\">", Encoding.UTF8.GetString(bytes));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Theory]
        [InlineData(ReportLanguage.English)]
        [InlineData(ReportLanguage.German)]
        public void Every_text_is_written(ReportLanguage language)
        {
            var text = ReportText.For(language);
            var properties = typeof(ReportText).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.PropertyType == typeof(string) && p.Name != nameof(ReportText.DataLanguageNote));
            foreach (var property in properties)
            {
                Assert.False(string.IsNullOrWhiteSpace((string)property.GetValue(text)!), $"{language}: {property.Name}");
            }

            foreach (Severity severity in Enum.GetValues(typeof(Severity)))
            {
                Assert.NotEmpty(text.SeverityName(severity));
            }

            var levels = new List<string>();
            foreach (var level in new ExposureLevel?[] { ExposureLevel.Red, ExposureLevel.Orange, ExposureLevel.Yellow, ExposureLevel.Green, null })
            {
                levels.Add(text.LevelLabel(level));
            }

            Assert.Equal(levels.Count, levels.Distinct().Count());
        }
    }
}
