using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Hunting.Files;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// The whole compromise review: find and classify the evidence under the roots, run every analyzer once per file
    /// in parallel, then add what needs all of it: the piped events, the coverage of each log source, and the attack
    /// chains seen from one client IP. Everything streams back as <see cref="HuntEvent"/>s.
    /// </summary>
    public sealed class EomtReview
    {
        private readonly int degreeOfParallelism;

        public EomtReview(int degreeOfParallelism)
        {
            this.degreeOfParallelism = Math.Max(1, degreeOfParallelism);
        }

        /// <summary>The roots the catalog walked, with what it found in each (filled while <see cref="Run"/> runs).</summary>
        public List<EvidenceRoot> Roots { get; } = new List<EvidenceRoot>();

        public IEnumerable<HuntEvent> Run(IReadOnlyList<string> roots, IReadOnlyList<ExportedEvent> pipedEvents, HuntContext context, CancellationToken cancellationToken)
        {
            var files = new List<ClassifiedFile>();
            foreach (var entry in new EvidenceCatalog().Enumerate(roots, cancellationToken))
            {
                switch (entry.Kind)
                {
                    case EvidenceCatalogEntryKind.File:
                        files.Add(entry.File!);
                        break;
                    case EvidenceCatalogEntryKind.Warning:
                        yield return HuntEvent.ForWarning(entry.Problem!);
                        break;
                    case EvidenceCatalogEntryKind.Error:
                        yield return HuntEvent.ForError(entry.Problem!);
                        break;
                    case EvidenceCatalogEntryKind.Root:
                        Roots.Add(entry.Root!);
                        break;
                }
            }

            var indicators = EntryIndicatorSet.Compile(context);
            foreach (var problem in indicators.Problems)
            {
                yield return HuntEvent.ForError(new EvidenceError(string.Empty, 0, problem));
            }

            var eventAnalyzer = new ExportedEventAnalyzer(indicators);
            var analyzers = new IEvidenceAnalyzer[]
            {
                new ExchangeLogAnalyzer(indicators),
                new IisLogAnalyzer(indicators),
                eventAnalyzer,
                new WebShellFileAnalyzer(),
                new StagingFileAnalyzer(),
                new EomtArtifactAnalyzer(),
                new IisMitigationStateAnalyzer(),
            };
            var hunter = new Hunter(analyzers, degreeOfParallelism);
            var correlator = new Correlator(context.Store.Hunts);
            foreach (var item in hunter.Run(files, context, cancellationToken))
            {
                if (item.Finding != null)
                {
                    correlator.Add(item.Finding);
                }

                yield return item;
            }

            if (pipedEvents.Count > 0)
            {
                var sink = new ListSink(hunter.Coverage);
                eventAnalyzer.AnalyzeEvents(pipedEvents, "pipeline", context, sink, cancellationToken);
                foreach (var item in sink.Events)
                {
                    if (item.Finding != null)
                    {
                        correlator.Add(item.Finding);
                    }

                    yield return item;
                }
            }

            foreach (var finding in CoverageReporter.Report(hunter.Coverage, context))
            {
                yield return HuntEvent.ForFinding(finding);
            }

            foreach (var finding in correlator.Correlate(context.Server))
            {
                yield return HuntEvent.ForFinding(finding);
            }
        }

        /// <summary>Collects what the in-memory event analysis reports (it runs on the caller's thread).</summary>
        private sealed class ListSink : IFindingSink
        {
            private readonly CoverageTracker coverage;

            public ListSink(CoverageTracker coverage)
            {
                this.coverage = coverage;
            }

            public List<HuntEvent> Events { get; } = new List<HuntEvent>();

            public void Add(Finding finding) => Events.Add(HuntEvent.ForFinding(finding));

            public void Error(EvidenceError error) => Events.Add(HuntEvent.ForError(error));

            public void Observe(EvidenceSourceType source, DateTimeOffset timestamp) => coverage.Observe(source, timestamp);
        }
    }
}
