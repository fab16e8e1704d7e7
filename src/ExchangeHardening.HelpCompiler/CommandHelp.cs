using System.Collections.Generic;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>Everything one cmdlet markdown file says, ready to be written as MAML.</summary>
    internal sealed class CommandHelp
    {
        public CommandHelp(string name, string sourceFile, string externalHelpFile)
        {
            Name = name;
            SourceFile = sourceFile;
            ExternalHelpFile = externalHelpFile;
        }

        public string Name { get; }

        public string Verb => Name.Substring(0, Name.IndexOf('-', System.StringComparison.Ordinal));

        public string Noun => Name.Substring(Name.IndexOf('-', System.StringComparison.Ordinal) + 1);

        public string SourceFile { get; }

        /// <summary>The MAML file name from the front matter ("ExchangeHardening.dll-Help.xml").</summary>
        public string ExternalHelpFile { get; }

        public string OnlineVersion { get; set; } = string.Empty;

        public List<string> Synopsis { get; } = new List<string>();

        public List<string> Description { get; } = new List<string>();

        public List<SyntaxSet> SyntaxSets { get; } = new List<SyntaxSet>();

        public List<ParameterHelp> Parameters { get; } = new List<ParameterHelp>();

        public List<ExampleHelp> Examples { get; } = new List<ExampleHelp>();

        public List<TypeHelp> Inputs { get; } = new List<TypeHelp>();

        public List<TypeHelp> Outputs { get; } = new List<TypeHelp>();

        public List<string> Notes { get; } = new List<string>();

        public List<RelatedLink> RelatedLinks { get; } = new List<RelatedLink>();
    }
}
