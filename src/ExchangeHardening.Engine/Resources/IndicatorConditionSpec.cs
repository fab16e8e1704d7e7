using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>One field test of an indicator, or a group of tests (<see cref="All"/> or <see cref="Any"/>).</summary>
    public sealed class IndicatorConditionSpec : LocatedNode
    {
        public string? Field { get; set; }

        public ConditionOperator? Operator { get; set; }

        public string? Value { get; set; }

        /// <summary>For In; for the other comparing operators, any of them may match.</summary>
        public List<string>? Values { get; set; }

        /// <summary>Inverts the test.</summary>
        public bool? Not { get; set; }

        /// <summary>Test the URL-decoded value (%XX and '+' decoded) instead of the value as logged.</summary>
        public bool? UrlDecode { get; set; }

        /// <summary>Compare with case; default false (case-insensitive).</summary>
        public bool? CaseSensitive { get; set; }

        /// <summary>A group: every condition must hold.</summary>
        public List<IndicatorConditionSpec>? All { get; set; }

        /// <summary>A group: at least one condition must hold.</summary>
        public List<IndicatorConditionSpec>? Any { get; set; }
    }
}
