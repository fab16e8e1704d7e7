using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Resources;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// What EOMT, the Safety Scanner and Test-ProxyLogon left behind: EOMT/EOMTv2/unified-EOMT log lines (server found
    /// vulnerable, mitigation applied, failures, rollbacks), EOMT summaries, msert.log detections (one critical finding
    /// per entry, with threat name and path), the PatchState registry values, and the rows of Test-ProxyLogon outputs
    /// (earlier findings, reported again). The phrases and value tests come from Indicator resources of these sources.
    /// </summary>
    public sealed class EomtArtifactAnalyzer : IEvidenceAnalyzer
    {
        private static readonly EvidenceSourceType[] Handled =
        {
            EvidenceSourceType.EomtLog,
            EvidenceSourceType.EomtSummary,
            EvidenceSourceType.MsertLog,
            EvidenceSourceType.PatchStateExport,
            EvidenceSourceType.TestProxyLogonOutput,
        };

        private static readonly Regex CveInName = new Regex(@"cve-?(?<year>\d{4})-(?<number>\d{4,7})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, IndicatorRegex.Timeout);

        private readonly IndicatorSetCache indicators = new IndicatorSetCache(Handled, FindingCategory.Eomt);
        private readonly Func<string, Stream> openRead;

        public EomtArtifactAnalyzer()
            : this(null)
        {
        }

        /// <param name="openRead">How files are opened (read-only); null for the default shared read.</param>
        internal EomtArtifactAnalyzer(Func<string, Stream>? openRead)
        {
            this.openRead = openRead ?? EvidenceFile.OpenRead;
        }

        public IReadOnlyCollection<EvidenceSourceType> SourceTypes => Handled;

        public void Analyze(ClassifiedFile file, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            // An indicator may name the files it applies to (EOMT.log and EOMTv2.log mean different CVEs).
            var parts = FilePathParts.Of(file);
            var rules = indicators.Get(context, sink).For(file.SourceType, IndicatorSubject.File).Where(r => r.MatchesPlace(parts)).ToList();
            if (rules.Count == 0)
            {
                return;
            }

            try
            {
                using (var stream = openRead(file.Path))
                {
                    switch (file.SourceType)
                    {
                        case EvidenceSourceType.EomtLog:
                            AnalyzeLog(file, stream, rules, context, sink, cancellationToken);
                            break;
                        case EvidenceSourceType.EomtSummary:
                            AnalyzeSummary(file, stream, rules, context, sink, cancellationToken);
                            break;
                        case EvidenceSourceType.MsertLog:
                            AnalyzeMsert(file, stream, rules, context, sink, cancellationToken);
                            break;
                        case EvidenceSourceType.PatchStateExport:
                            AnalyzePatchState(file, stream, rules, context, sink);
                            break;
                        case EvidenceSourceType.TestProxyLogonOutput:
                            AnalyzeTestProxyLogon(file, stream, rules, context, sink, cancellationToken);
                            break;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException || ex is System.Security.SecurityException)
            {
                sink.Error(new EvidenceError(file.Path, 0, "The file cannot be read: " + ex.Message));
            }
        }

        /// <summary>Each line is a record with the fields Level, Message, Line and Time; every matching line is a finding.</summary>
        private static void AnalyzeLog(ClassifiedFile file, Stream stream, List<CompiledIndicator> rules, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            DateTimeOffset? oldest = null;
            DateTimeOffset? newest = null;
            using (var reader = BoundedLineReader.Open(stream))
            {
                string? text;
                while ((text = reader.ReadLine()) != null)
                {
                    if (reader.LineNumber % 1024 == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    var line = EomtLogLine.Parse(text);
                    if (line.Timestamp != null)
                    {
                        oldest = oldest == null || line.Timestamp < oldest ? line.Timestamp : oldest;
                        newest = newest == null || line.Timestamp > newest ? line.Timestamp : newest;
                    }

                    if (!context.InWindow(line.Timestamp))
                    {
                        continue;
                    }

                    foreach (var group in rules.Where(r => r.MatchesRecord(text, line.Field)).GroupBy(r => r.RuleId, StringComparer.OrdinalIgnoreCase))
                    {
                        var rule = group.OrderBy(r => r.Strength).First();
                        sink.Add(rule.CreateFinding(context, file.Path, reader.LineNumber, text, line.Timestamp));
                    }
                }
            }

            Observe(sink, file.SourceType, oldest, newest);
        }

        /// <summary>
        /// A summary is a template EOMT writes on every run, so one finding per indicator per file is enough; its time is
        /// the file's (the summary carries none).
        /// </summary>
        private static void AnalyzeSummary(ClassifiedFile file, Stream stream, List<CompiledIndicator> rules, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            // The file's write time is when EOMT ran.
            var timestamp = Timestamp(file);
            if (!context.InWindow(timestamp))
            {
                return;
            }

            var pending = rules.ToList();
            using (var reader = BoundedLineReader.Open(stream))
            {
                string? text;
                while (pending.Count > 0 && (text = reader.ReadLine()) != null)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    string? Field(string name) => string.Equals(name, "Line", StringComparison.OrdinalIgnoreCase) || string.Equals(name, "Message", StringComparison.OrdinalIgnoreCase) ? text : null;
                    foreach (var rule in pending.Where(r => r.MatchesRecord(text, Field)).ToList())
                    {
                        pending.Remove(rule);
                        sink.Add(rule.CreateFinding(context, file.Path, reader.LineNumber, text.Trim(), timestamp));
                    }
                }
            }
        }

        /// <summary>Every detection entry is a finding of each indicator whose literal (the detection phrase) it carries.</summary>
        private static void AnalyzeMsert(ClassifiedFile file, Stream stream, List<CompiledIndicator> rules, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            var phrases = rules.SelectMany(r => r.Literals.Select(l => l.Text)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            if (phrases.Count == 0)
            {
                return;
            }

            var scanner = new MsertLogScanner(phrases);
            using (var reader = BoundedLineReader.Open(stream))
            {
                string? text;
                while ((text = reader.ReadLine()) != null)
                {
                    if (reader.LineNumber % 1024 == 0)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                    }

                    Report(scanner.Add(text, reader.LineNumber));
                }

                Report(scanner.Finish());
            }

            Observe(sink, file.SourceType, scanner.Oldest, scanner.Newest);

            void Report(IReadOnlyList<MsertThreatEntry> entries)
            {
                foreach (var entry in entries.Where(e => context.InWindow(e.ScanStarted)))
                {
                    string? Field(string name) =>
                        string.Equals(name, "ThreatName", StringComparison.OrdinalIgnoreCase) ? entry.ThreatName
                        : string.Equals(name, "Path", StringComparison.OrdinalIgnoreCase) ? entry.Path
                        : entry.Text;
                    foreach (var group in rules.Where(r => r.MatchesRecord(entry.Text, Field)).GroupBy(r => r.RuleId, StringComparer.OrdinalIgnoreCase))
                    {
                        var rule = group.OrderBy(r => r.Strength).First();
                        var name = entry.ThreatName.Length > 0 ? entry.ThreatName : "(threat name not shown)";
                        var where = entry.Path.Length > 0 ? entry.Path : "(path not shown)";
                        sink.Add(rule.CreateFinding(context, file.Path, entry.Line, $"threat {name}; path {where}; log: {entry.Text}", entry.ScanStarted, rule.Title + ": " + name));
                    }
                }
            }
        }

        /// <summary>
        /// Conditions name PatchState values (EOMTStart, MSERTProcess, ...); the field '*' tests every value in turn and
        /// reports each that matches. Timestamp (the time of EOMT's last write) dates the findings.
        /// </summary>
        private static void AnalyzePatchState(ClassifiedFile file, Stream stream, List<CompiledIndicator> rules, HuntContext context, IFindingSink sink)
        {
            IReadOnlyList<PatchStateValue> values;
            using (var reader = BoundedLineReader.Open(stream))
            {
                values = PatchStateExportReader.Read(reader);
            }

            if (values.Count == 0)
            {
                sink.Error(new EvidenceError(file.Path, 0, @"No value of HKLM\Software\MSERTBootstrap\PatchState was found in this export."));
                return;
            }

            var byName = new Dictionary<string, PatchStateValue>(StringComparer.OrdinalIgnoreCase);
            foreach (var value in values)
            {
                byName[value.Name] = value; // a later line wins, as in the registry import
            }

            var timestamp = byName.TryGetValue("Timestamp", out var time) && EvidenceTimestamp.TryParse(time.Data, null, TimeSpan.Zero, out var parsed)
                ? parsed
                : (DateTimeOffset?)null;
            if (!context.InWindow(timestamp))
            {
                return;
            }

            foreach (var rule in rules)
            {
                var fields = rule.Conditions.Concat(rule.AnyOf).SelectMany(c => c.Fields).ToList();
                if (fields.Contains("*"))
                {
                    foreach (var value in byName.Values.OrderBy(v => v.Line))
                    {
                        string? Field(string name) => name == "*" ? value.Data : byName.TryGetValue(name, out var v) ? v.Data : null;
                        if (rule.MatchesRecord(value.ToString(), Field))
                        {
                            sink.Add(rule.CreateFinding(context, file.Path, value.Line, value.ToString() + Dated(time), timestamp));
                        }
                    }

                    continue;
                }

                string? Named(string name) => byName.TryGetValue(name, out var v) ? v.Data : null;
                var named = fields.Select(f => byName.TryGetValue(f, out var v) ? v : null).Where(v => v != null).Select(v => v!).Distinct().ToList();
                if (named.Count > 0 && rule.MatchesRecord(string.Join(" ", named), Named))
                {
                    sink.Add(rule.CreateFinding(context, file.Path, named[0].Line, string.Join("; ", named) + Dated(time), timestamp));
                }
            }
        }

        /// <summary>Every row (or .log line) of the output is a finding of the indicator whose file names fit the file.</summary>
        private static void AnalyzeTestProxyLogon(ClassifiedFile file, Stream stream, List<CompiledIndicator> rules, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            var parts = FilePathParts.Of(file);
            var fitting = rules.GroupBy(r => r.RuleId, StringComparer.OrdinalIgnoreCase).Select(g => g.OrderBy(r => r.Strength).First()).ToList();
            if (fitting.Count == 0)
            {
                return;
            }

            var cveMatch = IndicatorRegex.Find(CveInName, parts.FileName, out _);
            var cveOfFile = cveMatch == null ? string.Empty : "CVE-" + cveMatch.Groups["year"].Value + "-" + cveMatch.Groups["number"].Value;
            foreach (var record in TestProxyLogonOutputReader.Read(stream, file.Path, sink.Error))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var timeText = record["DateTime"] ?? record["TimeCreated"];
                var timestamp = EvidenceTimestamp.TryParse(timeText, null, TimeSpan.Zero, out var parsed) ? parsed : (DateTimeOffset?)null;
                if (!context.InWindow(timestamp))
                {
                    continue;
                }

                foreach (var rule in fitting.Where(r => r.MatchesRecord(record.Text, f => record[f])))
                {
                    var evidence = string.Join("; ", record.Fields.Where(f => f.Value.Trim().Length > 0 && !string.Equals(f.Key, "Line", StringComparison.OrdinalIgnoreCase)).Select(f => f.Key + "=" + f.Value.Trim()));
                    var finding = rule.CreateFinding(context, file.Path, record.Line, evidence.Length > 0 ? evidence : record.Text, timestamp);
                    finding.ClientIp = (record["ClientIPAddress"] ?? string.Empty).Trim();
                    if (finding.Cve.Length == 0)
                    {
                        finding.Cve = cveOfFile;
                    }

                    sink.Add(finding);
                }
            }
        }

        private static string Dated(PatchStateValue? time) => time == null ? string.Empty : "; Timestamp = \"" + time.Data + "\"";

        private static void Observe(IFindingSink sink, EvidenceSourceType source, DateTimeOffset? oldest, DateTimeOffset? newest)
        {
            if (oldest != null)
            {
                sink.Observe(source, oldest.Value);
            }

            if (newest != null && newest != oldest)
            {
                sink.Observe(source, newest.Value);
            }
        }

        private static DateTimeOffset? Timestamp(ClassifiedFile file) =>
            file.LastWriteTimeUtc == default ? (DateTimeOffset?)null : new DateTimeOffset(DateTime.SpecifyKind(file.LastWriteTimeUtc, DateTimeKind.Utc));
    }
}
