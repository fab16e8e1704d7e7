using System;
using System.Collections.Generic;
using System.Threading;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Hunts exported Windows events (JSON, JSON lines, CSV from Get-WinEvent, Get-EventLog or an event shipper) and
    /// events piped in. Each event is matched on channel, provider, id and level first, then the indicators' literals
    /// are searched in its message and field values, and only then are conditions and patterns tested.
    /// </summary>
    public sealed class ExportedEventAnalyzer : IEvidenceAnalyzer
    {
        private readonly EntryIndicatorSet indicators;
        private readonly ExportedEventReaderOptions readerOptions;
        private readonly LogAnalyzerOptions options;

        public ExportedEventAnalyzer(EntryIndicatorSet indicators, ExportedEventReaderOptions? readerOptions = null, LogAnalyzerOptions? options = null)
        {
            this.indicators = indicators ?? throw new ArgumentNullException(nameof(indicators));
            this.options = options ?? new LogAnalyzerOptions();
            this.readerOptions = readerOptions ?? new ExportedEventReaderOptions { MaxRecordLength = this.options.MaxLineLength };
        }

        public IReadOnlyCollection<EvidenceSourceType> SourceTypes { get; } = new[] { EvidenceSourceType.ExportedEvents };

        public void Analyze(ClassifiedFile file, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            var problems = new FileProblemReporter(sink, file.Path, options.MaxProblemsPerFile);
            var events = ReadEvents(file.Path, problems);
            Run(events, file.Path, context, sink, problems, cancellationToken);
        }

        /// <summary>Events already at hand (piped <c>Get-WinEvent</c> output); <paramref name="sourceName"/> is the finding's Path.</summary>
        public void AnalyzeEvents(IEnumerable<ExportedEvent> events, string sourceName, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            if (events == null)
            {
                throw new ArgumentNullException(nameof(events));
            }

            Run(events, sourceName ?? string.Empty, context, sink, new FileProblemReporter(sink, sourceName ?? string.Empty, options.MaxProblemsPerFile), cancellationToken);
        }

        private IEnumerable<ExportedEvent> ReadEvents(string path, FileProblemReporter problems)
        {
            foreach (var item in ExportedEventReader.ReadFile(path, readerOptions))
            {
                if (item.IsError)
                {
                    problems.Report(item.Error!);
                    continue;
                }

                yield return item.Value!;
            }
        }

        private void Run(IEnumerable<ExportedEvent> events, string sourceName, HuntContext context, IFindingSink sink, FileProblemReporter problems, CancellationToken cancellationToken)
        {
            var set = indicators.For(EvidenceSourceType.ExportedEvents);
            var hits = set?.NewHits();
            var mark = new bool[set?.Indicators.Count ?? 0];
            var eligible = new bool[set?.Indicators.Count ?? 0];
            var candidates = new List<int>();
            var entry = new EventEntry();
            var coverage = new CoverageSpan();
            var count = 0;
            foreach (var e in events)
            {
                if ((++count & 0xFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }

                coverage.Add(e.TimeCreated);
                if (set == null || !SelectByEvent(set, e, eligible))
                {
                    continue;
                }

                entry.Bind(e);
                hits!.Clear();
                set.Matcher.Scan(entry.Text().AsSpan(), hits);
                set.Candidates(hits, mark, candidates);
                entry.Reset(set.FieldSlots);
                foreach (var index in candidates)
                {
                    if (!eligible[index])
                    {
                        continue;
                    }

                    var indicator = set.Indicators[index];
                    if (!IndicatorTest.Matches(indicator, entry, problems, e.Line, "event", out var variant) || !context.InWindow(e.TimeCreated))
                    {
                        continue;
                    }

                    sink.Add(indicator.CreateFinding(
                        variant,
                        string.IsNullOrWhiteSpace(e.MachineName) ? context.Server : e.MachineName!,
                        e.TimeCreated,
                        string.Empty,
                        e.SourceFile ?? sourceName,
                        e.Line,
                        EntryExcerpt.Create(entry.Text().AsSpan(), hits.FocusOr(0))));
                }
            }

            coverage.Report(sink, EvidenceSourceType.ExportedEvents);
        }

        /// <summary>Marks the indicators whose channel, provider, id and level filters let the event through; false when none does.</summary>
        private static bool SelectByEvent(SourceIndicators set, ExportedEvent e, bool[] eligible)
        {
            var any = false;
            for (var i = 0; i < set.Indicators.Count; i++)
            {
                var filters = set.Indicators[i].Events;
                var pass = filters.Count == 0;
                for (var f = 0; !pass && f < filters.Count; f++)
                {
                    pass = filters[f].Matches(e);
                }

                eligible[i] = pass;
                any |= pass;
            }

            return any;
        }
    }
}
