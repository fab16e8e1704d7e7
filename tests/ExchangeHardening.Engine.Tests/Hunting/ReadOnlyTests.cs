using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using ExchangeHardening.Engine.Hunting;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Hunting
{
    /// <summary>Cataloguing and hunting a tree leaves every file as it was: content, size and time.</summary>
    public class ReadOnlyTests
    {
        [Fact]
        public void Hunting_the_fixture_tree_changes_nothing_in_it()
        {
            using (var temp = new TempDirectory())
            {
                // A private copy, so other tests reading the fixtures at the same time cannot disturb the comparison.
                Copy(HuntingFixtures.Root, temp.Path);
                var before = Snapshot(temp.Path);

                var files = new EvidenceCatalog().Enumerate(temp.Path).Where(e => e.Kind == EvidenceCatalogEntryKind.File).Select(e => e.File!).ToList();
                var context = HuntingFixtures.Context();
                var set = EntryIndicatorSet.Compile(context);
                var hunter = new Hunter(new IEvidenceAnalyzer[] { new ExchangeLogAnalyzer(set), new IisLogAnalyzer(set), new ExportedEventAnalyzer(set) }, 2);
                var events = hunter.Run(files, context, CancellationToken.None).ToList();

                Assert.Contains(events, e => e.Kind == HuntEventKind.Finding);
                Assert.Equal(before, Snapshot(temp.Path));
            }
        }

        private static SortedDictionary<string, string> Snapshot(string root)
        {
            var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
            using (var sha = SHA256.Create())
            {
                foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
                {
                    var info = new FileInfo(file);
                    var hash = Convert.ToHexString(sha.ComputeHash(File.ReadAllBytes(file)));
                    result[Path.GetRelativePath(root, file)] = $"{hash} {info.Length} {info.LastWriteTimeUtc.Ticks}";
                }
            }

            return result;
        }

        private static void Copy(string from, string to)
        {
            foreach (var dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
            {
                Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
            }

            foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
            }
        }
    }
}
