using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>spec of kind Mitigation: what a mitigation blocks, when it is needed, how to recognise it.</summary>
    public sealed class MitigationSpec : LocatedNode
    {
        public MitigationOrigin? Origin { get; set; }

        public List<string>? Mitigates { get; set; }

        public string? LowestApplicable { get; set; }

        public string? HighestApplicable { get; set; }

        public List<string>? FixedBy { get; set; }

        public List<string>? RuleNames { get; set; }

        public List<RewriteRuleSpec>? Rules { get; set; }

        public string? Rollback { get; set; }
    }
}
