using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>A named preCondition of outbound rules (outboundRules/preConditions/preCondition).</summary>
    public sealed class IisPreCondition : IisCollectionEntry
    {
        internal IisPreCondition(string name, IisRuleScope scope, SourceLocation location, int position, string logicalGrouping, string patternSyntax, IReadOnlyList<IisRewriteCondition> conditions)
            : base(IisRewriteCollection.OutboundPreConditions, name, scope, location, position)
        {
            LogicalGrouping = logicalGrouping;
            PatternSyntax = patternSyntax;
            Conditions = conditions;
        }

        /// <summary>"MatchAll" (IIS default) or "MatchAny".</summary>
        public string LogicalGrouping { get; }

        /// <summary>As written; "ECMAScript" when the attribute is absent (IIS default).</summary>
        public string PatternSyntax { get; }

        public IReadOnlyList<IisRewriteCondition> Conditions { get; }

        public override string ToString() => "preCondition '" + Name + "' (" + Location + ")";
    }
}
