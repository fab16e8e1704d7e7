using System;
using System.Collections.Generic;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>One IIS rule found for a mitigation, how it relates to it, and why.</summary>
    public sealed class MitigationRuleMatch
    {
        public MitigationRuleMatch(IisRewriteRule rule, int ruleIndex, MitigationRuleMatchKind kind, bool hasKnownName, IReadOnlyList<string> differences, IReadOnlyList<string> notes)
        {
            Rule = rule;
            RuleIndex = ruleIndex;
            Kind = kind;
            HasKnownName = hasKnownName;
            Differences = differences;
            Notes = notes;
        }

        public IisRewriteRule Rule { get; }

        /// <summary>Which rule of the mitigation (index into its spec.rules) this IIS rule stands for.</summary>
        public int RuleIndex { get; }

        public MitigationRuleMatchKind Kind { get; }

        /// <summary>The IIS rule carries one of the mitigation's ruleNames.</summary>
        public bool HasKnownName { get; }

        /// <summary>For <see cref="MitigationRuleMatchKind.DifferentBehaviour"/>: what differs.</summary>
        public IReadOnlyList<string> Differences { get; }

        /// <summary>Accepted deviations: a historical pattern or input, an accepted action, an unknown file place.</summary>
        public IReadOnlyList<string> Notes { get; }

        /// <summary>For Removed and RemovedInChild: the &lt;clear/&gt; or &lt;remove&gt; responsible.</summary>
        public IisCollectionDirective? RemovedBy { get; internal set; }

        /// <summary>For RemovedInChild: the level that loses the rule.</summary>
        public IisRuleScope? RemovedAt { get; internal set; }

        /// <summary>For Shadowed: the earlier rule that stops processing first.</summary>
        public IisRewriteRule? ShadowedBy { get; internal set; }

        /// <summary>One sentence for check details.</summary>
        public string Describe()
        {
            var rule = Rule.ToString();
            switch (Kind)
            {
                case MitigationRuleMatchKind.Implements:
                    return rule + " implements it" + (Notes.Count > 0 ? " (" + string.Join("; ", Notes) + ")" : string.Empty);
                case MitigationRuleMatchKind.Disabled:
                    return rule + " behaves like it but is disabled";
                case MitigationRuleMatchKind.Removed:
                    return rule + " behaves like it but is taken out by " + (RemovedBy?.ToString() ?? "a clear or remove element");
                case MitigationRuleMatchKind.RemovedInChild:
                    return rule + " behaves like it but " + (RemovedAt?.ToString() ?? "a level below") + " takes it out with " + (RemovedBy?.ToString() ?? "a clear or remove element");
                case MitigationRuleMatchKind.Shadowed:
                    return rule + " behaves like it but is never reached: " + ShadowedBy + " comes first, matches every request and stops processing";
                case MitigationRuleMatchKind.Partial:
                    return rule + " behaves like it but covers only " + Rule.Scope;
                case MitigationRuleMatchKind.DifferentBehaviour:
                    return rule + (HasKnownName ? " has its name" : " resembles it") + " but behaves otherwise: " + string.Join("; ", Differences);
                default:
                    throw new InvalidOperationException("Unknown match kind " + Kind);
            }
        }

        public override string ToString() => Kind + ": " + Rule;
    }
}
