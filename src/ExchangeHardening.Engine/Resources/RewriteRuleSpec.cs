using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>The behaviour of an IIS URL Rewrite rule, independent of its name.</summary>
    public sealed class RewriteRuleSpec : LocatedNode
    {
        public RewriteDirection? Direction { get; set; }

        public RewriteLocation? Location { get; set; }

        public string? MatchUrl { get; set; }

        public string? ServerVariable { get; set; }

        public string? MatchPattern { get; set; }

        public List<RewriteConditionSpec>? Conditions { get; set; }

        public List<RewriteConditionSpec>? PreConditions { get; set; }

        public RewriteAction? Action { get; set; }

        /// <summary>Further action types that count as the same behaviour (M1: CustomResponse blocks the request too).</summary>
        public List<RewriteAction>? AcceptedActions { get; set; }

        public string? ActionValue { get; set; }
    }
}
