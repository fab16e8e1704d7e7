using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>One field test of an indicator.</summary>
    public sealed class IndicatorConditionSpec : LocatedNode
    {
        public string? Field { get; set; }

        public ConditionOperator? Operator { get; set; }

        public string? Value { get; set; }

        public List<string>? Values { get; set; }
    }
}
