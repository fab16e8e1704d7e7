using System.IO;
using Xunit;

namespace ExchangeHardening.HelpCompiler.Tests
{
    /// <summary>Broken pages fail the build with an error that points at the file and line.</summary>
    public sealed class ErrorReportingTests
    {
        [Fact]
        public void ParameterWithoutYamlBlockNamesFileAndLine()
        {
            using CompilerRun run = CompilerRun.Start(CompilerRun.Fixture("Broken", "MissingYaml"));
            string file = Path.Combine(run.Docs, "Get-BrokenWidget.md");
            Assert.Equal("### -Name", File.ReadAllLines(file)[33 - 1]);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"{file}(33): error: Parameter -Name has no ```yaml block", run.StandardError, System.StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.StandardOutput);
            Assert.False(Directory.Exists(run.Output), "Nothing may be written when a page is broken.");
        }

        [Fact]
        public void MissingSynopsisNamesFileAndTheCmdletHeadingLine()
        {
            using CompilerRun run = CompilerRun.Start(CompilerRun.Fixture("Broken", "MissingSynopsis"));
            string file = Path.Combine(run.Docs, "Get-NoSynopsis.md");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"{file}(8): error: The cmdlet page has no '## SYNOPSIS' section.", run.StandardError, System.StringComparison.Ordinal);
        }

        [Fact]
        public void MalformedFrontMatterNamesFileAndLine()
        {
            using CompilerRun run = CompilerRun.Start(CompilerRun.Fixture("Broken", "BadFrontMatter"));
            string file = Path.Combine(run.Docs, "Get-BadFrontMatter.md");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"{file}(4): error: Malformed front matter line 'this line has no colon'", run.StandardError, System.StringComparison.Ordinal);
        }

        [Fact]
        public void ModuleNameMismatchIsAnError()
        {
            using CompilerRun run = CompilerRun.Start(CompilerRun.Fixture("Valid"), module: "SomeOtherModule");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("Get-HardeningWidget.md(3): error: 'Module Name' is 'ExchangeHardening', expected 'SomeOtherModule'.", run.StandardError, System.StringComparison.Ordinal);
        }

        [Theory]
        [InlineData("```yaml\nType: String\nParameter Sets: (All)\nRequired: Maybe\nPosition: Named\n```", 23, "'Required' must be True or False, not 'Maybe'.")]
        [InlineData("```yaml\nType: String\nParameter Sets: Other\nRequired: False\nPosition: Named\n```", 20, "names parameter set 'Other', which has no '### Other' entry in SYNTAX.")]
        [InlineData("```yaml\nType: String\nParameter Sets: (All)\nRequired: False\nPosition: Named\nColour: Blue\n```", 25, "Unknown parameter yaml key 'Colour'.")]
        [InlineData("```yaml\nType: String\nParameter Sets: (All)\nRequired: False\n", 20, "The code block that starts here is not closed")]
        public void BadParameterYamlNamesTheLine(string yaml, int line, string message)
        {
            string page = string.Join(
                "\n",
                "---",
                "external help file: ExchangeHardening.dll-Help.xml",
                "Module Name: ExchangeHardening",
                "online version:",
                "schema: 2.0.0",
                "---",
                "# Get-Inline",
                "## SYNOPSIS",
                "Inline page.",
                "## SYNTAX",
                "```",
                "Get-Inline [-Name <String>] [<CommonParameters>]",
                "```",
                "## DESCRIPTION",
                "Inline page.",
                "## PARAMETERS",
                "### -Name",
                "The name.",
                string.Empty,
                yaml);
            HelpSourceException error = Assert.Throws<HelpSourceException>(
                () => CommandHelpParser.Parse(MarkdownDocument.Parse("Get-Inline.md", page), "ExchangeHardening"));

            Assert.Equal("Get-Inline.md", error.File);
            Assert.Equal(line, error.Line);
            Assert.Contains(message, error.Reason, System.StringComparison.Ordinal);
        }

        [Fact]
        public void MissingOptionIsAUsageError()
        {
            using var output = new StringWriter();
            using var errors = new StringWriter();

            Assert.Equal(2, HelpCompilation.Run(new[] { "--docs", "docs" }, output, errors));
            Assert.Contains("Usage:", errors.ToString(), System.StringComparison.Ordinal);
        }
    }
}
