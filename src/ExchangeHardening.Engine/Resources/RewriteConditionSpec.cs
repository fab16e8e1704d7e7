using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>A rewrite condition or preCondition: input server variable and pattern.</summary>
    public sealed class RewriteConditionSpec : LocatedNode
    {
        public string? Input { get; set; }

        public string? Pattern { get; set; }
    }
}
