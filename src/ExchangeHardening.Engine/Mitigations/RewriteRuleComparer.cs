using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Resources;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>
    /// Compares an IIS rule with one rule of a mitigation by behaviour: place, match, conditions, preCondition,
    /// action. The name plays no part here. Every deviation that changes what the rule does is a difference.
    /// </summary>
    internal static class RewriteRuleComparer
    {
        /// <summary>Null when the directions differ (an inbound rule is never an outbound mitigation).</summary>
        public static RuleComparison? Compare(IisRewriteRule rule, RewriteRuleSpec spec, int ruleIndex)
        {
            if (spec.Direction != rule.Direction)
            {
                return null;
            }

            var differences = new List<string>();
            var notes = new List<string>();
            var belowTarget = ComparePlace(rule, spec, differences, notes);
            if (!RewriteText.IsRegularExpressionSyntax(rule.PatternSyntax))
            {
                differences.Add($"patternSyntax is '{rule.PatternSyntax}', but the mitigation's patterns are regular expressions (ECMAScript)");
            }

            // Known inbound mitigation rules all match case-insensitively: a case-sensitive copy lets "PoWeRsHeLl" through.
            var inbound = rule.Direction == RewriteDirection.Inbound;
            if (inbound)
            {
                CompareUrl(rule, spec, differences, notes);
            }
            else
            {
                CompareServerVariable(rule, spec, differences);
            }

            if (rule.Negate)
            {
                differences.Add("its match is negated");
            }

            var specConditions = spec.Conditions ?? new List<RewriteConditionSpec>();
            var conditionsMatched = CompareConditions("condition", specConditions, rule.Conditions, rule.LogicalGrouping, inbound, differences, notes);
            var preConditionsMatched = ComparePreCondition(rule, spec, differences, notes);
            var actionValueEqual = CompareAction(rule, spec, differences, notes);

            // What makes a rule look like this mitigation whatever its name: inbound, one of its conditions;
            // outbound, its header rewrite, or its whole preCondition.
            var specPreConditions = spec.PreConditions ?? new List<RewriteConditionSpec>();
            var resembles = inbound
                ? conditionsMatched > 0
                : SameServerVariable(rule, spec) && (actionValueEqual || (specPreConditions.Count > 0 && preConditionsMatched == specPreConditions.Count));
            return new RuleComparison(ruleIndex, resembles, belowTarget, differences, notes);
        }

        /// <returns>True when the rule sits below the mitigation's level.</returns>
        private static bool ComparePlace(IisRewriteRule rule, RewriteRuleSpec spec, List<string> differences, List<string> notes)
        {
            var target = IisRuleScope.ForLocation(spec.Location ?? RewriteLocation.DefaultWebSite);
            if (!rule.Scope.IsKnown)
            {
                notes.Add($"the file's place in IIS is not known ({rule.Scope.Description}); it was compared as if it were at {target}");
            }
            else if (!rule.Scope.Contains(target))
            {
                // A rule at the target or a parent level is inherited by the target; anywhere else it does not apply there.
                differences.Add($"it is configured for {rule.Scope}, which does not cover {target}");
                return target.Contains(rule.Scope);
            }

            return false;
        }

        private static void CompareUrl(IisRewriteRule rule, RewriteRuleSpec spec, List<string> differences, List<string> notes)
        {
            if (spec.MatchUrl == null)
            {
                return;
            }

            if (rule.MatchUrl == null)
            {
                differences.Add($"it has no match url; expected '{spec.MatchUrl}'");
            }
            else if (rule.MatchUrl.Trim() == "*" && RewriteText.IsRegularExpressionSyntax(rule.PatternSyntax))
            {
                differences.Add($"match url is '*', which is not a valid regular expression (IIS answers HTTP 500); expected '{spec.MatchUrl}'");
            }
            else if (!string.Equals(rule.MatchUrl, spec.MatchUrl, StringComparison.Ordinal))
            {
                if (RewriteText.IsMatchAll(spec.MatchUrl) && RewriteText.IsMatchAll(rule.MatchUrl))
                {
                    notes.Add($"match url '{rule.MatchUrl}' matches every URL, as '{spec.MatchUrl}' does");
                }
                else
                {
                    differences.Add($"match url is '{rule.MatchUrl}', expected '{spec.MatchUrl}'");
                }
            }

            if (!rule.IgnoreCase && !RewriteText.IsMatchAll(rule.MatchUrl))
            {
                differences.Add("its match url is case-sensitive");
            }
        }

        private static void CompareServerVariable(IisRewriteRule rule, RewriteRuleSpec spec, List<string> differences)
        {
            if (spec.ServerVariable != null && !SameServerVariable(rule, spec))
            {
                differences.Add($"match serverVariable is '{rule.ServerVariable}', expected '{spec.ServerVariable}'");
            }

            // The pattern is compared exactly: the rewrite value refers to its capture group ({R:1}).
            if (spec.MatchPattern != null && !string.Equals(rule.MatchPattern, spec.MatchPattern, StringComparison.Ordinal))
            {
                differences.Add($"match pattern is '{rule.MatchPattern}', expected '{spec.MatchPattern}'");
            }
        }

        private static bool SameServerVariable(IisRewriteRule rule, RewriteRuleSpec spec) =>
            spec.ServerVariable != null && rule.ServerVariable != null && RewriteText.NamesEqual(rule.ServerVariable, spec.ServerVariable);

        /// <returns>How many of the expected preConditions' conditions were found (input and pattern).</returns>
        private static int ComparePreCondition(IisRewriteRule rule, RewriteRuleSpec spec, List<string> differences, List<string> notes)
        {
            var expected = spec.PreConditions ?? new List<RewriteConditionSpec>();
            if (expected.Count == 0 && rule.PreConditionName == null)
            {
                return 0;
            }

            if (rule.PreConditionName == null)
            {
                differences.Add("it has no preCondition; expected one with " + string.Join(" and ", expected.Select(c => c.Input + " ~ '" + c.Pattern + "'")));
                return 0;
            }

            var preCondition = rule.PreCondition;
            if (preCondition == null)
            {
                differences.Add($"its preCondition '{rule.PreConditionName}' is not defined where the rule is");
                return 0;
            }

            if (expected.Count == 0)
            {
                differences.Add($"its preCondition '{preCondition.Name}' limits when it applies");
                return 0;
            }

            if (!RewriteText.IsRegularExpressionSyntax(preCondition.PatternSyntax))
            {
                differences.Add($"its preCondition '{preCondition.Name}' has patternSyntax '{preCondition.PatternSyntax}', but the patterns are regular expressions (ECMAScript)");
            }

            return CompareConditions($"preCondition '{preCondition.Name}' condition", expected, preCondition.Conditions, preCondition.LogicalGrouping, false, differences, notes);
        }

        /// <returns>True when the action value is the expected one (or none is expected).</returns>
        private static bool CompareAction(IisRewriteRule rule, RewriteRuleSpec spec, List<string> differences, List<string> notes)
        {
            var accepted = new List<RewriteAction>();
            if (spec.Action != null)
            {
                accepted.Add(spec.Action.Value);
            }

            accepted.AddRange(spec.AcceptedActions ?? new List<RewriteAction>());
            if (rule.Action == null || !accepted.Contains(rule.Action.Value))
            {
                differences.Add($"action is '{rule.ActionType}', expected {string.Join(" or ", accepted.Distinct())}");
            }
            else if (rule.Action != spec.Action)
            {
                notes.Add($"action {rule.Action} is accepted in place of {spec.Action}");
            }

            if (spec.ActionValue == null)
            {
                return true;
            }

            if (!string.Equals(rule.ActionValue, spec.ActionValue, StringComparison.Ordinal))
            {
                differences.Add($"action value is '{rule.ActionValue}', expected '{spec.ActionValue}'");
                return false;
            }

            return true;
        }

        /// <returns>How many expected conditions were found with their input and pattern.</returns>
        private static int CompareConditions(string label, IReadOnlyList<RewriteConditionSpec> expected, IReadOnlyList<IisRewriteCondition> actual, string logicalGrouping, bool requireIgnoreCase, List<string> differences, List<string> notes)
        {
            var unused = actual.ToList();
            var matched = 0;
            foreach (var condition in expected)
            {
                var hit = unused.FirstOrDefault(a => InputMatches(a, condition, out _) && PatternMatches(a, condition, out _));
                if (hit == null)
                {
                    var sameInput = unused.FirstOrDefault(a => InputMatches(a, condition, out _));
                    if (sameInput != null)
                    {
                        unused.Remove(sameInput);
                        differences.Add($"{label} on {sameInput.Input} has pattern '{sameInput.Pattern}', expected '{condition.Pattern}'");
                    }
                    else
                    {
                        differences.Add($"no {label} on {condition.Input} with pattern '{condition.Pattern}'");
                    }

                    continue;
                }

                matched++;
                unused.Remove(hit);
                if (InputMatches(hit, condition, out var inputVariant) && inputVariant)
                {
                    notes.Add($"{label} input '{hit.Input}' is a known variant of '{condition.Input}'");
                }

                if (PatternMatches(hit, condition, out var patternVariant) && patternVariant)
                {
                    notes.Add($"{label} pattern '{hit.Pattern}' is a known variant of '{condition.Pattern}'");
                }

                if (hit.Negate)
                {
                    differences.Add($"{label} on {hit.Input} is negated");
                }

                if (!string.Equals(hit.MatchType.Trim(), "Pattern", StringComparison.OrdinalIgnoreCase))
                {
                    differences.Add($"{label} on {hit.Input} tests {hit.MatchType} instead of the pattern");
                }

                if (requireIgnoreCase && !hit.IgnoreCase)
                {
                    differences.Add($"{label} on {hit.Input} is case-sensitive");
                }
            }

            foreach (var extra in unused)
            {
                differences.Add($"extra {label} {extra.Input} ~ '{extra.Pattern}' changes when it applies");
            }

            if (expected.Count > 1 && !RewriteText.IsMatchAllGrouping(logicalGrouping))
            {
                differences.Add($"{label}s are combined with {logicalGrouping}; expected MatchAll");
            }

            return matched;
        }

        private static bool InputMatches(IisRewriteCondition actual, RewriteConditionSpec expected, out bool variant)
        {
            variant = false;
            if (expected.Input != null && RewriteText.InputsEqual(actual.Input, expected.Input))
            {
                return true;
            }

            variant = (expected.InputVariants ?? new List<string>()).Any(v => RewriteText.InputsEqual(actual.Input, v));
            return variant;
        }

        // Patterns are compared as exact text: two spellings of a regular expression are only equal when listed as variants.
        private static bool PatternMatches(IisRewriteCondition actual, RewriteConditionSpec expected, out bool variant)
        {
            variant = false;
            if (string.Equals(actual.Pattern, expected.Pattern, StringComparison.Ordinal))
            {
                return true;
            }

            variant = (expected.PatternVariants ?? new List<string>()).Any(v => string.Equals(actual.Pattern, v, StringComparison.Ordinal));
            return variant;
        }
    }
}
