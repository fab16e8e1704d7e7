using System;
using System.Collections.Generic;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>A "### -Name" entry of the PARAMETERS section.</summary>
    internal sealed class ParameterHelp
    {
        public ParameterHelp(string name, int line)
        {
            Name = name;
            Line = line;
        }

        public string Name { get; }

        public int Line { get; }

        public List<string> Description { get; } = new List<string>();

        public List<ParameterUsage> Usages { get; } = new List<ParameterUsage>();

        /// <summary>The first block describes the parameter in the flat parameter list, as PlatyPS does.</summary>
        public ParameterUsage Primary => Usages[0];

        /// <summary>Switches get no value placeholder in the syntax ("[-Force]", not "[-Force &lt;SwitchParameter&gt;]").</summary>
        public bool IsSwitch
        {
            get
            {
                string type = Primary.Type;
                return string.Equals(type, "SwitchParameter", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(type, "System.Management.Automation.SwitchParameter", StringComparison.OrdinalIgnoreCase);
            }
        }

        public ParameterUsage? UsageFor(string parameterSet)
        {
            return Usages.Find(usage => usage.AppliesTo(parameterSet));
        }
    }
}
