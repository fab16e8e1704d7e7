using System;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>One build row of a catalog: a CU release (update RTM) or an update for that CU.</summary>
    public sealed class BuildSpec : LocatedNode
    {
        public string? Cu { get; set; }

        public string? Update { get; set; }

        public string? Build { get; set; }

        public DateTime? Released { get; set; }

        public string? Kb { get; set; }

        public string? Source { get; set; }

        public string? Note { get; set; }
    }
}
