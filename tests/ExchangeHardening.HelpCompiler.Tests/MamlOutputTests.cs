using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using Xunit;

namespace ExchangeHardening.HelpCompiler.Tests
{
    /// <summary>Compiles the valid fixture and reads the MAML back as Get-Help would see it.</summary>
    public sealed class MamlOutputTests
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";

        [Fact]
        public void ValidFixtureCompilesAndReportsEachFileWritten()
        {
            using CompilerRun run = CompilerRun.Start(CompilerRun.Fixture("Valid"));

            Assert.Equal(0, run.ExitCode);
            Assert.Equal(string.Empty, run.StandardError);
            string[] lines = run.StandardOutput.Split('\n', System.StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, lines.Length);
            Assert.Contains(lines, line => line.Contains("ExchangeHardening.dll-Help.xml", System.StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains("about_HardeningWidget.help.txt", System.StringComparison.Ordinal));
            Assert.True(File.Exists(Path.Combine(run.Output, "ExchangeHardening.dll-Help.xml")));
        }

        [Fact]
        public void CommandDetailsAndDescriptionAreWritten()
        {
            XElement command = LoadCommand();

            XElement details = command.Element(Command + "details")!;
            Assert.Equal("Get-HardeningWidget", details.Element(Command + "name")!.Value);
            Assert.Equal("Get", details.Element(Command + "verb")!.Value);
            Assert.Equal("HardeningWidget", details.Element(Command + "noun")!.Value);
            Assert.Equal(new[] { "Gets hardening widgets by name or by id." }, Paragraphs(details.Element(Maml + "description")!));

            List<string> description = Paragraphs(command.Element(Maml + "description")!);
            Assert.Equal(4, description.Count);
            Assert.Equal("The `Get-HardeningWidget` cmdlet gets widgets from the test catalog. This second line belongs to the same paragraph.", description[0]);
            Assert.Equal("Names may contain wildcards & special characters such as <, > and \"quotes\".", description[1]);
            Assert.Equal("- First list item", description[2]);
        }

        [Fact]
        public void EachParameterSetBecomesASyntaxItemInSyntaxLineOrder()
        {
            XElement command = LoadCommand();
            List<XElement> items = command.Element(Command + "syntax")!.Elements(Command + "syntaxItem").ToList();

            Assert.Equal(2, items.Count);
            Assert.All(items, item => Assert.Equal("Get-HardeningWidget", item.Element(Maml + "name")!.Value));
            Assert.Equal(new[] { "Name", "Kind", "IncludeRetired" }, ParameterNames(items[0]));
            Assert.Equal(new[] { "Id", "Kind", "IncludeRetired" }, ParameterNames(items[1]));

            // -Kind has one yaml block per set: optional by name, mandatory by id.
            Assert.Equal("false", Parameter(items[0], "Kind").Attribute("required")!.Value);
            Assert.Equal("true", Parameter(items[1], "Kind").Attribute("required")!.Value);
            Assert.Equal(
                new[] { "Gear", "Lever", "Spring" },
                Parameter(items[1], "Kind").Element(Command + "parameterValueGroup")!.Elements(Command + "parameterValue").Select(value => value.Value));

            // A switch shows as "[-IncludeRetired]" in syntax: no value placeholder.
            Assert.Null(Parameter(items[0], "IncludeRetired").Element(Command + "parameterValue"));
            Assert.Equal("SwitchParameter", Parameter(items[0], "IncludeRetired").Element(Dev + "type")!.Element(Maml + "name")!.Value);
        }

        [Fact]
        public void ParameterAttributesCarryAliasesPipelineInputPositionAndGlobbing()
        {
            XElement parameters = LoadCommand().Element(Command + "parameters")!;
            Assert.Equal(new[] { "Name", "Id", "Kind", "IncludeRetired" }, ParameterNames(parameters));

            XElement name = Parameter(parameters, "Name");
            Assert.Equal("false", name.Attribute("required")!.Value);
            Assert.Equal("0", name.Attribute("position")!.Value);
            Assert.Equal("WidgetName, WN", name.Attribute("aliases")!.Value);
            Assert.Equal("True (ByPropertyName, ByValue)", name.Attribute("pipelineInput")!.Value);
            Assert.Equal("true", name.Attribute("globbing")!.Value);
            Assert.Equal("String[]", name.Element(Command + "parameterValue")!.Value);
            Assert.Equal("None", name.Element(Dev + "defaultValue")!.Value);
            Assert.Equal(new[] { "Specifies the widget names. Wildcards are permitted." }, Paragraphs(name.Element(Maml + "description")!));

            XElement id = Parameter(parameters, "Id");
            Assert.Equal("true", id.Attribute("required")!.Value);
            Assert.Equal("named", id.Attribute("position")!.Value);
            Assert.Equal("none", id.Attribute("aliases")!.Value);
            Assert.Equal("True (ByPropertyName)", id.Attribute("pipelineInput")!.Value);
            Assert.Equal("false", id.Attribute("globbing")!.Value);

            XElement includeRetired = Parameter(parameters, "IncludeRetired");
            Assert.Equal("SwitchParameter", includeRetired.Element(Command + "parameterValue")!.Value);
            Assert.Equal("False", includeRetired.Element(Dev + "defaultValue")!.Value);
        }

        [Fact]
        public void ExamplesHaveFramedTitlesCodeAndRemarks()
        {
            List<XElement> examples = LoadCommand().Element(Command + "examples")!.Elements(Command + "example").ToList();

            Assert.Equal(2, examples.Count);
            Assert.Equal("-------------------------- Example 1: Get widgets by name --------------------------", examples[0].Element(Maml + "title")!.Value);
            Assert.Equal("PS C:\\> Get-HardeningWidget -Name 'Alpha*' | Where-Object { $_.Size -lt 5 }", examples[0].Element(Dev + "code")!.Value);
            Assert.Equal(
                new[] { "This command gets every widget whose name starts with Alpha and whose size is below 5." },
                Paragraphs(examples[0].Element(Dev + "remarks")!));

            // The output block directly after the command belongs to the code, as in PlatyPS.
            string code = examples[1].Element(Dev + "code")!.Value;
            Assert.StartsWith("[pscustomobject]@{ Id = 42 } | Get-HardeningWidget -Kind Gear", code, System.StringComparison.Ordinal);
            Assert.Contains("Omega 42 Gear", code, System.StringComparison.Ordinal);
            Assert.Equal(
                new[] { "The Id property of the piped object binds to -Id.", "See about_HardeningWidget (https://example.invalid/about) for details." },
                Paragraphs(examples[1].Element(Dev + "remarks")!));
        }

        [Fact]
        public void InputsOutputsNotesAndRelatedLinksAreWritten()
        {
            XElement command = LoadCommand();

            List<XElement> inputs = command.Element(Command + "inputTypes")!.Elements(Command + "inputType").ToList();
            Assert.Equal(new[] { "System.String[]", "System.Int32" }, inputs.Select(TypeName));
            Assert.Equal(new[] { "You can pipe widget names to this cmdlet." }, Paragraphs(inputs[0].Element(Maml + "description")!));

            XElement output = Assert.Single(command.Element(Command + "returnValues")!.Elements(Command + "returnValue"));
            Assert.Equal("ExchangeHardening.Tests.Widget", TypeName(output));

            XElement alert = Assert.Single(command.Element(Maml + "alertSet")!.Elements(Maml + "alert"));
            Assert.Equal(new[] { "Widgets are fictional; this page only tests the help compiler." }, Paragraphs(alert));

            var links = command.Element(Command + "relatedLinks")!.Elements(Maml + "navigationLink")
                .Select(link => (Text: link.Element(Maml + "linkText")!.Value, Uri: link.Element(Maml + "uri")!.Value))
                .ToList();
            Assert.Equal(
                new[]
                {
                    ("Online Version:", "https://example.invalid/Get-HardeningWidget"),
                    ("about_HardeningWidget", string.Empty),
                    ("Widget catalog", "https://example.invalid/catalog"),
                },
                links);
        }

        private static XElement LoadCommand()
        {
            using CompilerRun run = CompilerRun.Start(CompilerRun.Fixture("Valid"));
            Assert.Equal(0, run.ExitCode);
            XDocument document = XDocument.Load(Path.Combine(run.Output, "ExchangeHardening.dll-Help.xml"));
            Assert.Equal(Msh + "helpItems", document.Root!.Name);
            Assert.Equal("maml", document.Root.Attribute("schema")!.Value);
            return Assert.Single(document.Root.Elements(Command + "command"));
        }

        private static List<string> Paragraphs(XElement parent)
        {
            return parent.Elements(Maml + "para").Select(para => para.Value).ToList();
        }

        private static IEnumerable<string> ParameterNames(XElement parent)
        {
            return parent.Elements(Command + "parameter").Select(parameter => parameter.Element(Maml + "name")!.Value).ToList();
        }

        private static XElement Parameter(XElement parent, string name)
        {
            return parent.Elements(Command + "parameter").Single(parameter => parameter.Element(Maml + "name")!.Value == name);
        }

        private static string TypeName(XElement typed)
        {
            return typed.Element(Dev + "type")!.Element(Maml + "name")!.Value;
        }
    }
}
