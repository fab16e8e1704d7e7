using System.Collections.Generic;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>
    /// One ```yaml block of a parameter: how the parameter behaves in the parameter sets it names.
    /// PlatyPS writes one block per distinct behaviour, so a parameter that is mandatory in one set
    /// and optional in another has two.
    /// </summary>
    internal sealed class ParameterUsage
    {
        public ParameterUsage(int line)
        {
            Line = line;
        }

        public int Line { get; }

        public string Type { get; set; } = string.Empty;

        /// <summary>Parameter set names; empty means "(All)".</summary>
        public List<string> ParameterSets { get; } = new List<string>();

        public bool AllParameterSets => ParameterSets.Count == 0;

        public List<string> Aliases { get; } = new List<string>();

        public List<string> AcceptedValues { get; } = new List<string>();

        public bool Required { get; set; }

        /// <summary>"named" or a zero-based position, as MAML spells it.</summary>
        public string Position { get; set; } = "named";

        public string DefaultValue { get; set; } = "None";

        /// <summary>Kept verbatim ("True (ByPropertyName)"): Get-Help prints this attribute as it is.</summary>
        public string PipelineInput { get; set; } = "False";

        public bool Globbing { get; set; }

        public bool AppliesTo(string parameterSet)
        {
            return AllParameterSets || ParameterSets.Exists(name => string.Equals(name, parameterSet, System.StringComparison.OrdinalIgnoreCase));
        }
    }
}
