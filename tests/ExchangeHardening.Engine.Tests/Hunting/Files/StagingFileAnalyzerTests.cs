using System.Linq;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Hunting.Files;
using Xunit;
using static ExchangeHardening.Engine.Tests.Hunting.Files.HuntingFileFixtures;

namespace ExchangeHardening.Engine.Tests.Hunting.Files
{
    /// <summary>EXH-CT-001, -003, -006, EXH-WS-011 and the MSTIC staging path, each with a file that must match and one that must not.</summary>
    public class StagingFileAnalyzerTests
    {
        [Theory]
        [InlineData("root/lsass.dmp", true)]
        [InlineData("Windows/Temp/lsass_20210303.dmp", true)]
        [InlineData("Windows/Temp/dumps/lsass.dmp", true)]
        [InlineData("Windows/Temp/lsass", true)]
        [InlineData("Windows/Temp/explorer.dmp", false)]
        [InlineData("ProgramData/lsass.txt", false)]
        public void Lsass_dumps(string relativePath, bool expected)
        {
            var sink = AnalyzeStaging(relativePath);
            Assert.Equal(expected, sink.Of("EXH-CT-001").Count == 1);
            if (expected)
            {
                Assert.Equal(Severity.Critical, sink.Of("EXH-CT-001")[0].Severity);
                Assert.Equal(FindingCategory.CredentialTheft, sink.Of("EXH-CT-001")[0].Category);
            }
        }

        [Theory]
        [InlineData("ProgramData/SomeVendor/backup/export.zip", Severity.Medium, Confidence.Low)]
        [InlineData("ProgramData/pst/mail.7z", Severity.Medium, Confidence.Low)]
        [InlineData("ProgramData/it.zip", Severity.High, Confidence.Medium)]
        [InlineData("ProgramData/abc123.rar", Severity.High, Confidence.Medium)]
        [InlineData("ProgramData/longername.zip", Severity.Medium, Confidence.Low)]
        public void Archives_in_ProgramData(string relativePath, Severity severity, Confidence confidence)
        {
            var finding = Assert.Single(AnalyzeStaging(relativePath).Of("EXH-CT-003"));
            Assert.Equal(severity, finding.Severity);
            Assert.Equal(confidence, finding.Confidence);
        }

        [Theory]
        [InlineData("ProgramData/Microsoft/Windows Defender/Scans/History/results.zip")]
        [InlineData("ProgramData/Symantec/Definitions/defs.7z")]
        [InlineData("ProgramData/SomeVendor/readme.txt")]
        [InlineData("Windows/Temp/setup.zip")]
        public void Security_product_archives_and_other_files_are_not_staging(string relativePath)
        {
            Assert.Empty(AnalyzeStaging(relativePath).Of("EXH-CT-003"));
        }

        [Theory]
        [InlineData("ProgramData/COM1/shell.aspx", true)]
        [InlineData("ProgramData/CON/x/shell.aspx", true)]
        [InlineData("Users/All Users/WHO/shell.aspx", true)]
        [InlineData("ProgramData/COM1/notes.txt", false)]
        [InlineData("ProgramData/Other/shell.aspx", false)]
        public void Aspx_in_device_name_folders(string relativePath, bool expected)
        {
            var sink = AnalyzeStaging(relativePath);
            Assert.Equal(expected, sink.Of("EXH-WS-011").Count == 1);
            if (expected)
            {
                Assert.Equal(FindingCategory.WebShell, sink.Of("EXH-WS-011")[0].Category);
            }
        }

        [Theory]
        [InlineData("Windows/Temp/xx.bat", "EXH-CT-006")]
        [InlineData("Windows/Temp/cw.exe", "EXH-CT-006")]
        [InlineData("Windows/Temp/Exchange.aspx", "EXH-CT-006")]
        [InlineData("ProgramData/VSPerfMon/tool.exe", "EXH-CT-006")]
        [InlineData("Windows/Help/mui/0109/mscoree.dll", "EXH-CT-006")]
        [InlineData("Users/Public/opera/opera_browser.exe", "EXH-WS-002")]
        public void Post_exploitation_files(string relativePath, string ruleId)
        {
            Assert.Single(AnalyzeStaging(relativePath).Of(ruleId));
        }

        [Theory]
        [InlineData("Windows/Temp/cw2.exe")]
        [InlineData("Windows/System32/mscoree.dll")]
        [InlineData("Windows/Temp/xx.bat.log")]
        public void Similar_names_elsewhere_are_not_tooling(string relativePath)
        {
            var sink = AnalyzeStaging(relativePath);
            Assert.Empty(sink.Of("EXH-CT-006"));
            Assert.Empty(sink.Findings);
        }

        [Fact]
        public void One_word_folder_shapes_count_only_from_the_evidence_root_down()
        {
            using (var tree = new TempDirectory())
            {
                // A case folder called "root" above the evidence is not C:\root ...
                var evidence = System.IO.Path.Combine(tree.Path, "root", "case42");
                var above = tree.Write("root/case42/ProgramData/Vendor/lsass_copy.dmp", "SYNTHETIC");
                Assert.Empty(Run(new StagingFileAnalyzer(), Context(), Classify(above, EvidenceSourceType.StagingFile, evidence)).Of("EXH-CT-001"));

                // ... but -Path pointed at C:\root (or C:\ProgramData) itself keeps the root's own name.
                var atRoot = tree.Write("server/root/lsass.dmp", "SYNTHETIC");
                Assert.Single(Run(new StagingFileAnalyzer(), Context(), Classify(atRoot, EvidenceSourceType.StagingFile, System.IO.Path.Combine(tree.Path, "server", "root"))).Of("EXH-CT-001"));
                var inProgramData = tree.Write("server/ProgramData/it.zip", "SYNTHETIC");
                Assert.Single(Run(new StagingFileAnalyzer(), Context(), Classify(inProgramData, EvidenceSourceType.StagingFile, System.IO.Path.Combine(tree.Path, "server", "ProgramData"))).Of("EXH-CT-003"));
            }
        }

        [Fact]
        public void Staging_rules_do_not_open_files()
        {
            using (var tree = new TempDirectory())
            {
                var opener = new CountingOpener();
                var files = new[] { "root/lsass.dmp", "ProgramData/it.zip", "ProgramData/COM1/shell.aspx" }
                    .Select(p => Classify(tree.Write(p, "SYNTHETIC"), EvidenceSourceType.StagingFile))
                    .ToArray();
                var sink = Run(new StagingFileAnalyzer(opener.Open), Context(), files);
                Assert.Equal(3, sink.Findings.Count);
                Assert.Empty(opener.Opened);
            }
        }

        private static RecordingSink AnalyzeStaging(string relativePath)
        {
            using (var tree = new TempDirectory())
            {
                var path = tree.Write(relativePath, "SYNTHETIC TEST FILE");
                return Run(new StagingFileAnalyzer(), Context(), Classify(path, EvidenceSourceType.StagingFile, tree.Path));
            }
        }
    }
}
