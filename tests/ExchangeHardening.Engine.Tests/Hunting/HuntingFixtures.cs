using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Tests.Data;

namespace ExchangeHardening.Engine.Tests.Hunting
{
    /// <summary>The hunting fixtures, the shipped indicators compiled once, and helpers to run an analyzer on a file.</summary>
    internal static class HuntingFixtures
    {
        public const string ServerLabel = "label-from-cmdlet";

        private static readonly Lazy<EntryIndicatorSet> Shipped = new Lazy<EntryIndicatorSet>(() => EntryIndicatorSet.Compile(ShippedData.Store.Indicators));

        public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Hunting");

        /// <summary>The copied server tree.</summary>
        public static string Server => Path.Combine(Root, "EXCH01");

        public static string V15 => Path.Combine(Server, "Program Files", "Microsoft", "Exchange Server", "V15");

        public static EntryIndicatorSet Indicators => Shipped.Value;

        public static HuntContext Context() => new HuntContext(ServerLabel, ShippedData.Store);

        public static IEvidenceAnalyzer AnalyzerFor(EvidenceSourceType source, EntryIndicatorSet? set = null)
        {
            set ??= Indicators;
            switch (source)
            {
                case EvidenceSourceType.IisLog:
                    return new IisLogAnalyzer(set);
                case EvidenceSourceType.ExportedEvents:
                    return new ExportedEventAnalyzer(set);
                default:
                    return new ExchangeLogAnalyzer(set);
            }
        }

        public static RecordingSink Run(string path, EvidenceSourceType source, HuntContext? context = null, EntryIndicatorSet? set = null, LogAnalyzerOptions? options = null)
        {
            var sink = new RecordingSink();
            var file = new ClassifiedFile(path, Path.GetFileName(path), source, new FileInfo(path).Length, DateTime.UtcNow);
            IEvidenceAnalyzer analyzer = source == EvidenceSourceType.IisLog
                ? new IisLogAnalyzer(set ?? Indicators, options)
                : source == EvidenceSourceType.ExportedEvents
                    ? new ExportedEventAnalyzer(set ?? Indicators, null, options)
                    : new ExchangeLogAnalyzer(set ?? Indicators, options);
            analyzer.Analyze(file, context ?? Context(), sink, CancellationToken.None);
            return sink;
        }

        /// <summary>Every evidence file of the server tree, as the catalog classifies it.</summary>
        public static List<ClassifiedFile> CatalogedServerFiles() =>
            new EvidenceCatalog().Enumerate(Server).Where(e => e.Kind == EvidenceCatalogEntryKind.File).Select(e => e.File!).ToList();

        /// <summary>The expectations written into a fixture: line -> case.</summary>
        public static Dictionary<long, FixtureCase> Cases(string path, EvidenceSourceType source)
        {
            var cases = new Dictionary<long, FixtureCase>();
            if (source == EvidenceSourceType.ExportedEvents)
            {
                foreach (var item in ExportedEventReader.ReadFile(path))
                {
                    var e = item.Value ?? throw new InvalidOperationException(item.Error!.ToString());
                    var text = e.GetField("Case") ?? throw new InvalidOperationException($"{path}:{e.Line}: event without a Case property");
                    cases.Add(e.Line, FixtureCase.Parse(text));
                }

                return cases;
            }

            var lines = File.ReadAllLines(path);
            for (var i = 0; i < lines.Length; i++)
            {
                if (!lines[i].StartsWith("#Case:", StringComparison.Ordinal))
                {
                    continue;
                }

                var target = i + 1;
                while (target < lines.Length && (lines[target].Length == 0 || lines[target].StartsWith("#", StringComparison.Ordinal)))
                {
                    target++;
                }

                cases.Add(target + 1, FixtureCase.Parse(lines[i].Substring("#Case:".Length)));
            }

            return cases;
        }
    }
}
