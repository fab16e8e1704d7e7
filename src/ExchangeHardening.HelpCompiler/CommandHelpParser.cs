using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>
    /// Reads a cmdlet page in the PlatyPS 0.14 markdown format (schema 2.0.0). It accepts exactly what
    /// PlatyPS writes and is strict about the rest: anything it cannot place would otherwise vanish
    /// silently from Get-Help, so it is an error that names the file and line instead.
    /// </summary>
    internal sealed class CommandHelpParser
    {
        private const string Synopsis = "SYNOPSIS";
        private const string Syntax = "SYNTAX";
        private const string Description = "DESCRIPTION";
        private const string Examples = "EXAMPLES";
        private const string Parameters = "PARAMETERS";
        private const string Inputs = "INPUTS";
        private const string Outputs = "OUTPUTS";
        private const string Notes = "NOTES";
        private const string RelatedLinks = "RELATED LINKS";

        private static readonly string[] KnownSections = { Synopsis, Syntax, Description, Examples, Parameters, Inputs, Outputs, Notes, RelatedLinks };

        // The yaml keys PlatyPS 0.14 writes for a parameter ("Applicable" only with -ApplicableTag).
        private static readonly string[] KnownYamlKeys =
        {
            "Type", "Parameter Sets", "Aliases", "Accepted values", "Applicable", "Required", "Position",
            "Default value", "Accept pipeline input", "Accept wildcard characters",
        };

        private static readonly string[] RequiredYamlKeys = { "Type", "Parameter Sets", "Required", "Position" };

        private static readonly Regex CommandName = new Regex(@"^[A-Za-z]+-[A-Za-z0-9_]+$", RegexOptions.CultureInvariant);
        private static readonly Regex SyntaxParameter = new Regex(@"(?<=^|[\s\[])-([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant);
        private static readonly Regex Placeholder = new Regex(@"\{\{\s*(Fill|Add)\b[^}]*\}\}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
        // PlatyPS 0.14 matches a fence as ```(\w*) and reads the rest of the fence line as the first line of code.
        private static readonly Regex PlatyPSInfoString = new Regex(@"^\w*$", RegexOptions.CultureInvariant);
        private static readonly Regex LinkLine = new Regex(@"^\[(?<text>[^\]]*)\]\(\s*<?(?<uri>[^)\s>]*)>?\s*\)$", RegexOptions.CultureInvariant);

        private readonly MarkdownDocument document;

        private CommandHelpParser(MarkdownDocument document)
        {
            this.document = document;
        }

        private string File => document.File;

        /// <param name="moduleName">When set, the front matter's "Module Name" must equal it.</param>
        public static CommandHelp Parse(MarkdownDocument document, string? moduleName)
        {
            return new CommandHelpParser(document).Parse(moduleName);
        }

        private CommandHelp Parse(string? moduleName)
        {
            FrontMatter frontMatter = document.FrontMatter
                ?? throw Error(1, "A cmdlet page must start with PlatyPS front matter ('---', 'external help file: ...', 'schema: 2.0.0', '---').");
            string externalHelpFile = CheckFrontMatter(frontMatter, moduleName);

            foreach (MarkdownBlock block in document.Blocks)
            {
                if (block.Kind == MarkdownBlockKind.Comment)
                {
                    continue;
                }

                if (block.Kind == MarkdownBlockKind.Code && !PlatyPSInfoString.IsMatch(block.Info))
                {
                    throw Error(block.Line, $"'```{block.Info}': only a language name may follow the fence; PlatyPS would read the rest as code. "
                        + $"To mark an example runnable, put '{ExampleHelp.RunnableMarker}' on the line above the fence.");
                }

                foreach (string line in block.Lines)
                {
                    Match placeholder = Placeholder.Match(line);
                    if (placeholder.Success)
                    {
                        throw Error(block.Line, $"PlatyPS placeholder '{placeholder.Value}' was not replaced by real text.");
                    }
                }
            }

            List<MarkdownSection> titles = MarkdownSection.Split(document.Blocks, 1, out List<MarkdownBlock> beforeTitle);
            beforeTitle.RemoveAll(IsComment);
            if (beforeTitle.Count > 0 || titles.Count == 0)
            {
                int line = beforeTitle.Count > 0 ? beforeTitle[0].Line : frontMatter.LastLine;
                throw Error(line, "Expected the cmdlet name as the first heading ('# Verb-Noun').");
            }

            if (titles.Count > 1)
            {
                throw Error(titles[1].Line, $"A cmdlet page has one '# ' heading; '{titles[1].Title}' is a second one.");
            }

            MarkdownSection title = titles[0];
            if (!CommandName.IsMatch(title.Title))
            {
                throw Error(title.Line, $"'{title.Title}' is not a cmdlet name of the form Verb-Noun.");
            }

            var help = new CommandHelp(title.Title, File, externalHelpFile)
            {
                OnlineVersion = frontMatter.Get("online version") ?? string.Empty,
            };

            Dictionary<string, MarkdownSection> sections = ReadSections(title);
            help.Synopsis.AddRange(RequireText(sections, Synopsis, title.Line));
            ReadSyntax(help, Require(sections, Syntax, title.Line));
            help.Description.AddRange(RequireText(sections, Description, title.Line));

            if (sections.TryGetValue(Examples, out MarkdownSection? examples))
            {
                ReadExamples(help, examples);
            }

            if (sections.TryGetValue(Parameters, out MarkdownSection? parameters))
            {
                ReadParameters(help, parameters);
            }

            CheckParameterSets(help);

            if (sections.TryGetValue(Inputs, out MarkdownSection? inputs))
            {
                help.Inputs.AddRange(ReadTypes(inputs));
            }

            if (sections.TryGetValue(Outputs, out MarkdownSection? outputs))
            {
                help.Outputs.AddRange(ReadTypes(outputs));
            }

            if (sections.TryGetValue(Notes, out MarkdownSection? notes))
            {
                help.Notes.AddRange(InlineText.ToParagraphs(notes.Body));
            }

            if (sections.TryGetValue(RelatedLinks, out MarkdownSection? links))
            {
                ReadRelatedLinks(help, links);
            }

            return help;
        }

        private string CheckFrontMatter(FrontMatter frontMatter, string? moduleName)
        {
            string? schema = frontMatter.Get("schema");
            if (schema != "2.0.0")
            {
                throw Error(frontMatter.LineOf("schema"), schema == null
                    ? "The front matter has no 'schema: 2.0.0' line."
                    : $"Unsupported schema '{schema}': this compiler reads the PlatyPS schema 2.0.0.");
            }

            string? externalHelpFile = frontMatter.Get("external help file");
            if (string.IsNullOrWhiteSpace(externalHelpFile)
                || externalHelpFile.IndexOfAny(new[] { '/', '\\' }) >= 0
                || !externalHelpFile.EndsWith(".xml", StringComparison.OrdinalIgnoreCase))
            {
                throw Error(frontMatter.LineOf("external help file"), "The front matter needs 'external help file: <Assembly>.dll-Help.xml' (a file name ending in .xml).");
            }

            string? module = frontMatter.Get("Module Name");
            if (moduleName != null && !string.Equals(module, moduleName, StringComparison.OrdinalIgnoreCase))
            {
                throw Error(frontMatter.LineOf("Module Name"), $"'Module Name' is '{module}', expected '{moduleName}'.");
            }

            return externalHelpFile;
        }

        private Dictionary<string, MarkdownSection> ReadSections(MarkdownSection title)
        {
            List<MarkdownSection> sections = MarkdownSection.Split(title.Body, 2, out List<MarkdownBlock> leading);
            leading.RemoveAll(IsComment);
            if (leading.Count > 0)
            {
                throw Error(leading[0].Line, "Text between the cmdlet name and '## SYNOPSIS' is not part of any section.");
            }

            var byName = new Dictionary<string, MarkdownSection>(StringComparer.OrdinalIgnoreCase);
            foreach (MarkdownSection section in sections)
            {
                if (!KnownSections.Contains(section.Title, StringComparer.OrdinalIgnoreCase))
                {
                    throw Error(section.Line, $"Unknown section '## {section.Title}'. Known sections: {string.Join(", ", KnownSections)}.");
                }

                if (byName.TryGetValue(section.Title, out MarkdownSection? first))
                {
                    throw Error(section.Line, $"Section '## {section.Title}' appears twice (first on line {first.Line}).");
                }

                // Comments are for authors and never reach Get-Help; only the examples give one a meaning.
                if (!section.Title.Equals(Examples, StringComparison.OrdinalIgnoreCase))
                {
                    section.Body.RemoveAll(IsComment);
                }

                byName.Add(section.Title, section);
            }

            return byName;
        }

        private MarkdownSection Require(Dictionary<string, MarkdownSection> sections, string name, int titleLine)
        {
            if (!sections.TryGetValue(name, out MarkdownSection? section))
            {
                throw Error(titleLine, $"The cmdlet page has no '## {name}' section.");
            }

            return section;
        }

        private List<string> RequireText(Dictionary<string, MarkdownSection> sections, string name, int titleLine)
        {
            MarkdownSection section = Require(sections, name, titleLine);
            List<string> paragraphs = InlineText.ToParagraphs(section.Body);
            if (paragraphs.All(string.IsNullOrWhiteSpace))
            {
                throw Error(section.Line, $"The '## {name}' section is empty.");
            }

            return paragraphs;
        }

        private void ReadSyntax(CommandHelp help, MarkdownSection section)
        {
            List<MarkdownSection> sets = MarkdownSection.Split(section.Body, 3, out List<MarkdownBlock> leading);
            List<MarkdownBlock> leadingCode = leading.Where(block => block.Kind == MarkdownBlockKind.Code).ToList();

            // PlatyPS writes a bare code block when the cmdlet has only the implicit parameter set.
            if (sets.Count == 0)
            {
                if (leadingCode.Count != 1)
                {
                    throw Error(section.Line, "'## SYNTAX' needs one code block with the syntax line, or one '### <ParameterSetName>' heading with a code block per parameter set.");
                }

                help.SyntaxSets.Add(ReadSyntaxSet(help, SyntaxSet.AllParameterSets, false, leadingCode[0], section.Line));
                return;
            }

            if (leadingCode.Count > 0)
            {
                throw Error(leadingCode[0].Line, "This syntax code block is not under a '### <ParameterSetName>' heading.");
            }

            foreach (MarkdownSection set in sets)
            {
                string name = set.Title;
                bool isDefault = false;
                const string DefaultSuffix = "(Default)";
                if (name.EndsWith(DefaultSuffix, StringComparison.OrdinalIgnoreCase))
                {
                    name = name.Substring(0, name.Length - DefaultSuffix.Length).Trim();
                    isDefault = true;
                }

                List<MarkdownBlock> code = set.Body.Where(block => block.Kind == MarkdownBlockKind.Code).ToList();
                if (code.Count != 1)
                {
                    throw Error(set.Line, $"Parameter set '{name}' needs exactly one code block with its syntax line.");
                }

                SyntaxSet? duplicate = help.SyntaxSets.Find(existing => string.Equals(existing.Name, name, StringComparison.OrdinalIgnoreCase));
                if (duplicate != null)
                {
                    throw Error(set.Line, $"Parameter set '{name}' appears twice in SYNTAX (first on line {duplicate.Line}).");
                }

                help.SyntaxSets.Add(ReadSyntaxSet(help, name, isDefault, code[0], set.Line));
            }
        }

        private SyntaxSet ReadSyntaxSet(CommandHelp help, string name, bool isDefault, MarkdownBlock code, int line)
        {
            string text = string.Join(" ", code.Lines).Trim();
            string firstWord = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? string.Empty;
            if (!string.Equals(firstWord, help.Name, StringComparison.OrdinalIgnoreCase))
            {
                throw Error(code.Line, $"The syntax line must start with the cmdlet name '{help.Name}'.");
            }

            var set = new SyntaxSet(name, isDefault, line);
            foreach (Match match in SyntaxParameter.Matches(text.Substring(firstWord.Length)))
            {
                set.ParameterOrder.Add(match.Groups[1].Value);
            }

            return set;
        }

        private void ReadExamples(CommandHelp help, MarkdownSection section)
        {
            List<MarkdownSection> examples = MarkdownSection.Split(section.Body, 3, out List<MarkdownBlock> leading);
            leading.RemoveAll(IsComment);
            if (leading.Count > 0)
            {
                throw Error(leading[0].Line, "Examples start with a '### Example N: title' heading.");
            }

            foreach (MarkdownSection entry in examples)
            {
                var example = new ExampleHelp(entry.Title, entry.Line);
                var introduction = new List<MarkdownBlock>();
                var remarks = new List<MarkdownBlock>();
                for (int index = 0; index < entry.Body.Count; index++)
                {
                    MarkdownBlock block = entry.Body[index];
                    if (block.Kind == MarkdownBlockKind.Comment)
                    {
                        ReadExampleComment(example, block, index + 1 < entry.Body.Count ? entry.Body[index + 1] : null);
                        continue;
                    }

                    // Code blocks that follow each other form the example; anything after the first
                    // text that follows them (code included) is remarks.
                    if (block.Kind == MarkdownBlockKind.Code && remarks.Count == 0)
                    {
                        example.Code.Add(string.Join("\n", block.Lines));
                    }
                    else if (example.Code.Count == 0)
                    {
                        introduction.Add(block);
                    }
                    else
                    {
                        remarks.Add(block);
                    }
                }

                if (example.Code.Count == 0)
                {
                    throw Error(entry.Line, $"'{entry.Title}' has no code block.");
                }

                example.Introduction.AddRange(InlineText.ToParagraphs(introduction));
                example.Remarks.AddRange(InlineText.ToParagraphs(remarks));
                help.Examples.Add(example);
            }
        }

        // The only comment an example takes is the runnable marker, directly above its first code block. Anything
        // else is an error rather than a silently ignored comment, so that a misspelt or misplaced marker cannot
        // quietly drop an example from the tests that run the runnable ones.
        private void ReadExampleComment(ExampleHelp example, MarkdownBlock comment, MarkdownBlock? next)
        {
            string text = string.Join("\n", comment.Lines).Trim();
            string placement = $"'{ExampleHelp.RunnableMarker}' on the line directly above the example's first code fence";
            if (!("<!--" + string.Join("\n", comment.Lines) + "-->").Equals(ExampleHelp.RunnableMarker, StringComparison.Ordinal))
            {
                throw Error(comment.Line, $"Unknown comment '<!-- {text} -->' in '{example.Title}'. The only comment an example takes is {placement}.");
            }

            if (example.Runnable || example.Code.Count > 0 || next == null || next.Kind != MarkdownBlockKind.Code || next.Line != comment.LastLine + 1)
            {
                throw Error(comment.Line, $"Misplaced runnable marker in '{example.Title}': write {placement}.");
            }

            example.Runnable = true;
        }

        private static bool IsComment(MarkdownBlock block)
        {
            return block.Kind == MarkdownBlockKind.Comment;
        }

        private void ReadParameters(CommandHelp help, MarkdownSection section)
        {
            List<MarkdownSection> entries = MarkdownSection.Split(section.Body, 3, out List<MarkdownBlock> leading);
            if (leading.Count > 0)
            {
                throw Error(leading[0].Line, "Parameters start with a '### -Name' heading.");
            }

            foreach (MarkdownSection entry in entries)
            {
                // The common parameters are described by PowerShell itself; PlatyPS only links to them.
                if (entry.Title.Equals("CommonParameters", StringComparison.OrdinalIgnoreCase)
                    || entry.Title.Equals("WorkflowCommonParameters", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (!entry.Title.StartsWith("-", StringComparison.Ordinal) || entry.Title.Length < 2)
                {
                    throw Error(entry.Line, $"'### {entry.Title}' is not a parameter heading ('### -Name' or '### CommonParameters').");
                }

                var parameter = new ParameterHelp(entry.Title.Substring(1).Trim(), entry.Line);
                ParameterHelp? duplicate = help.Parameters.Find(existing => string.Equals(existing.Name, parameter.Name, StringComparison.OrdinalIgnoreCase));
                if (duplicate != null)
                {
                    throw Error(entry.Line, $"Parameter -{parameter.Name} is described twice (first on line {duplicate.Line}).");
                }

                var description = new List<MarkdownBlock>();
                foreach (MarkdownBlock block in entry.Body)
                {
                    if (block.Kind == MarkdownBlockKind.Code && block.Info.Equals("yaml", StringComparison.OrdinalIgnoreCase))
                    {
                        parameter.Usages.Add(ReadUsage(block));
                    }
                    else if (parameter.Usages.Count == 0)
                    {
                        description.Add(block);
                    }
                    else
                    {
                        throw Error(block.Line, $"Text after the yaml block of -{parameter.Name} is not part of its help; move it above the yaml block.");
                    }
                }

                if (parameter.Usages.Count == 0)
                {
                    throw Error(entry.Line, $"Parameter -{parameter.Name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, ...).");
                }

                parameter.Description.AddRange(InlineText.ToParagraphs(description));
                if (parameter.Description.All(string.IsNullOrWhiteSpace))
                {
                    throw Error(entry.Line, $"Parameter -{parameter.Name} has no description above its yaml block.");
                }

                help.Parameters.Add(parameter);
            }
        }

        private ParameterUsage ReadUsage(MarkdownBlock block)
        {
            var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var lines = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < block.Lines.Count; i++)
            {
                string text = block.Lines[i];
                int line = block.Line + 1 + i;
                if (text.Trim().Length == 0)
                {
                    continue;
                }

                int colon = text.IndexOf(':', StringComparison.Ordinal);
                if (colon <= 0)
                {
                    throw Error(line, $"Malformed parameter yaml line '{text.Trim()}': expected 'Key: value'.");
                }

                string key = text.Substring(0, colon).Trim();
                string? known = KnownYamlKeys.FirstOrDefault(candidate => candidate.Equals(key, StringComparison.OrdinalIgnoreCase));
                if (known == null)
                {
                    throw Error(line, $"Unknown parameter yaml key '{key}'. Known keys: {string.Join(", ", KnownYamlKeys)}.");
                }

                if (lines.TryGetValue(known, out int first))
                {
                    throw Error(line, $"Parameter yaml key '{known}' appears twice (first on line {first}).");
                }

                values[known] = text.Substring(colon + 1).Trim();
                lines[known] = line;
            }

            foreach (string key in RequiredYamlKeys)
            {
                if (!values.TryGetValue(key, out string? value) || value.Length == 0)
                {
                    throw Error(block.Line, $"The parameter yaml block has no '{key}:' value.");
                }
            }

            var usage = new ParameterUsage(block.Line)
            {
                Type = values["Type"],
                Required = ReadBoolean(values, lines, "Required"),
                Globbing = values.ContainsKey("Accept wildcard characters") && ReadBoolean(values, lines, "Accept wildcard characters"),
            };

            string sets = values["Parameter Sets"];
            if (!sets.Equals("(All)", StringComparison.OrdinalIgnoreCase))
            {
                usage.ParameterSets.AddRange(SplitList(sets));
            }

            if (values.TryGetValue("Aliases", out string? aliases) && !aliases.Equals("None", StringComparison.OrdinalIgnoreCase))
            {
                usage.Aliases.AddRange(SplitList(aliases));
            }

            if (values.TryGetValue("Accepted values", out string? accepted))
            {
                usage.AcceptedValues.AddRange(SplitList(accepted));
            }

            string position = values["Position"];
            if (position.Equals("Named", StringComparison.OrdinalIgnoreCase))
            {
                usage.Position = "named";
            }
            else if (int.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                usage.Position = index.ToString(CultureInfo.InvariantCulture);
            }
            else
            {
                throw Error(lines["Position"], $"Position must be 'Named' or a number, not '{position}'.");
            }

            if (values.TryGetValue("Default value", out string? defaultValue) && defaultValue.Length > 0)
            {
                usage.DefaultValue = defaultValue;
            }

            if (values.TryGetValue("Accept pipeline input", out string? pipeline) && pipeline.Length > 0)
            {
                if (!pipeline.StartsWith("True", StringComparison.OrdinalIgnoreCase) && !pipeline.StartsWith("False", StringComparison.OrdinalIgnoreCase))
                {
                    throw Error(lines["Accept pipeline input"], $"'Accept pipeline input' must be False or True (ByValue, ByPropertyName), not '{pipeline}'.");
                }

                usage.PipelineInput = pipeline;
            }

            return usage;
        }

        private bool ReadBoolean(Dictionary<string, string> values, Dictionary<string, int> lines, string key)
        {
            string value = values[key];
            if (value.Equals("True", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (value.Equals("False", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            throw Error(lines[key], $"'{key}' must be True or False, not '{value}'.");
        }

        private static IEnumerable<string> SplitList(string value)
        {
            return value.Split(',').Select(item => item.Trim()).Where(item => item.Length > 0);
        }

        // The yaml blocks and the SYNTAX section must describe the same parameter sets; a mismatch
        // would make Get-Help show a syntax that the cmdlet does not have.
        private void CheckParameterSets(CommandHelp help)
        {
            foreach (ParameterHelp parameter in help.Parameters)
            {
                foreach (ParameterUsage usage in parameter.Usages)
                {
                    foreach (string setName in usage.ParameterSets)
                    {
                        if (!help.SyntaxSets.Exists(set => string.Equals(set.Name, setName, StringComparison.OrdinalIgnoreCase)))
                        {
                            throw Error(usage.Line, $"Parameter -{parameter.Name} names parameter set '{setName}', which has no '### {setName}' entry in SYNTAX.");
                        }
                    }
                }

                foreach (SyntaxSet set in help.SyntaxSets)
                {
                    List<ParameterUsage> matching = parameter.Usages.Where(usage => usage.AppliesTo(set.Name)).ToList();
                    if (matching.Count > 1)
                    {
                        throw Error(matching[1].Line, $"Parameter -{parameter.Name} has two yaml blocks for parameter set '{set.Name}' (first on line {matching[0].Line}).");
                    }
                }
            }

            foreach (SyntaxSet set in help.SyntaxSets)
            {
                foreach (string name in set.ParameterOrder)
                {
                    ParameterHelp? parameter = help.Parameters.Find(candidate => string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase));
                    if (parameter == null)
                    {
                        throw Error(set.Line, $"The syntax of parameter set '{set.Name}' uses -{name}, which has no '### -{name}' entry in PARAMETERS.");
                    }

                    if (parameter.UsageFor(set.Name) == null)
                    {
                        throw Error(set.Line, $"The syntax of parameter set '{set.Name}' uses -{name}, but the 'Parameter Sets' of -{name} (line {parameter.Primary.Line}) do not include '{set.Name}'.");
                    }
                }
            }
        }

        private List<TypeHelp> ReadTypes(MarkdownSection section)
        {
            List<MarkdownSection> entries = MarkdownSection.Split(section.Body, 3, out List<MarkdownBlock> leading);
            if (leading.Count > 0)
            {
                throw Error(leading[0].Line, $"Entries of '## {section.Title}' start with a '### <TypeName>' heading.");
            }

            var types = new List<TypeHelp>();
            foreach (MarkdownSection entry in entries)
            {
                var type = new TypeHelp(InlineText.Clean(entry.Title));
                type.Description.AddRange(InlineText.ToParagraphs(entry.Body));
                types.Add(type);
            }

            return types;
        }

        private static void ReadRelatedLinks(CommandHelp help, MarkdownSection section)
        {
            foreach (MarkdownBlock block in section.Body)
            {
                // PlatyPS writes one link per paragraph; hand-written pages often use a list.
                IEnumerable<string> lines = block.Kind == MarkdownBlockKind.ListItem ? new[] { block.Text } : block.Lines;
                foreach (string line in lines.Select(text => text.Trim()).Where(text => text.Length > 0))
                {
                    Match link = LinkLine.Match(line);
                    help.RelatedLinks.Add(link.Success
                        ? new RelatedLink(InlineText.Clean(link.Groups["text"].Value), link.Groups["uri"].Value)
                        : new RelatedLink(InlineText.Clean(line), string.Empty));
                }
            }
        }

        private HelpSourceException Error(int line, string reason)
        {
            return new HelpSourceException(File, line, reason);
        }
    }
}
