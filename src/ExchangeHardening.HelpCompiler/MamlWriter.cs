using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>
    /// Writes commands as a MAML help file in the layout PlatyPS produces, which is what both
    /// Windows PowerShell 5.1 and PowerShell 7 Get-Help read. XmlWriter does all escaping.
    /// </summary>
    internal static class MamlWriter
    {
        public const string MshNamespace = "http://msh";
        public const string MamlNamespace = "http://schemas.microsoft.com/maml/2004/10";
        public const string CommandNamespace = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        public const string DevNamespace = "http://schemas.microsoft.com/maml/dev/2004/10";
        public const string MSHelpNamespace = "http://msdn.microsoft.com/mshelp";

        // Get-Help prints example titles as they are; PlatyPS frames them with these dashes.
        private const string ExampleRule = "--------------------------";

        public static void Write(string path, IEnumerable<CommandHelp> commands)
        {
            // UTF-8 with BOM and CRLF, like PlatyPS: the module targets Windows first.
            var settings = new XmlWriterSettings
            {
                Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
                Indent = true,
                IndentChars = "  ",
                NewLineChars = "\r\n",
                NewLineHandling = NewLineHandling.Replace,
            };

            using (FileStream stream = File.Create(path))
            using (XmlWriter writer = XmlWriter.Create(stream, settings))
            {
                Write(writer, commands);
            }
        }

        public static void Write(XmlWriter writer, IEnumerable<CommandHelp> commands)
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("helpItems", MshNamespace);
            writer.WriteAttributeString("schema", "maml");
            foreach (CommandHelp command in commands)
            {
                WriteCommand(writer, command);
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        private static void WriteCommand(XmlWriter writer, CommandHelp command)
        {
            writer.WriteStartElement("command", "command", CommandNamespace);
            writer.WriteAttributeString("xmlns", "maml", null, MamlNamespace);
            writer.WriteAttributeString("xmlns", "command", null, CommandNamespace);
            writer.WriteAttributeString("xmlns", "dev", null, DevNamespace);
            writer.WriteAttributeString("xmlns", "MSHelp", null, MSHelpNamespace);

            writer.WriteStartElement("command", "details", CommandNamespace);
            writer.WriteElementString("command", "name", CommandNamespace, command.Name);
            writer.WriteElementString("command", "verb", CommandNamespace, command.Verb);
            writer.WriteElementString("command", "noun", CommandNamespace, command.Noun);
            WriteParagraphs(writer, "maml", "description", MamlNamespace, command.Synopsis);
            writer.WriteEndElement();

            WriteParagraphs(writer, "maml", "description", MamlNamespace, command.Description);
            WriteSyntax(writer, command);

            writer.WriteStartElement("command", "parameters", CommandNamespace);
            foreach (ParameterHelp parameter in command.Parameters)
            {
                WriteParameter(writer, parameter, parameter.Primary, inSyntax: false);
            }

            writer.WriteEndElement();

            WriteTypes(writer, "inputTypes", "inputType", command.Inputs);
            WriteTypes(writer, "returnValues", "returnValue", command.Outputs);

            writer.WriteStartElement("maml", "alertSet", MamlNamespace);
            if (command.Notes.Count > 0)
            {
                WriteParagraphs(writer, "maml", "alert", MamlNamespace, command.Notes);
            }

            writer.WriteEndElement();

            WriteExamples(writer, command);
            WriteRelatedLinks(writer, command);
            writer.WriteEndElement();
        }

        private static void WriteSyntax(XmlWriter writer, CommandHelp command)
        {
            writer.WriteStartElement("command", "syntax", CommandNamespace);
            foreach (SyntaxSet set in command.SyntaxSets)
            {
                writer.WriteStartElement("command", "syntaxItem", CommandNamespace);
                writer.WriteElementString("maml", "name", MamlNamespace, command.Name);
                foreach (ParameterHelp parameter in OrderForSyntax(command, set))
                {
                    WriteParameter(writer, parameter, parameter.UsageFor(set.Name)!, inSyntax: true);
                }

                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        // The syntax line's order is the author's intent; parameters it omits follow, positional first.
        private static IEnumerable<ParameterHelp> OrderForSyntax(CommandHelp command, SyntaxSet set)
        {
            var ordered = new List<ParameterHelp>();
            foreach (string name in set.ParameterOrder)
            {
                ParameterHelp parameter = command.Parameters.First(candidate => string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase));
                if (!ordered.Contains(parameter))
                {
                    ordered.Add(parameter);
                }
            }

            IEnumerable<ParameterHelp> rest = command.Parameters
                .Where(parameter => !ordered.Contains(parameter) && parameter.UsageFor(set.Name) != null)
                .OrderBy(parameter => parameter.UsageFor(set.Name)!.Position == "named" ? int.MaxValue : int.Parse(parameter.UsageFor(set.Name)!.Position, System.Globalization.CultureInfo.InvariantCulture));
            ordered.AddRange(rest);
            return ordered;
        }

        private static void WriteParameter(XmlWriter writer, ParameterHelp parameter, ParameterUsage usage, bool inSyntax)
        {
            writer.WriteStartElement("command", "parameter", CommandNamespace);
            writer.WriteAttributeString("required", usage.Required ? "true" : "false");
            writer.WriteAttributeString("variableLength", "true");
            writer.WriteAttributeString("globbing", usage.Globbing ? "true" : "false");
            writer.WriteAttributeString("pipelineInput", usage.PipelineInput);
            writer.WriteAttributeString("position", usage.Position);
            writer.WriteAttributeString("aliases", usage.Aliases.Count == 0 ? "none" : string.Join(", ", usage.Aliases));

            writer.WriteElementString("maml", "name", MamlNamespace, parameter.Name);
            WriteParagraphs(writer, "maml", "description", MamlNamespace, parameter.Description);

            // Get-Help shows "{A | B | C}" instead of "<String>" when the accepted values are listed.
            if (usage.AcceptedValues.Count > 0)
            {
                writer.WriteStartElement("command", "parameterValueGroup", CommandNamespace);
                foreach (string value in usage.AcceptedValues)
                {
                    writer.WriteStartElement("command", "parameterValue", CommandNamespace);
                    writer.WriteAttributeString("required", "false");
                    writer.WriteAttributeString("command", "variableLength", CommandNamespace, "false");
                    writer.WriteString(value);
                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
            }

            // A switch has no value in the syntax ("[-Force]"); the parameter list still names its type.
            if (!(inSyntax && parameter.IsSwitch))
            {
                writer.WriteStartElement("command", "parameterValue", CommandNamespace);
                writer.WriteAttributeString("required", parameter.IsSwitch ? "false" : "true");
                writer.WriteAttributeString("variableLength", "false");
                writer.WriteString(usage.Type);
                writer.WriteEndElement();
            }

            writer.WriteStartElement("dev", "type", DevNamespace);
            writer.WriteElementString("maml", "name", MamlNamespace, usage.Type);
            writer.WriteStartElement("maml", "uri", MamlNamespace);
            writer.WriteEndElement();
            writer.WriteEndElement();

            writer.WriteElementString("dev", "defaultValue", DevNamespace, usage.DefaultValue);
            writer.WriteEndElement();
        }

        private static void WriteTypes(XmlWriter writer, string listName, string itemName, IEnumerable<TypeHelp> types)
        {
            writer.WriteStartElement("command", listName, CommandNamespace);
            foreach (TypeHelp type in types)
            {
                writer.WriteStartElement("command", itemName, CommandNamespace);
                writer.WriteStartElement("dev", "type", DevNamespace);
                writer.WriteElementString("maml", "name", MamlNamespace, type.TypeName);
                writer.WriteEndElement();
                WriteParagraphs(writer, "maml", "description", MamlNamespace, type.Description);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        private static void WriteExamples(XmlWriter writer, CommandHelp command)
        {
            writer.WriteStartElement("command", "examples", CommandNamespace);
            foreach (ExampleHelp example in command.Examples)
            {
                writer.WriteStartElement("command", "example", CommandNamespace);
                writer.WriteElementString("maml", "title", MamlNamespace, $"{ExampleRule} {example.Title} {ExampleRule}");
                if (example.Introduction.Count > 0)
                {
                    WriteParagraphs(writer, "maml", "introduction", MamlNamespace, example.Introduction);
                }

                writer.WriteElementString("dev", "code", DevNamespace, string.Join("\n\n", example.Code));
                WriteParagraphs(writer, "dev", "remarks", DevNamespace, example.Remarks);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        private static void WriteRelatedLinks(XmlWriter writer, CommandHelp command)
        {
            var links = new List<RelatedLink>();

            // Get-Help -Online opens the first link's uri; PlatyPS puts the online version there.
            if (command.OnlineVersion.Length > 0)
            {
                links.Add(new RelatedLink("Online Version:", command.OnlineVersion));
            }

            links.AddRange(command.RelatedLinks);
            writer.WriteStartElement("command", "relatedLinks", CommandNamespace);
            foreach (RelatedLink link in links)
            {
                writer.WriteStartElement("maml", "navigationLink", MamlNamespace);
                writer.WriteElementString("maml", "linkText", MamlNamespace, link.Text);
                writer.WriteElementString("maml", "uri", MamlNamespace, link.Uri);
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
        }

        private static void WriteParagraphs(XmlWriter writer, string prefix, string localName, string ns, IEnumerable<string> paragraphs)
        {
            writer.WriteStartElement(prefix, localName, ns);
            foreach (string paragraph in paragraphs)
            {
                writer.WriteElementString("maml", "para", MamlNamespace, paragraph);
            }

            writer.WriteEndElement();
        }
    }
}
