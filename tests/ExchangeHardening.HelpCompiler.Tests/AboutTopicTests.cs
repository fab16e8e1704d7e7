using System.IO;
using System.Linq;
using System.Text;
using Xunit;

namespace ExchangeHardening.HelpCompiler.Tests
{
    /// <summary>Checks the plain-text about topic against what Get-Help expects of it.</summary>
    public sealed class AboutTopicTests
    {
        [Fact]
        public void AboutTopicHasUpperCaseHeadingsWrappedTextAndIndentedCode()
        {
            using CompilerRun run = CompilerRun.Start(CompilerRun.Fixture("Valid"));
            Assert.Equal(0, run.ExitCode);
            string path = Path.Combine(run.Output, "about_HardeningWidget.help.txt");
            string[] lines = File.ReadAllText(path, Encoding.UTF8).Split("\r\n");

            Assert.Equal("TOPIC", lines[0]);
            Assert.Equal("about_HardeningWidget", lines[1]);
            Assert.Equal("SHORT DESCRIPTION", lines[3]);

            // Get-Help takes line 5 as the synopsis it lists for about topics, so the whole short
            // description must be on that one line.
            Assert.Equal("Explains hardening widgets, which exist only to test the help compiler of the ExchangeHardening module.", lines[4]);

            Assert.Contains("LONG DESCRIPTION", lines);
            Assert.Contains("WIDGET KINDS", lines);
            Assert.Contains("SEE ALSO", lines);
            Assert.Contains("    kind: Gear", lines);
            Assert.Contains("    size: 3", lines);
            Assert.Contains("- Gear: turns.", lines);
            Assert.Contains("  a second line with a hanging indent.", lines);
            Assert.All(lines.Skip(5), line => Assert.True(line.Length <= 80, $"Line longer than 80 columns: '{line}'"));
            Assert.StartsWith("A widget is a small, fictional object.", lines[lines.ToList().IndexOf("LONG DESCRIPTION") + 1], System.StringComparison.Ordinal);
        }
    }
}
