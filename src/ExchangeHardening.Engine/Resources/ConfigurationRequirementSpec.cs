using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>Configuration that must hold, besides the build, for a fix to protect.</summary>
    public sealed class ConfigurationRequirementSpec : LocatedNode
    {
        public ConfigurationCheck? Check { get; set; }

        public string? Description { get; set; }

        /// <summary>"Product CU" entries (e.g. "Exchange2019 CU10") from which the CU itself carries the configuration.</summary>
        public List<string>? SatisfiedFrom { get; set; }
    }
}
