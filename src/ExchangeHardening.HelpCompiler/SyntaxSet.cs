using System.Collections.Generic;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>
    /// A parameter set from the SYNTAX section. The syntax line itself is not copied into MAML
    /// (Get-Help rebuilds it from the parameters) but its parameter order is kept.
    /// </summary>
    internal sealed class SyntaxSet
    {
        public const string AllParameterSets = "__AllParameterSets";

        public SyntaxSet(string name, bool isDefault, int line)
        {
            Name = name;
            IsDefault = isDefault;
            Line = line;
        }

        public string Name { get; }

        public bool IsDefault { get; }

        public int Line { get; }

        /// <summary>Parameter names in the order the syntax line lists them.</summary>
        public List<string> ParameterOrder { get; } = new List<string>();
    }
}
