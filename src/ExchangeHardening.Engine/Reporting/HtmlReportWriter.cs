using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace ExchangeHardening.Engine.Reporting
{
    /// <summary>
    /// Writes the report as one self-contained HTML file: the style sheet is inlined, there are no scripts, fonts or
    /// images, and a Content-Security-Policy forbids the page to fetch anything, so it opens the same from a mail
    /// attachment, a USB stick or a file share, and prints on A4 with one server per page.
    /// </summary>
    public sealed class HtmlReportWriter
    {
        private const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";
        private static readonly Lazy<string> Style = new Lazy<string>(ReadStyle);

        private readonly ReportOptions options;
        private readonly ReportText text;
        private readonly StringBuilder html = new StringBuilder(64 * 1024);

        public HtmlReportWriter(ReportOptions options)
        {
            this.options = options;
            text = ReportText.For(options.Language);
        }

        public string Render(IReadOnlyList<ServerReport> servers)
        {
            html.Clear();
            Line("<!DOCTYPE html>");
            Line($"<html lang=\"{text.LanguageTag}\">");
            Line("<head>");
            Line("<meta charset=\"utf-8\">");
            Line($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">");
            Line("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
            Line("<meta name=\"generator\" content=\"ExchangeHardening " + Encode(options.ModuleVersion) + "\">");
            Line($"<title>{Encode(Title)}</title>");
            Line("<style>");
            Line(Style.Value);
            Line("</style>");
            Line("</head>");
            Line("<body>");
            Header();
            Overview(servers);
            foreach (var server in servers)
            {
                Server(server);
            }

            Line($"<footer><p>{Encode(text.Footer(options.ModuleVersion, options.GeneratedAt))}</p></footer>");
            Line("</body>");
            Line("</html>");
            return html.ToString();
        }

        public void Write(string path, IReadOnlyList<ServerReport> servers) =>
            File.WriteAllText(path, Render(servers), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        private string Title => string.IsNullOrWhiteSpace(options.Title) ? text.DocumentTitle : options.Title!;

        private void Header()
        {
            Line("<header>");
            Line($"<h1>{Encode(Title)}</h1>");
            Line($"<p class=\"meta\">{Encode(text.Prepared(options.Organization, options.GeneratedAt))}</p>");
            Line("</header>");
        }

        private void Overview(IReadOnlyList<ServerReport> servers)
        {
            int Count(ExposureLevel level) => servers.Count(s => s.Level == level);
            Line("<section class=\"overview\">");
            Line($"<h2>{Encode(text.InShortHeading)}</h2>");
            var compromised = servers.Count(s => s.Review == ReviewVerdict.SignsOfCompromise);
            var overall = text.Overall(servers.Count, Count(ExposureLevel.Red), Count(ExposureLevel.Orange), Count(ExposureLevel.Yellow), Count(ExposureLevel.Green), servers.Count(s => !s.Level.HasValue), compromised);
            Line($"<p class=\"lead{(compromised > 0 ? " alert" : string.Empty)}\">{Encode(overall)}</p>");
            Line($"<p>{Encode(text.TakeToAdministrator)}</p>");
            if (text.DataLanguageNote.Length > 0)
            {
                Line($"<p class=\"note\">{Encode(text.DataLanguageNote)}</p>");
            }

            Line("<table class=\"overview\">");
            Line($"<thead><tr><th>{Encode(text.ColumnServer)}</th><th>{Encode(text.ColumnUpdates)}</th><th>{Encode(text.ColumnEmergencyMitigation)}</th><th>{Encode(text.ColumnReview)}</th><th>{Encode(text.ColumnInstall)}</th></tr></thead>");
            Line("<tbody>");
            foreach (var server in servers)
            {
                var install = server.Install;
                var installText = install == null ? (server.HasExposure ? "–" : string.Empty)
                    : install.Build.Length > 0 ? $"{install.Update} ({install.Build})" : install.Text;
                Line($"<tr data-server=\"{Encode(server.Name)}\">" +
                     $"<td><a href=\"#{Anchor(server)}\">{Encode(server.Name)}</a></td>" +
                     $"<td class=\"{LevelClass(server.Level)}\"><span class=\"light small\" role=\"img\" aria-label=\"{Encode(LevelName(server.Level))}\"></span><span class=\"label\">{Encode(text.LevelLabel(server.Level))}</span></td>" +
                     $"<td class=\"{EmergencyClass(server.EmergencyMitigation)}\">{Encode(text.EmergencyMitigationShort(server.EmergencyMitigation))}</td>" +
                     $"<td class=\"{ReviewClass(server.Review)}\">{Encode(text.ReviewShort(server.Review))}</td>" +
                     $"<td>{Encode(installText)}</td></tr>");
            }

            Line("</tbody></table>");
            Line($"<h3>{Encode(text.LegendHeading)}</h3>");
            Line("<ul class=\"legend\">");
            foreach (var level in new ExposureLevel?[] { ExposureLevel.Red, ExposureLevel.Orange, ExposureLevel.Yellow, ExposureLevel.Green, null })
            {
                Line($"<li class=\"{LevelClass(level)}\"><span class=\"light small\"></span><span class=\"label\">{Encode(text.LevelLabel(level))}</span>: {Encode(text.LevelMeaning(level))}</li>");
            }

            Line("</ul>");
            Line("</section>");
        }

        private void Server(ServerReport server)
        {
            Line($"<section class=\"server {LevelClass(server.Level)}\" id=\"{Anchor(server)}\" data-server=\"{Encode(server.Name)}\" data-level=\"{LevelName(server.Level)}\" data-review=\"{server.Review}\" data-emergency-mitigation=\"{EmergencyName(server.EmergencyMitigation)}\">");
            Line($"<h2><span class=\"light\" role=\"img\" aria-label=\"{Encode(LevelName(server.Level))}\"></span><span>{Encode(server.Name)}</span><span class=\"label\">{Encode(text.LevelLabel(server.Level))}</span></h2>");
            var product = text.ProductLine(server.ProductName, server.CumulativeUpdate, server.SecurityUpdate, server.Build);
            if (product.Length > 0)
            {
                Line($"<p class=\"product\">{Encode(product)}</p>");
            }

            PlainWords(server);
            WhatToInstall(server);
            WhatIsOpen(server);
            EmergencyMitigation(server);
            Review(server);
            Line("</section>");
        }

        /// <summary>The paragraph an office owner reads: the server's state, what to do, EM, and whether it was attacked.</summary>
        private void PlainWords(ServerReport server)
        {
            var sentences = new List<string>();
            if (!server.HasExposure)
            {
                sentences.Add(text.ExposureNotAssessed(server.Name));
            }
            else
            {
                if (server.Unsupported)
                {
                    sentences.Add(text.Unsupported(server.Name, server.ProductName, server.Summary?.EndOfSupport, server.Successor));
                }

                if (server.VulnerableCount > 0)
                {
                    sentences.Add(text.Vulnerable(server.VulnerableCount, server.ExploitedCount));
                }

                if (server.MitigatedCount > 0)
                {
                    sentences.Add(text.OnlyMitigated(server.MitigatedCount));
                }

                if (server.ConfigurationRequiredCount > 0)
                {
                    sentences.Add(text.ConfigurationToCheck(server.ConfigurationRequiredCount));
                }

                if (server.UnknownCount > 0)
                {
                    sentences.Add(text.NotJudged(server.UnknownCount));
                }

                if (server.Level == ExposureLevel.Green)
                {
                    sentences.Add(text.NothingOpen);
                }

                var install = server.Install;
                if (install != null && server.Level != ExposureLevel.Green)
                {
                    sentences.Add(text.InstallSentence(install));
                }
            }

            sentences.Add(EmergencySentence(server.EmergencyMitigation));
            var traces = server.Traces.ToList();
            var review = text.ReviewSentence(server.Review, traces.Count(f => f.Severity <= Severity.High), traces.Count(f => f.Severity == Severity.Medium));
            sentences.Add(review);
            var alert = server.Review == ReviewVerdict.SignsOfCompromise ? review : null; // the one sentence that must not be overlooked
            if (server.Reviewed && server.HasCoverageGap)
            {
                sentences.Add(text.CoverageGapSentence);
            }

            Line($"<div class=\"plain {LevelClass(server.Level)}\"><h3>{Encode(text.ServerSummaryHeading)}</h3>");
            foreach (var sentence in sentences)
            {
                Line($"<p{(sentence == alert ? " class=\"alert\"" : string.Empty)}>{Encode(sentence)}</p>");
            }

            Line("</div>");
        }

        private string EmergencySentence(EmergencyMitigationResult? result)
        {
            if (result == null)
            {
                return text.EmergencyMitigationNotTested;
            }

            var failed = result.Checks.Count(c => c.Outcome == CheckOutcome.Fail);
            var warnings = result.Checks.Count(c => c.Outcome == CheckOutcome.Warn);
            return !result.Passed ? text.EmergencyMitigationFails(Math.Max(failed, 1), warnings)
                : warnings > 0 ? text.EmergencyMitigationWarns(warnings)
                : text.EmergencyMitigationWorks;
        }

        private void WhatToInstall(ServerReport server)
        {
            Line($"<h3>{Encode(text.WhatToInstallHeading)}</h3>");
            if (!server.HasExposure)
            {
                Line($"<p class=\"note\">{Encode(text.NoUpdateKnown)}</p>");
                return;
            }

            var install = server.Install;
            if (install == null)
            {
                Line($"<p>{Encode(server.Summary == null ? text.OnlySummaryNote : text.UpToDate)}</p>");
                return;
            }

            if (install.Build.Length == 0)
            {
                Line($"<p>{Encode(install.Text)}</p>");
                return;
            }

            Line($"<table class=\"install\"><thead><tr><th>{Encode(text.Update)}</th><th>{Encode(text.Build)}</th><th>{Encode(text.Kb)}</th></tr></thead>");
            var kb = install.Kb.Length == 0 ? string.Empty
                : $"<a href=\"https://support.microsoft.com/help/{Encode(install.Kb.Substring(2))}\">{Encode(install.Kb)}</a>";
            Line($"<tbody><tr><td>{Encode(install.CumulativeUpdate + " " + install.Update)}</td><td>{Encode(install.Build)}</td><td>{kb}</td></tr></tbody></table>");
            if (install.NeedsCumulativeUpdate)
            {
                Line($"<p>{Encode(text.CumulativeUpdateFirst(install.CumulativeUpdate))}</p>");
            }
        }

        private void WhatIsOpen(ServerReport server)
        {
            if (!server.HasExposure)
            {
                return;
            }

            Line($"<h3>{Encode(text.WhatIsOpenHeading)}</h3>");
            if (server.Records.Count == 0)
            {
                Line($"<p class=\"note\">{Encode(text.OnlySummaryNote)}</p>");
                return;
            }

            var open = server.OpenRecords.ToList();
            if (open.Count == 0)
            {
                Line($"<p>{Encode(text.NoOpenRecords)}</p>");
            }
            else
            {
                Line($"<table class=\"open\"><thead><tr><th>{Encode(text.StatusHeader)}</th><th>{Encode(text.Cve)}</th><th>{Encode(text.Vulnerability)}</th><th>{Encode(text.SeverityHeader)}</th><th>{Encode(text.ExploitedHeader)}</th><th>{Encode(text.FixedInHeader)}</th></tr></thead><tbody>");
                foreach (var record in open)
                {
                    var cve = record.Link.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && record.Cve.Length > 0
                        ? $"<a href=\"{Encode(record.Link)}\">{Encode(record.Cve)}</a>"
                        : Encode(record.Cve);
                    Line($"<tr class=\"{SeverityClass(record.Severity)}\"><td>{Encode(text.StatusName(record.Status))}</td><td>{cve}</td><td>{Encode(record.Title)}</td>" +
                         $"<td>{Encode(text.SeverityName(record.Severity))}</td><td>{Encode(text.YesNo(record.Exploited))}</td><td>{Encode(record.FixedIn)}</td></tr>");
                }

                Line("</tbody></table>");
            }

            var unknown = server.Records.Count(r => r.Status == ExposureStatus.Unknown);
            if (unknown > 0)
            {
                Line($"<p class=\"note\">{Encode(text.UnknownNote(unknown))}</p>");
            }
        }

        private void EmergencyMitigation(ServerReport server)
        {
            Line($"<h3>{Encode(text.EmergencyMitigationHeading)}</h3>");
            var result = server.EmergencyMitigation;
            if (result == null)
            {
                Line($"<p class=\"note\">{Encode(text.EmergencyMitigationNotTested)}</p>");
                return;
            }

            Line($"<p class=\"{EmergencyClass(result)}\">{Encode(text.EmergencyMitigationShort(result))}</p>");
            var problems = result.Checks.Where(c => c.Outcome == CheckOutcome.Fail || c.Outcome == CheckOutcome.Warn).OrderBy(c => c.Outcome == CheckOutcome.Fail ? 0 : 1).ToList();
            if (problems.Count == 0)
            {
                Line($"<p>{Encode(text.AllChecksPassed)}</p>");
            }
            else
            {
                Line($"<table class=\"checks\"><thead><tr><th>{Encode(text.Check)}</th><th>{Encode(text.Outcome)}</th><th>{Encode(text.Detail)}</th><th>{Encode(text.WhatToDo)}</th></tr></thead><tbody>");
                foreach (var check in problems)
                {
                    Line($"<tr class=\"{(check.Outcome == CheckOutcome.Fail ? "sev-critical" : "sev-medium")}\"><td>{Encode(check.Name)}</td><td>{Encode(text.OutcomeName(check.Outcome))}</td><td>{Encode(check.Detail)}</td><td>{Encode(check.Recommendation)}</td></tr>");
                }

                Line("</tbody></table>");
            }

            MitigationList(text.StaleKind, result.StaleMitigations);
            MitigationList(text.BlockedKind, result.MitigationsBlocked);
            MitigationList(text.MissingKind, result.MissingMitigations);
        }

        private void MitigationList(string kind, string[] ids)
        {
            if (ids.Length > 0)
            {
                Line($"<p>{Encode(text.MitigationList(kind, ids))}</p>");
            }
        }

        private void Review(ServerReport server)
        {
            Line($"<h3>{Encode(text.ReviewHeading)}</h3>");
            if (!server.Reviewed)
            {
                Line($"<p class=\"note\">{Encode(text.NotReviewedHint)}</p>");
                return;
            }

            Line($"<p class=\"{ReviewClass(server.Review)}\">{Encode(text.ReviewShort(server.Review))}</p>");
            var traces = server.Traces.ToList();
            Line($"<p>{Encode(text.FindingsBySeverity)}</p>");
            Line("<div class=\"counts\">");
            foreach (Severity severity in Enum.GetValues(typeof(Severity)))
            {
                Line($"<div class=\"count {SeverityClass(severity)}\" data-severity=\"{severity}\"><b>{traces.Count(f => f.Severity == severity).ToString(CultureInfo.InvariantCulture)}</b>{Encode(text.SeverityName(severity))}</div>");
            }

            Line("</div>");
            if (traces.Count == 0)
            {
                Line($"<p>{Encode(text.NoTraces)}</p>");
            }
            else
            {
                FindingGroups(traces);
            }

            var gaps = server.CoverageGaps.OrderBy(f => f.Severity).Select(f => f.Title).Distinct(StringComparer.Ordinal).ToList();
            if (gaps.Count > 0)
            {
                Line($"<p><b>{Encode(text.EvidenceGapsHeading)}</b></p><ul class=\"gaps\">");
                foreach (var gap in gaps)
                {
                    Line($"<li>{Encode(gap)}</li>");
                }

                Line("</ul>");
            }
        }

        /// <summary>One row per rule and title: a compromised server yields dozens of findings of the same kind.</summary>
        private void FindingGroups(List<Finding> traces)
        {
            var groups = traces
                .GroupBy(f => (f.RuleId, f.Title, f.Severity, f.Cve))
                .OrderBy(g => g.Key.Severity)
                .ThenBy(g => g.Min(f => f.Timestamp ?? DateTimeOffset.MaxValue))
                .ThenBy(g => g.Key.RuleId, StringComparer.Ordinal)
                .ThenBy(g => g.Key.Title, StringComparer.Ordinal)
                .ThenBy(g => g.Key.Cve, StringComparer.Ordinal)
                .ToList(); // fully ordered: the review finds in parallel, the report must not change from run to run
            Line($"<table class=\"findings\"><thead><tr><th>{Encode(text.SeverityHeader)}</th><th>{Encode(text.Finding)}</th><th>{Encode(text.Count)}</th><th>{Encode(text.When)}</th><th>{Encode(text.ClientAddresses)}</th><th>{Encode(text.WhereFound)}</th></tr></thead><tbody>");
            foreach (var group in groups.Take(options.MaxFindingGroups))
            {
                var times = group.Where(f => f.Timestamp.HasValue).Select(f => f.Timestamp!.Value.UtcDateTime).ToList();
                var when = times.Count == 0 ? string.Empty
                    : times.Min() == times.Max() ? Stamp(times.Min())
                    : Stamp(times.Min()) + " – " + Stamp(times.Max());
                var addresses = group.Where(f => f.ClientIp.Length > 0)
                    .GroupBy(f => f.ClientIp, StringComparer.OrdinalIgnoreCase)
                    .OrderBy(a => a.Min(f => f.Timestamp ?? DateTimeOffset.MaxValue))
                    .ThenBy(a => a.Key, StringComparer.OrdinalIgnoreCase)
                    .Select(a => a.Key)
                    .ToList(); // first seen first
                var addressText = string.Join(", ", addresses.Take(3)) + (addresses.Count > 3 ? $" (+{addresses.Count - 3})" : string.Empty);
                var first = group.OrderBy(f => f.Timestamp ?? DateTimeOffset.MaxValue).ThenBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.Line).First();
                var where = first.Path.Length == 0 ? string.Empty : ShortPath(first.Path) + (first.Line > 0 ? ":" + first.Line.ToString(CultureInfo.InvariantCulture) : string.Empty);
                var title = group.Key.Cve.Length > 0 ? $"{group.Key.Title} ({group.Key.Cve.Replace(",", ", ")})" : group.Key.Title;
                Line($"<tr class=\"{SeverityClass(group.Key.Severity)}\" data-rule=\"{Encode(group.Key.RuleId)}\"><td>{Encode(text.SeverityName(group.Key.Severity))}</td>" +
                     $"<td>{Encode(title)}<br><span class=\"note\">{Encode(group.Key.RuleId)}</span></td><td class=\"num\">{group.Count().ToString(CultureInfo.InvariantCulture)}</td>" +
                     $"<td>{Encode(when)}</td><td>{Encode(addressText)}</td><td class=\"where\">{Encode(where)}</td></tr>");
            }

            Line("</tbody></table>");
            if (groups.Count > options.MaxFindingGroups)
            {
                var rest = groups.Skip(options.MaxFindingGroups).ToList();
                Line($"<p class=\"note\">{Encode(text.MoreFindingGroups(rest.Count, rest.Sum(g => g.Count())))}</p>");
            }
        }

        /// <summary>The last three parts of a path: enough to find the file, short enough for a printed page.</summary>
        private static string ShortPath(string path)
        {
            var parts = path.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length <= 3 ? path : "…/" + string.Join("/", parts.Skip(parts.Length - 3));
        }

        private static string Stamp(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

        private static string Anchor(ServerReport server)
        {
            var builder = new StringBuilder("server-");
            foreach (var c in server.Name)
            {
                builder.Append(char.IsLetterOrDigit(c) || c == '-' || c == '_' ? c : '-');
            }

            return builder.ToString();
        }

        private static string LevelName(ExposureLevel? level) => level?.ToString() ?? "NotAssessed";

        private static string LevelClass(ExposureLevel? level) => "level-" + (level?.ToString().ToLowerInvariant() ?? "none");

        private static string SeverityClass(Severity severity) => "sev-" + severity.ToString().ToLowerInvariant();

        private static string EmergencyName(EmergencyMitigationResult? result) => result == null ? "NotTested" : result.Passed ? "Pass" : "Fail";

        private static string EmergencyClass(EmergencyMitigationResult? result) => result == null ? "note" : result.Passed ? "verdict-good" : "verdict-bad";

        private static string ReviewClass(ReviewVerdict verdict) => verdict switch
        {
            ReviewVerdict.SignsOfCompromise => "verdict-bad",
            ReviewVerdict.Suspicious => "verdict-warn",
            ReviewVerdict.NoSigns => "verdict-good",
            _ => "note",
        };

        /// <summary>
        /// Escapes only what HTML needs (WebUtility.HtmlEncode also turns every umlaut into a numeric entity, which
        /// bloats a German report and hides its text from anyone reading the file). The file is UTF-8 and says so.
        /// </summary>
        private static string Encode(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return string.Empty;
            }

            var builder = new StringBuilder(value!.Length + 16);
            foreach (var c in value)
            {
                switch (c)
                {
                    case '&': builder.Append("&amp;"); break;
                    case '<': builder.Append("&lt;"); break;
                    case '>': builder.Append("&gt;"); break;
                    case '"': builder.Append("&quot;"); break;
                    case '\'': builder.Append("&#39;"); break;
                    default:
                        // Control characters from a log line have no place in a document.
                        builder.Append(char.IsControl(c) && c != '\n' && c != '\t' ? '\uFFFD' : c);
                        break;
                }
            }

            return builder.ToString();
        }

        private void Line(string value) => html.Append(value).Append('\n');

        private static string ReadStyle()
        {
            using var stream = typeof(HtmlReportWriter).Assembly.GetManifestResourceStream("ExchangeHardening.Engine.Reporting.ReportStyle.css")
                ?? throw new InvalidOperationException("The report style sheet is missing from the engine assembly.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            return reader.ReadToEnd();
        }
    }
}
