using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>A rewrite condition or preCondition: input server variable and pattern.</summary>
    public sealed class RewriteConditionSpec : LocatedNode
    {
        public string? Input { get; set; }

        public string? Pattern { get; set; }

        /// <summary>Other inputs that count as the same condition, e.g. an earlier tool version's spelling.</summary>
        public List<string>? InputVariants { get; set; }

        /// <summary>Other patterns that count as the same condition, e.g. the patterns of earlier tool versions.</summary>
        public List<string>? PatternVariants { get; set; }
    }
}
