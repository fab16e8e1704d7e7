using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Runs the analyzers over the classified files: each file once, by the analyzer of its source type, files in
    /// parallel with a bounded degree. Results come back as a stream the caller consumes on its own thread (a
    /// PowerShell cmdlet may only write from the pipeline thread); the queue is bounded, so memory does not grow
    /// with the corpus when the caller is slower than the workers.
    /// </summary>
    public sealed class Hunter
    {
        private const int QueueCapacity = 4096;
        private readonly IReadOnlyList<IEvidenceAnalyzer> analyzers;
        private readonly int degreeOfParallelism;

        public Hunter(IEnumerable<IEvidenceAnalyzer> analyzers, int degreeOfParallelism)
        {
            this.analyzers = analyzers.ToList();
            this.degreeOfParallelism = Math.Max(1, degreeOfParallelism);
        }

        public CoverageTracker Coverage { get; } = new CoverageTracker();

        /// <summary>The files and bytes given to analyzers (the rest had no analyzer).</summary>
        public int FilesAnalyzed => filesAnalyzed;

        public long BytesAnalyzed => Interlocked.Read(ref bytesAnalyzed);

        private int filesAnalyzed;
        private long bytesAnalyzed;

        public IEnumerable<HuntEvent> Run(IReadOnlyList<ClassifiedFile> files, HuntContext context, CancellationToken cancellationToken)
        {
            var byType = new Dictionary<EvidenceSourceType, IEvidenceAnalyzer>();
            foreach (var analyzer in analyzers)
            {
                foreach (var type in analyzer.SourceTypes)
                {
                    byType[type] = analyzer;
                }
            }

            var work = files.Where(f => byType.ContainsKey(f.SourceType)).ToList();
            var totalBytes = work.Sum(f => f.Length);
            var queue = new BlockingCollection<HuntEvent>(QueueCapacity);
            // Linked, so a caller that stops reading early (an error, Select-Object -First) also stops the workers.
            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var sink = new QueueSink(queue, Coverage, stop.Token);
            var producer = Task.Run(() => Produce(work, totalBytes, byType, context, sink, stop.Token, queue));
            try
            {
                foreach (var item in queue.GetConsumingEnumerable(cancellationToken))
                {
                    yield return item;
                }

                producer.GetAwaiter().GetResult();
            }
            finally
            {
                stop.Cancel();
                try
                {
                    producer.Wait();
                }
                catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException))
                {
                    // the caller stopped reading; the workers were told to stop
                }

                stop.Dispose();
                queue.Dispose();
            }
        }

        private void Produce(List<ClassifiedFile> work, long totalBytes, Dictionary<EvidenceSourceType, IEvidenceAnalyzer> byType, HuntContext context, QueueSink sink, CancellationToken token, BlockingCollection<HuntEvent> queue)
        {
            try
            {
                var options = new ParallelOptions { MaxDegreeOfParallelism = degreeOfParallelism, CancellationToken = token };
                // Larger files first keeps both cores busy until the end instead of ending on one big file.
                Parallel.ForEach(work.OrderByDescending(f => f.Length), options, file =>
                {
                    Coverage.CountFile(file.SourceType);
                    try
                    {
                        byType[file.SourceType].Analyze(file, context, sink, token);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        // One bad file never ends the run: it becomes an error naming the file.
                        sink.Error(new EvidenceError(file.Path, 0, $"The {file.SourceType} analysis failed: {ex.Message}"));
                    }

                    var done = Interlocked.Increment(ref filesAnalyzed);
                    var bytes = Interlocked.Add(ref bytesAnalyzed, file.Length);
                    sink.Post(HuntEvent.ForProgress(done, work.Count, bytes, totalBytes, file.Path));
                });

                foreach (var setAnalyzer in analyzers.OfType<IEvidenceSetAnalyzer>())
                {
                    try
                    {
                        setAnalyzer.Complete(context, sink);
                    }
                    catch (Exception ex) when (!(ex is OperationCanceledException))
                    {
                        sink.Error(new EvidenceError(string.Empty, 0, $"{setAnalyzer.GetType().Name} failed: {ex.Message}"));
                    }
                }
            }
            finally
            {
                queue.CompleteAdding();
            }
        }

        /// <summary>The sink the analyzers see: everything goes into the bounded queue.</summary>
        private sealed class QueueSink : IFindingSink
        {
            private readonly BlockingCollection<HuntEvent> queue;
            private readonly CoverageTracker coverage;
            private readonly CancellationToken cancellationToken;

            public QueueSink(BlockingCollection<HuntEvent> queue, CoverageTracker coverage, CancellationToken cancellationToken)
            {
                this.queue = queue;
                this.coverage = coverage;
                this.cancellationToken = cancellationToken;
            }

            public void Add(Finding finding) => Post(HuntEvent.ForFinding(finding));

            public void Error(EvidenceError error) => Post(HuntEvent.ForError(error));

            public void Observe(EvidenceSourceType source, DateTimeOffset timestamp) => coverage.Observe(source, timestamp);

            public void Post(HuntEvent item) => queue.Add(item, cancellationToken);
        }
    }
}
