using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Hunting.Files;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Tests.Data;
using Xunit;
using static ExchangeHardening.Engine.Tests.Hunting.Files.HuntingFileFixtures;

namespace ExchangeHardening.Engine.Tests.Hunting.Files
{
    /// <summary>
    /// The rare drop folders named by staging indicators, end to end: the evidence catalog has to classify a file there
    /// as a staging file, or the rule never sees it (the analyzer tests alone pass the type in by hand and cannot show
    /// that). Each folder has a file that must produce the finding and look-alikes that must not.
    /// </summary>
    public class StagingFolderCatalogTests
    {
        private const string Drop = "Staging/synthetic-drop.bin.txt";

        [Theory]
        [InlineData("Windows/WwanSvcdcs/svchost.exe", "EXH-CT-006")]
        [InlineData("Windows/WwanSvcdcs/sub/notes.txt", "EXH-CT-006")]
        [InlineData("Windows/Help/mui/0109/mscoree.dll", "EXH-CT-006")]
        [InlineData("Program Files/System/websvc.dll", "EXH-CT-006")]
        [InlineData("Program Files/Common Files/Microsoft Shared/WMI/iiswmi.dll", "EXH-CT-006")]
        [InlineData("Program Files (x86)/Common Files/Microsoft Shared/WMI/iiswmi.dll", "EXH-CT-006")]
        [InlineData("Users/ExchService/Desktop/mi.exe", "EXH-CT-006")]
        [InlineData("Windows/System32/0409/mi.exe", "EXH-CT-006")]
        [InlineData("Temp/AUtempR/p64.exe", "EXH-CT-006")]
        public void A_file_in_a_rare_drop_folder_is_cataloged_as_staging_and_found(string relativePath, string ruleId)
        {
            using (var tree = new TempDirectory())
            {
                var path = tree.Place(Drop, "c/" + relativePath);
                var (types, sink) = CatalogAndHunt(tree.Path);
                Assert.Equal(EvidenceSourceType.StagingFile, types[path]);
                var finding = Assert.Single(sink.Of(ruleId));
                Assert.Equal(path, finding.Path);
            }
        }

        [Theory]
        // The WWAN service's own names, and a folder one letter short of the HAFNIUM one.
        [InlineData("Windows/System32/wwansvc.dll")]
        [InlineData("Windows/WwanSvc/svchost.exe")]
        // The .NET runtime's own mscoree.dll, and a real language folder under Help\mui.
        [InlineData("Windows/System32/mscoree.dll")]
        [InlineData("Windows/Help/mui/0409/mscoree.dll")]
        // Common Files\System is a real Windows folder; Program Files\System is not.
        [InlineData("Program Files/Common Files/System/websvc.dll")]
        [InlineData("Windows/System32/inetsrv/iiswmi.dll")]
        [InlineData("Program Files/Common Files/Microsoft Shared/WMIx/iiswmi.dll")]
        // The same tool names on another user's desktop, in a real language folder, or another temp folder.
        [InlineData("Users/admin/Desktop/mi.exe")]
        [InlineData("Users/ExchService/Documents/mi.exe")]
        [InlineData("Windows/System32/en-US/mi.exe")]
        [InlineData("Temp/AUtemp/p64.exe")]
        [InlineData("Program Files/Tools/p64.exe")]
        public void The_same_name_in_a_normal_or_look_alike_folder_is_not_found(string relativePath)
        {
            using (var tree = new TempDirectory())
            {
                tree.Place(Drop, "c/" + relativePath);
                var (_, sink) = CatalogAndHunt(tree.Path);
                Assert.Empty(sink.Findings);
            }
        }

        [Fact]
        public void Every_folder_a_staging_indicator_names_is_cataloged_as_staging()
        {
            // Guards the gap this class closes: a new staging path in the data with no folder shape in the catalog
            // would otherwise load, compile and never fire.
            var missing = new List<string>();
            foreach (var spec in ShippedData.Store.Indicators.Select(r => r.Spec).OfType<IndicatorSpec>())
            {
                if (!string.Equals(spec.Source, nameof(EvidenceSourceType.StagingFile), StringComparison.OrdinalIgnoreCase) || spec.Paths == null)
                {
                    continue;
                }

                foreach (var pattern in spec.Paths)
                {
                    // '**' admits subfolders (the folder itself is enough); a wildcard segment gets a sample name.
                    var segments = PathPattern.Split(pattern).Where(s => s != "**").Select(s => s.Replace("*", "x").Replace("?", "x"));
                    var name = spec.FileNames?.FirstOrDefault()?.Replace("*", "x") ?? "probe.bin";
                    var relative = "c\\" + string.Join("\\", segments) + "\\" + name;
                    var type = EvidenceClassifier.Classify("\\evidence\\" + relative, "evidence\\" + relative, Array.Empty<byte>(), 0, out _);
                    if (type != EvidenceSourceType.StagingFile)
                    {
                        missing.Add(pattern + " -> " + type);
                    }
                }
            }

            Assert.Empty(missing);
        }

        /// <summary>Runs the catalog over the tree and the file analyzers over what it classified, as the hunt does.</summary>
        private static (Dictionary<string, EvidenceSourceType> Types, RecordingSink Sink) CatalogAndHunt(string root)
        {
            var files = new EvidenceCatalog().Enumerate(root).Where(e => e.Kind == EvidenceCatalogEntryKind.File).Select(e => e.File!).ToList();
            var sink = new RecordingSink();
            var byType = new IEvidenceAnalyzer[] { new StagingFileAnalyzer(), new WebShellFileAnalyzer() }
                .SelectMany(a => a.SourceTypes.Select(t => (Type: t, Analyzer: a)))
                .ToDictionary(p => p.Type, p => p.Analyzer);
            foreach (var file in files.Where(f => byType.ContainsKey(f.SourceType)))
            {
                byType[file.SourceType].Analyze(file, Context(), sink, CancellationToken.None);
            }

            return (files.ToDictionary(f => f.Path, f => f.SourceType), sink);
        }
    }
}
