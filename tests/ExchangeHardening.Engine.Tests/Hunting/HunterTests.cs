using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Tests.Data;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Hunting
{
    public class HunterTests
    {
        private static ClassifiedFile File(string name, EvidenceSourceType type, long length = 10) =>
            new ClassifiedFile("/evidence/" + name, name, type, length, DateTime.UtcNow);

        private static HuntContext Context() => new HuntContext("EX01", ShippedData.Store);

        /// <summary>Reports one finding per file and the file's dates; throws for files named "bad".</summary>
        private sealed class FakeAnalyzer : IEvidenceAnalyzer
        {
            private int running;

            public int MaxConcurrent;

            public IReadOnlyCollection<EvidenceSourceType> SourceTypes => new[] { EvidenceSourceType.HttpProxyLog };

            public void Analyze(ClassifiedFile file, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref MaxConcurrent, now);
                try
                {
                    Thread.Sleep(20);
                    if (file.RelativePath.StartsWith("bad", StringComparison.Ordinal))
                    {
                        throw new InvalidOperationException("garbled");
                    }

                    sink.Observe(file.SourceType, new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero));
                    sink.Observe(file.SourceType, new DateTimeOffset(2021, 3, 9, 0, 0, 0, TimeSpan.Zero));
                    sink.Add(new Finding { Server = context.Server, RuleId = "T-1", Path = file.Path });
                }
                finally
                {
                    Interlocked.Decrement(ref running);
                }
            }

            private static void InterlockedMax(ref int target, int value)
            {
                int current;
                while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
                {
                }
            }
        }

        [Fact]
        public void Each_file_is_analyzed_once_in_parallel_and_a_failing_file_becomes_an_error()
        {
            var analyzer = new FakeAnalyzer();
            var hunter = new Hunter(new[] { analyzer }, 2);
            var files = Enumerable.Range(0, 8).Select(i => File("log" + i, EvidenceSourceType.HttpProxyLog)).Append(File("bad", EvidenceSourceType.HttpProxyLog)).Append(File("page.aspx", EvidenceSourceType.WebFile)).ToList();
            var events = hunter.Run(files, Context(), CancellationToken.None).ToList();

            Assert.Equal(8, events.Count(e => e.Kind == HuntEventKind.Finding));
            var error = Assert.Single(events, e => e.Kind == HuntEventKind.Error).Error!;
            Assert.Equal("/evidence/bad", error.File);
            Assert.Contains("garbled", error.Message);
            Assert.Equal(9, hunter.FilesAnalyzed); // the web file has no analyzer here
            Assert.InRange(analyzer.MaxConcurrent, 1, 2); // never more than the bound (the pool may not give a second thread at once)
            // Workers post progress concurrently, so the largest count, not the last event, is the total.
            var progress = events.Where(e => e.Kind == HuntEventKind.Progress).ToList();
            Assert.Equal(9, progress.Max(e => e.FilesDone));
            Assert.Equal(90, progress.Max(e => e.BytesDone));
            Assert.All(progress, e => Assert.Equal(90, e.BytesTotal));
            var coverage = hunter.Coverage.For(EvidenceSourceType.HttpProxyLog)!;
            Assert.Equal(new DateTimeOffset(2021, 3, 1, 0, 0, 0, TimeSpan.Zero), coverage.Oldest);
            Assert.Equal(9, hunter.Coverage.FileCount(EvidenceSourceType.HttpProxyLog));
        }

        [Fact]
        public void A_caller_that_stops_reading_early_stops_the_workers_without_hanging()
        {
            var hunter = new Hunter(new[] { new FakeAnalyzer() }, 2);
            var files = Enumerable.Range(0, 10000).Select(i => File("log" + i, EvidenceSourceType.HttpProxyLog)).ToList();
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var first = hunter.Run(files, Context(), CancellationToken.None).First(e => e.Kind == HuntEventKind.Finding);
            Assert.NotNull(first.Finding);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30));
            Assert.True(hunter.FilesAnalyzed < 10000);
        }

        private sealed class SetAnalyzer : IEvidenceSetAnalyzer
        {
            private readonly List<string> seen = new List<string>();

            public IReadOnlyCollection<EvidenceSourceType> SourceTypes => new[] { EvidenceSourceType.IisConfiguration };

            public void Analyze(ClassifiedFile file, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
            {
                lock (seen)
                {
                    seen.Add(file.RelativePath);
                }
            }

            public void Complete(HuntContext context, IFindingSink sink) =>
                sink.Add(new Finding { RuleId = "SET", Evidence = string.Join(",", seen.OrderBy(s => s)) });
        }

        [Fact]
        public void Set_analyzers_complete_once_after_all_their_files()
        {
            var hunter = new Hunter(new IEvidenceAnalyzer[] { new SetAnalyzer() }, 2);
            var events = hunter.Run(new[] { File("a.config", EvidenceSourceType.IisConfiguration), File("b.config", EvidenceSourceType.IisConfiguration) }, Context(), CancellationToken.None).ToList();
            var finding = Assert.Single(events, e => e.Kind == HuntEventKind.Finding).Finding!;
            Assert.Equal("a.config,b.config", finding.Evidence);
        }
    }
}
