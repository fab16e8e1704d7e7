using System;
using System.Collections.Generic;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>Command-line options: --docs &lt;folder&gt; --out &lt;folder&gt; [--module &lt;name&gt;].</summary>
    internal sealed class CompilerOptions
    {
        public const string Usage = "Usage: ExchangeHardening.HelpCompiler --docs <markdown folder> --out <module>/<culture> [--module <ModuleName>]";

        public CompilerOptions(string docs, string output, string? module)
        {
            Docs = docs;
            Output = output;
            Module = module;
        }

        /// <summary>Folder with the cmdlet pages and about_*.md topics of one culture (docs/en-US).</summary>
        public string Docs { get; }

        /// <summary>The module's culture folder the help files go to (&lt;module&gt;/en-US).</summary>
        public string Output { get; }

        /// <summary>When set, every cmdlet page's 'Module Name' must equal it.</summary>
        public string? Module { get; }

        /// <summary>Returns null and sets <paramref name="error"/> when the arguments are not usable.</summary>
        public static CompilerOptions? Parse(IReadOnlyList<string> args, out string? error)
        {
            string? docs = null;
            string? output = null;
            string? module = null;
            error = null;
            for (int i = 0; i < args.Count; i++)
            {
                string name = args[i];
                if (i + 1 >= args.Count)
                {
                    error = $"Option '{name}' needs a value.";
                    return null;
                }

                string value = args[++i];
                switch (name.ToLowerInvariant())
                {
                    case "--docs":
                        docs = value;
                        break;
                    case "--out":
                        output = value;
                        break;
                    case "--module":
                        module = value;
                        break;
                    default:
                        error = $"Unknown option '{name}'.";
                        return null;
                }
            }

            if (string.IsNullOrWhiteSpace(docs) || string.IsNullOrWhiteSpace(output))
            {
                error = "Both --docs and --out are required.";
                return null;
            }

            return new CompilerOptions(docs, output, string.IsNullOrWhiteSpace(module) ? null : module);
        }
    }
}
