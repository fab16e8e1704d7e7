using System;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Hunts Exchange's own text logs in one pass per file: HttpProxy (every protocol folder) and ECP server and
    /// activity logs through <see cref="ExchangeLogReader"/> (CSV with #Fields), OABGenerator logs line by line
    /// (their columns are not documented and lines need not be CSV-clean, so rules test the whole line). Every raw
    /// line is searched for the union of the indicators' literals first; columns are only extracted, and patterns
    /// only run, for lines with a hit. A truncated or garbled line is reported and the file goes on.
    /// </summary>
    public sealed class ExchangeLogAnalyzer : IEvidenceAnalyzer
    {
        private readonly EntryIndicatorSet indicators;
        private readonly LogAnalyzerOptions options;

        public ExchangeLogAnalyzer(EntryIndicatorSet indicators, LogAnalyzerOptions? options = null)
        {
            this.indicators = indicators ?? throw new ArgumentNullException(nameof(indicators));
            this.options = options ?? new LogAnalyzerOptions();
        }

        public IReadOnlyCollection<EvidenceSourceType> SourceTypes { get; } = new[]
        {
            EvidenceSourceType.HttpProxyLog, EvidenceSourceType.EcpServerLog, EvidenceSourceType.EcpActivityLog, EvidenceSourceType.OabGeneratorLog,
        };

        public void Analyze(ClassifiedFile file, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            if (file.SourceType == EvidenceSourceType.OabGeneratorLog)
            {
                AnalyzeLines(file, context, sink, cancellationToken);
            }
            else
            {
                AnalyzeCsv(file, context, sink, cancellationToken);
            }
        }

        private static IReadOnlyList<string> DefaultColumns(EvidenceSourceType source) =>
            source == EvidenceSourceType.HttpProxyLog ? EntryFields.HttpProxyColumns : EntryFields.EcpColumns;

        private static string? ServerColumn(EvidenceSourceType source) =>
            source == EvidenceSourceType.HttpProxyLog ? "ServerHostName" : "ServerName";

        private void AnalyzeCsv(ClassifiedFile file, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            var problems = new FileProblemReporter(sink, file.Path, options.MaxProblemsPerFile);
            var readerOptions = new ExchangeLogReaderOptions { MaxRecordLength = options.MaxLineLength, StrictFieldCount = true, AcceptHeaderRow = true };
            LogFileScan.Run(
                file,
                sink,
                problems,
                () => ExchangeLogReader.Open(file.Path, readerOptions),
                (reader, coverage) => ScanCsv(reader, file, context, sink, problems, coverage, cancellationToken));
        }

        // Hot loop of the hunt: compiled fully optimized at once instead of starting unoptimized (measured: tiering cost 40% of a 1 GB run).
        [MethodImpl(JitHints.HotLoop)]
        private void ScanCsv(ExchangeLogReader reader, ClassifiedFile file, HuntContext context, IFindingSink sink, FileProblemReporter problems, CoverageSpan coverage, CancellationToken cancellationToken)
        {
            var set = indicators.For(file.SourceType);
            var hits = set?.NewHits();
            var mark = new bool[set?.Indicators.Count ?? 0];
            var candidates = new List<int>();
            var entry = new ExchangeLogEntry(DefaultColumns(file.SourceType));
            var serverColumn = ServerColumn(file.SourceType);
            var lastLineStart = new char[40];
            var lastLineStartLength = 0;
            var firstSeen = false;
            var count = 0L;
            while (reader.Read())
            {
                if ((++count & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                if (reader.Error != null)
                {
                    problems.Report(reader.Error);
                    continue;
                }

                var raw = reader.RawTextSpan;

                // Coverage: Exchange logs start every line with its time; keep the first one and the last line's start.
                if (!firstSeen)
                {
                    firstSeen = true;
                    coverage.Add(LogTimestamp.ParseLeading(raw));
                }

                lastLineStartLength = Math.Min(raw.Length, lastLineStart.Length);
                raw.Slice(0, lastLineStartLength).CopyTo(lastLineStart);
                if (set == null)
                {
                    continue;
                }

                hits!.Clear();
                if (!set.Matcher.Scan(raw, hits) && !set.TestsEveryEntry)
                {
                    continue;
                }

                set.Candidates(hits, mark, candidates);
                entry.Bind(reader);
                entry.Reset(set.FieldSlots);
                DateTimeOffset? time = null;
                var timeRead = false;
                foreach (var index in candidates)
                {
                    var indicator = set.Indicators[index];
                    if (!IndicatorTest.Matches(indicator, entry, problems, reader.Line, "line", out var variant))
                    {
                        continue;
                    }

                    if (!timeRead)
                    {
                        time = LogTimestamp.ParseIso(entry.Column("DateTime") ?? entry.Column("TimeStamp")) ?? LogTimestamp.ParseLeading(raw);
                        timeRead = true;
                    }

                    if (!context.InWindow(time))
                    {
                        continue;
                    }

                    var server = serverColumn == null ? null : entry.Column(serverColumn);
                    sink.Add(indicator.CreateFinding(
                        variant,
                        string.IsNullOrWhiteSpace(server) ? context.Server : server!,
                        time,
                        entry.Column("ClientIpAddress") ?? string.Empty,
                        file.Path,
                        reader.Line,
                        EntryExcerpt.Create(raw, hits.FocusOr(0))));
                }
            }

            if (lastLineStartLength > 0)
            {
                coverage.Add(LogTimestamp.ParseLeading(new ReadOnlySpan<char>(lastLineStart, 0, lastLineStartLength)));
            }
        }

        /// <summary>OABGenerator logs: whole lines, no CSV (a path or message may hold unbalanced quotes).</summary>
        private void AnalyzeLines(ClassifiedFile file, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            var problems = new FileProblemReporter(sink, file.Path, options.MaxProblemsPerFile);
            LogFileScan.Run(
                file,
                sink,
                problems,
                () => new RawLineReader(LogFileStream.OpenAsUtf8(file.Path), options.MaxLineLength),
                (reader, coverage) => ScanLines(reader, file, context, sink, problems, coverage, cancellationToken));
        }

        // Hot loop of the hunt: compiled fully optimized at once instead of starting unoptimized (measured: tiering cost 40% of a 1 GB run).
        [MethodImpl(JitHints.HotLoop)]
        private void ScanLines(RawLineReader reader, ClassifiedFile file, HuntContext context, IFindingSink sink, FileProblemReporter problems, CoverageSpan coverage, CancellationToken cancellationToken)
        {
            var set = indicators.For(file.SourceType);
            var hits = set?.NewHits();
            var mark = new bool[set?.Indicators.Count ?? 0];
            var candidates = new List<int>();
            var entry = new TextLineEntry();
            var lastLineStart = new byte[40];
            var lastLineStartLength = 0;
            var firstSeen = false;
            while (reader.Read())
            {
                if ((reader.LineNumber & 0x3FF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                var raw = reader.Current;
                if (reader.IsTruncated)
                {
                    // The phrase can still be in the part that was read: report the cut and test that part.
                    problems.Report(reader.LineNumber, string.Format(CultureInfo.InvariantCulture, "the line is longer than {0} bytes; only its start was tested", options.MaxLineLength));
                }

                if (raw.Length == 0 || raw[0] == (byte)'#')
                {
                    continue;
                }

                if (!firstSeen)
                {
                    firstSeen = true;
                    coverage.Add(LeadingTime(raw));
                }

                lastLineStartLength = Math.Min(raw.Length, lastLineStart.Length);
                raw.Slice(0, lastLineStartLength).CopyTo(lastLineStart);
                if (set == null)
                {
                    continue;
                }

                hits!.Clear();
                if (!set.Matcher.Scan(raw, hits) && !set.TestsEveryEntry)
                {
                    continue;
                }

                set.Candidates(hits, mark, candidates);
                var text = Encoding.UTF8.GetString(raw.ToArray());
                entry.Bind(text);
                entry.Reset(set.FieldSlots);
                foreach (var index in candidates)
                {
                    var indicator = set.Indicators[index];
                    if (!IndicatorTest.Matches(indicator, entry, problems, reader.LineNumber, "line", out var variant))
                    {
                        continue;
                    }

                    var time = LogTimestamp.ParseLeading(text.AsSpan());
                    if (!context.InWindow(time))
                    {
                        continue;
                    }

                    sink.Add(indicator.CreateFinding(variant, context.Server, time, string.Empty, file.Path, reader.LineNumber, EntryExcerpt.Create(text.AsSpan(), hits.FocusOr(0))));
                }
            }

            if (lastLineStartLength > 0)
            {
                coverage.Add(LeadingTime(new ReadOnlySpan<byte>(lastLineStart, 0, lastLineStartLength)));
            }
        }

        private static DateTimeOffset? LeadingTime(ReadOnlySpan<byte> line)
        {
            var take = Math.Min(line.Length, 40);
            return LogTimestamp.ParseLeading(Encoding.UTF8.GetString(line.Slice(0, take).ToArray()).AsSpan());
        }
    }
}
