using System.Collections.Generic;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>How one IIS rule compares with one rule of a mitigation.</summary>
    internal sealed class RuleComparison
    {
        public RuleComparison(int ruleIndex, bool resembles, bool belowTarget, IReadOnlyList<string> differences, IReadOnlyList<string> notes)
        {
            RuleIndex = ruleIndex;
            Resembles = resembles;
            BelowTarget = belowTarget;
            Differences = differences;
            Notes = notes;
        }

        /// <summary>Index of the mitigation rule (spec.rules) compared with.</summary>
        public int RuleIndex { get; }

        /// <summary>The IIS rule shares the mitigation's distinctive part (its condition, or its header rewrite), whatever its name.</summary>
        public bool Resembles { get; }

        /// <summary>What makes the IIS rule behave otherwise; empty when it behaves like the mitigation rule.</summary>
        public IReadOnlyList<string> Differences { get; }

        /// <summary>Accepted deviations worth telling (a historical pattern, an accepted action, an unknown file place).</summary>
        public IReadOnlyList<string> Notes { get; }

        /// <summary>The IIS rule sits below the mitigation's level (in a virtual directory of its site).</summary>
        public bool BelowTarget { get; }

        public bool Behaves => Differences.Count == 0;

        /// <summary>Behaves like the mitigation rule, but only for the level below where it sits (the placement is its only difference).</summary>
        public bool BehavesBelow => BelowTarget && Differences.Count == 1;
    }
}
