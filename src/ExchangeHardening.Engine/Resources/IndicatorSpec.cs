using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>spec of kind Indicator: a sign of compromise in one evidence source type.</summary>
    public sealed class IndicatorSpec : LocatedNode
    {
        public FindingCategory? Category { get; set; }

        public string? Campaign { get; set; }

        public List<string>? Cves { get; set; }

        public Severity? Severity { get; set; }

        public Confidence? Confidence { get; set; }

        public string? Source { get; set; }

        public List<string>? Literals { get; set; }

        public List<IndicatorConditionSpec>? Conditions { get; set; }

        public string? FalsePositives { get; set; }

        public string? Recommendation { get; set; }
    }
}
