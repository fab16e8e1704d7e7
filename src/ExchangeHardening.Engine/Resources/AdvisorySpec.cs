using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>spec of kind Advisory: a security update or named campaign and its vulnerabilities.</summary>
    public sealed class AdvisorySpec : LocatedNode
    {
        public string? Campaign { get; set; }

        public string? Summary { get; set; }

        public string? Recommendation { get; set; }

        public List<VulnerabilitySpec>? Vulnerabilities { get; set; }

        public HuntingSpec? Hunting { get; set; }
    }
}
