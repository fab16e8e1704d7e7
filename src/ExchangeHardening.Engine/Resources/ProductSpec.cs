using System;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>A product line with its version prefix, build range and lifecycle dates.</summary>
    public sealed class ProductSpec : LocatedNode
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? Version { get; set; }

        public int? BuildFrom { get; set; }

        public int? BuildBelow { get; set; }

        public DateTime? Released { get; set; }

        public DateTime? MainstreamSupportEnd { get; set; }

        public DateTime? EndOfSupport { get; set; }

        public string? EmergencyMitigationFrom { get; set; }

        public string? EmergencyMitigationMinimumUpdate { get; set; }

        public string? EmergencyMitigationDefinitionsUpdate { get; set; }

        public string? Successor { get; set; }
    }
}
