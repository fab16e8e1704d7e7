using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using Xunit;

namespace ExchangeHardening.HelpCompiler.Tests
{
    /// <summary>
    /// The '&lt;!-- runnable --&gt;' marker above an example's code (tests/Pester/HelpExamples.Tests.ps1 runs those
    /// examples) and HTML comments in general: they mark, but never reach Get-Help, and a marker that is misspelt or
    /// misplaced is an error instead of an example that silently stops being tested.
    /// </summary>
    public sealed class RunnableMarkerTests
    {
        private const string Code = "Get-Inline -Name 'Alpha*'";

        [Fact]
        public void MarkerAboveTheFenceMakesTheExampleRunnableAndStaysOutOfTheMaml()
        {
            CommandHelp help = Parse(Examples(
                "### Example 1: Marked",
                "<!-- runnable -->",
                "```powershell",
                Code,
                "```",
                string.Empty,
                "Remarks of the first example.",
                string.Empty,
                "### Example 2: Not marked",
                "```powershell",
                Code,
                "```",
                string.Empty,
                "Remarks of the second example."));

            Assert.Equal(new[] { true, false }, help.Examples.Select(example => example.Runnable));
            ExampleHelp marked = help.Examples[0];
            Assert.Equal(new[] { Code }, marked.Code);
            Assert.Empty(marked.Introduction);
            Assert.Equal(new[] { "Remarks of the first example." }, marked.Remarks);

            string maml = WriteMaml(help);
            Assert.DoesNotContain("runnable", maml, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("<!--", maml, StringComparison.Ordinal);
        }

        [Fact]
        public void CommentsOutsideExamplesAreDroppedFromEverySection()
        {
            CommandHelp help = Parse(
                "<!-- before the title -->",
                "# Get-Inline",
                "<!-- between the title and the synopsis -->",
                "## SYNOPSIS",
                "<!-- in the synopsis -->",
                "Inline page.",
                "## SYNTAX",
                "```",
                "Get-Inline [-Name <String>] [<CommonParameters>]",
                "```",
                "## DESCRIPTION",
                "First paragraph.",
                "<!--",
                "  a comment over",
                "  several lines",
                "-->",
                "Second paragraph.",
                "## EXAMPLES",
                "<!-- above the first example -->",
                "### Example 1: One",
                "```powershell",
                Code,
                "```",
                "## PARAMETERS",
                "### -Name",
                "The name.",
                "<!-- inside a parameter -->",
                "```yaml",
                "Type: String",
                "Parameter Sets: (All)",
                "Required: False",
                "Position: Named",
                "```",
                "<!-- after the yaml block -->",
                "## RELATED LINKS",
                "<!-- among the links -->",
                "[about_Inline]()");

            Assert.Equal(new[] { "Inline page." }, help.Synopsis);
            Assert.Equal(new[] { "First paragraph.", "Second paragraph." }, help.Description);
            Assert.Equal(new[] { "The name." }, help.Parameters.Single().Description);
            Assert.Equal("about_Inline", help.RelatedLinks.Single().Text);
            Assert.DoesNotContain("comment", WriteMaml(help), StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void ValidFixtureMarksOnlyItsFirstExample()
        {
            string file = CompilerRun.Fixture("Valid", "Get-HardeningWidget.md");
            CommandHelp help = CommandHelpParser.Parse(MarkdownDocument.Load(file, file), "ExchangeHardening");

            Assert.Equal(new[] { true, false }, help.Examples.Select(example => example.Runnable));
        }

        [Theory]
        [InlineData("<!-- runable -->\n```powershell", 2, "Unknown comment '<!-- runable -->' in 'Example 1: One'.")]
        [InlineData("<!-- Runnable -->\n```powershell", 2, "Unknown comment '<!-- Runnable -->'")]
        [InlineData("<!--runnable-->\n```powershell", 2, "Unknown comment '<!-- runnable -->'")]
        [InlineData("<!-- runnable: true -->\n```powershell", 2, "Unknown comment '<!-- runnable: true -->'")]
        [InlineData("<!-- runnable -->\n\n```powershell", 2, "Misplaced runnable marker in 'Example 1: One'")]
        [InlineData("<!-- runnable -->\nThis command gets widgets.\n```powershell", 2, "Misplaced runnable marker")]
        [InlineData("<!-- runnable -->\n<!-- runnable -->\n```powershell", 2, "Misplaced runnable marker")]
        [InlineData("```powershell {runnable}", 2, "'```powershell {runnable}': only a language name may follow the fence")]
        [InlineData("```powershell runnable", 2, "only a language name may follow the fence")]
        [InlineData("<!-- runnable\n```powershell", 2, "The HTML comment that starts here is not closed by '-->'.")]
        [InlineData("<!-- runnable --> Get-Inline\n```powershell", 2, "Text after '-->' on the same line ('Get-Inline')")]
        public void MisspeltOrMisplacedMarkerNamesTheLine(string opening, int lineInExamples, string message)
        {
            string page = Examples(("### Example 1: One\n" + opening + "\n" + Code + "\n```").Split('\n'));
            int line = PageLines(page).ToList().IndexOf("## EXAMPLES") + 1 + lineInExamples;

            HelpSourceException error = Assert.Throws<HelpSourceException>(() => Parse(page));

            Assert.Equal(line, error.Line);
            Assert.Contains(message, error.Reason, StringComparison.Ordinal);
        }

        [Fact]
        public void MarkerAfterTheCodeIsMisplaced()
        {
            string page = Examples("### Example 1: One", "```powershell", Code, "```", "<!-- runnable -->", "```powershell", Code, "```");

            HelpSourceException error = Assert.Throws<HelpSourceException>(() => Parse(page));

            Assert.Contains("Misplaced runnable marker", error.Reason, StringComparison.Ordinal);
        }

        // A minimal valid page around the given EXAMPLES entries.
        private static string Examples(params string[] entries)
        {
            return string.Join(
                "\n",
                new[]
                {
                    "# Get-Inline",
                    "## SYNOPSIS",
                    "Inline page.",
                    "## SYNTAX",
                    "```",
                    "Get-Inline [<CommonParameters>]",
                    "```",
                    "## DESCRIPTION",
                    "Inline page.",
                    "## EXAMPLES",
                }.Concat(entries));
        }

        private static CommandHelp Parse(params string[] body)
        {
            string page = string.Join(
                "\n",
                new[]
                {
                    "---",
                    "external help file: ExchangeHardening.dll-Help.xml",
                    "Module Name: ExchangeHardening",
                    "online version:",
                    "schema: 2.0.0",
                    "---",
                }.Concat(body));
            return CommandHelpParser.Parse(MarkdownDocument.Parse("Get-Inline.md", page), "ExchangeHardening");
        }

        // Line numbers of an Examples() page once Parse() has put the six front matter lines above it.
        private static string[] PageLines(string page)
        {
            return new string[6].Concat(page.Split('\n')).ToArray();
        }

        private static string WriteMaml(CommandHelp help)
        {
            var text = new StringBuilder();
            using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true }))
            {
                MamlWriter.Write(writer, new[] { help });
            }

            return text.ToString();
        }
    }
}
