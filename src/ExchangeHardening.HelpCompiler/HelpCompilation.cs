using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>
    /// Compiles one culture folder: every cmdlet page into the MAML file its front matter names, every
    /// about_*.md into about_*.help.txt. All files are checked before anything is written, so a broken
    /// page never leaves half-updated help behind, and every error is reported, not just the first.
    /// </summary>
    internal static class HelpCompilation
    {
        public const int Success = 0;
        public const int SourceErrors = 1;
        public const int UsageError = 2;

        public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
        {
            CompilerOptions? options = CompilerOptions.Parse(args, out string? usageError);
            if (options == null)
            {
                errors.WriteLine(usageError);
                errors.WriteLine(CompilerOptions.Usage);
                return UsageError;
            }

            return Run(options, output, errors);
        }

        public static int Run(CompilerOptions options, TextWriter output, TextWriter errors)
        {
            if (!Directory.Exists(options.Docs))
            {
                errors.WriteLine($"{options.Docs}: error: the docs folder does not exist.");
                return SourceErrors;
            }

            string[] files = Directory.GetFiles(options.Docs, "*.md").OrderBy(Path.GetFileName, StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                errors.WriteLine($"{options.Docs}: error: no *.md files found.");
                return SourceErrors;
            }

            var commands = new List<CommandHelp>();
            var abouts = new List<KeyValuePair<string, string>>();
            int errorCount = 0;
            foreach (string file in files)
            {
                string displayPath = Path.Combine(options.Docs, Path.GetFileName(file));
                try
                {
                    MarkdownDocument document = MarkdownDocument.Load(file, displayPath);
                    if (MarkdownDocument.IsAboutTopic(file))
                    {
                        string topic = Path.GetFileNameWithoutExtension(file);
                        abouts.Add(new KeyValuePair<string, string>(topic + ".help.txt", AboutTopicWriter.Convert(document, topic)));
                    }
                    else if (IsModulePage(document))
                    {
                        // PlatyPS's module page (<Module>.md) only feeds updatable-help cab files.
                        continue;
                    }
                    else
                    {
                        CommandHelp command = CommandHelpParser.Parse(document, options.Module);
                        CommandHelp? duplicate = commands.Find(existing => string.Equals(existing.Name, command.Name, StringComparison.OrdinalIgnoreCase));
                        if (duplicate != null)
                        {
                            throw new HelpSourceException(displayPath, 1, $"Cmdlet {command.Name} is already documented in {duplicate.SourceFile}.");
                        }

                        commands.Add(command);
                    }
                }
                catch (HelpSourceException exception)
                {
                    errors.WriteLine(exception.Message);
                    errorCount++;
                }
                catch (Exception exception) when (exception is IOException || exception is UnauthorizedAccessException)
                {
                    errors.WriteLine($"{displayPath}: error: {exception.Message}");
                    errorCount++;
                }
            }

            if (errorCount > 0)
            {
                errors.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} error(s); no help files were written.", errorCount));
                return SourceErrors;
            }

            Directory.CreateDirectory(options.Output);
            foreach (IGrouping<string, CommandHelp> group in commands.GroupBy(command => command.ExternalHelpFile, StringComparer.OrdinalIgnoreCase))
            {
                string path = Path.Combine(options.Output, group.Key);
                MamlWriter.Write(path, group);
                output.WriteLine(string.Format(CultureInfo.InvariantCulture, "Wrote {0} ({1} cmdlet(s): {2})", path, group.Count(), string.Join(", ", group.Select(command => command.Name))));
            }

            foreach (KeyValuePair<string, string> about in abouts)
            {
                string path = Path.Combine(options.Output, about.Key);
                AboutTopicWriter.Write(path, about.Value);
                output.WriteLine($"Wrote {path}");
            }

            return Success;
        }

        private static bool IsModulePage(MarkdownDocument document)
        {
            FrontMatter? frontMatter = document.FrontMatter;
            return frontMatter != null && !frontMatter.Contains("external help file") && frontMatter.Contains("Module Guid");
        }
    }
}
