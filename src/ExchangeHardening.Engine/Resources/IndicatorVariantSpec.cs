using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>A graded outcome of an indicator: when its conditions hold, the finding takes this severity and confidence.</summary>
    public sealed class IndicatorVariantSpec : LocatedNode
    {
        /// <summary>All must hold.</summary>
        public List<IndicatorConditionSpec>? When { get; set; }

        public Severity? Severity { get; set; }

        public Confidence? Confidence { get; set; }

        /// <summary>Appended to the title in parentheses, e.g. "attempt".</summary>
        public string? TitleSuffix { get; set; }
    }
}
