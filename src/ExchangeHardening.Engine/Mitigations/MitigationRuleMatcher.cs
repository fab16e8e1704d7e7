using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Advisories;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>
    /// Decides, for each Mitigation resource, which IIS rules implement it, by behaviour rather than by name: EM,
    /// EOMT and hand-made rules differ in names but not in what they do. A rule with the right behaviour counts
    /// only where IIS applies it: enabled, not cleared or removed at the mitigation's level or below, and not
    /// shadowed by an earlier rule that matches everything and stops processing.
    /// </summary>
    public sealed class MitigationRuleMatcher
    {
        // EM names its IIS objects "EEMS <ID>.<n> <name>" (inferred from M1 and M2).
        private static readonly Regex EmergencyMitigationName = new Regex(@"^\s*EEMS\s+(?<id>[A-Za-z][A-Za-z0-9]*)\.\d+\b", RegexOptions.CultureInvariant);

        public MitigationMatchReport Match(AdvisoryStore store, IisConfiguration configuration, IEnumerable<string>? listedIds = null) =>
            Match(store.Mitigations, configuration, listedIds);

        /// <param name="mitigations">Mitigation resources; other kinds are ignored.</param>
        /// <param name="configuration">One server's IIS configuration.</param>
        /// <param name="listedIds">The server's MitigationsApplied; when given, rules that look like a mitigation none of these IDs names are reported.</param>
        public MitigationMatchReport Match(IEnumerable<ResourceRecord> mitigations, IisConfiguration configuration, IEnumerable<string>? listedIds = null)
        {
            var findings = mitigations
                .Where(m => m.Kind == ResourceKind.Mitigation && m.Spec is MitigationSpec)
                .Select(m => Evaluate(m, configuration))
                .ToList();
            var unlisted = listedIds == null
                ? new List<UnlistedMitigationRule>()
                : FindUnlisted(findings, configuration, listedIds.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i.Trim()).ToList());
            return new MitigationMatchReport(findings, unlisted, configuration.Errors.Count == 0);
        }

        /// <summary>True when a listed ID names the mitigation; admin tooling shows sub-IDs such as "M2.1.0".</summary>
        public static bool IsNamedBy(string listedId, string mitigationId) =>
            string.Equals(listedId, mitigationId, StringComparison.OrdinalIgnoreCase)
            || listedId.StartsWith(mitigationId + ".", StringComparison.OrdinalIgnoreCase);

        private static MitigationFinding Evaluate(ResourceRecord record, IisConfiguration configuration)
        {
            var spec = (MitigationSpec)record.Spec;
            var specRules = spec.Rules ?? new List<RewriteRuleSpec>();
            if (specRules.Count == 0)
            {
                return new MitigationFinding(record, MitigationRuleStatus.NotApplicable, Array.Empty<MitigationRuleStatus>(), Array.Empty<MitigationRuleMatch>());
            }

            var names = spec.RuleNames ?? new List<string>();
            var compared = configuration.Rules
                .Select(rule => (Rule: rule, Named: names.Any(n => RewriteText.NamesEqual(n, rule.Name)), Comparisons: specRules.Select((s, i) => RewriteRuleComparer.Compare(rule, s, i)).Where(c => c != null).Select(c => c!).ToList()))
                .Where(c => c.Comparisons.Count > 0)
                .ToList();

            // Enabled rules behaving like each mitigation rule, at its level or below: a level that clears the inherited
            // rules but adds its own copy is still protected.
            var behaving = Enumerable.Range(0, specRules.Count)
                .Select(i => new HashSet<IisRewriteRule>(compared.Where(c => c.Rule.Enabled && c.Comparisons.Any(x => x.RuleIndex == i && (x.Behaves || x.BehavesBelow))).Select(c => c.Rule)))
                .ToList();

            var matches = new List<MitigationRuleMatch>();
            foreach (var (rule, named, comparisons) in compared)
            {
                var behaves = comparisons.Where(c => c.Behaves).ToList();
                if (behaves.Count > 0)
                {
                    matches.AddRange(behaves.Select(c => Classify(rule, named, c, specRules[c.RuleIndex], behaving[c.RuleIndex], configuration)));
                }
                else if (comparisons.Any(c => c.BehavesBelow))
                {
                    var below = comparisons.First(c => c.BehavesBelow);
                    var kind = rule.Enabled ? MitigationRuleMatchKind.Partial : MitigationRuleMatchKind.Disabled;
                    matches.Add(new MitigationRuleMatch(rule, below.RuleIndex, kind, named, below.Differences, below.Notes));
                }
                else if (named || comparisons.Any(c => c.Resembles))
                {
                    var closest = comparisons.OrderByDescending(c => c.Resembles).ThenBy(c => c.Differences.Count).First();
                    matches.Add(new MitigationRuleMatch(rule, closest.RuleIndex, MitigationRuleMatchKind.DifferentBehaviour, named, closest.Differences, closest.Notes));
                }
            }

            var ruleStatuses = Enumerable.Range(0, specRules.Count).Select(i => StatusOf(matches.Where(m => m.RuleIndex == i).ToList())).ToList();
            return new MitigationFinding(record, Combine(ruleStatuses), ruleStatuses, matches);
        }

        private static MitigationRuleMatch Classify(IisRewriteRule rule, bool named, RuleComparison comparison, RewriteRuleSpec spec, HashSet<IisRewriteRule> behaving, IisConfiguration configuration)
        {
            MitigationRuleMatch Make(MitigationRuleMatchKind kind) => new MitigationRuleMatch(rule, comparison.RuleIndex, kind, named, comparison.Differences, comparison.Notes);

            if (!rule.Enabled)
            {
                return Make(MitigationRuleMatchKind.Disabled);
            }

            // A file of unknown place cannot be put in the hierarchy; its rule is taken as written.
            if (!rule.Scope.IsKnown)
            {
                return Make(MitigationRuleMatchKind.Implements);
            }

            var target = IisRuleScope.ForLocation(spec.Location ?? RewriteLocation.DefaultWebSite);
            var effective = configuration.Effective(rule.Collection, target);
            if (!effective.Contains(rule))
            {
                var removed = Make(MitigationRuleMatchKind.Removed);
                removed.RemovedBy = effective.RemovedBy(rule);
                return removed;
            }

            var shadow = ShadowingRule(rule, effective);
            if (shadow != null)
            {
                var shadowed = Make(MitigationRuleMatchKind.Shadowed);
                shadowed.ShadowedBy = shadow;
                return shadowed;
            }

            foreach (var level in configuration.ConfiguredLevelsBelow(rule.Collection, target).OrderBy(s => s.Path, StringComparer.OrdinalIgnoreCase))
            {
                var below = configuration.Effective(rule.Collection, level);
                if (!below.Contains(rule) && !below.Items.OfType<IisRewriteRule>().Any(behaving.Contains))
                {
                    var removed = Make(MitigationRuleMatchKind.RemovedInChild);
                    removed.RemovedBy = below.RemovedBy(rule);
                    removed.RemovedAt = level;
                    return removed;
                }
            }

            return Make(MitigationRuleMatchKind.Implements);
        }

        /// <summary>An earlier enabled rule that matches every request and stops processing without ending the request.</summary>
        private static IisRewriteRule? ShadowingRule(IisRewriteRule rule, IisEffectiveCollection effective)
        {
            var index = effective.Items.IndexOf(rule);
            return effective.Items.Take(index).OfType<IisRewriteRule>()
                .FirstOrDefault(r => r.Enabled && r.StopProcessing && MatchesEverything(r) && !EndsRequest(r));
        }

        private static bool MatchesEverything(IisRewriteRule rule)
        {
            if (rule.Negate || rule.Conditions.Count > 0 || rule.PreConditionName != null)
            {
                return false;
            }

            var pattern = rule.Direction == RewriteDirection.Inbound ? rule.MatchUrl : rule.MatchPattern;
            return RewriteText.IsRegularExpressionSyntax(rule.PatternSyntax)
                ? RewriteText.IsMatchAll(pattern)
                : string.Equals(rule.PatternSyntax.Trim(), "Wildcard", StringComparison.OrdinalIgnoreCase) && pattern?.Trim() == "*";
        }

        // Such a rule answers the request itself, so whatever it shadows would not have been needed for that request.
        private static bool EndsRequest(IisRewriteRule rule) =>
            rule.Direction == RewriteDirection.Inbound
            && (rule.Action == RewriteAction.AbortRequest || rule.Action == RewriteAction.CustomResponse || rule.Action == RewriteAction.Redirect);

        private static MitigationRuleStatus StatusOf(IReadOnlyCollection<MitigationRuleMatch> matches)
        {
            if (matches.Any(m => m.Kind == MitigationRuleMatchKind.Implements))
            {
                return MitigationRuleStatus.Present;
            }

            if (matches.Any(m => m.Kind != MitigationRuleMatchKind.Disabled))
            {
                return MitigationRuleStatus.Broken;
            }

            return matches.Count > 0 ? MitigationRuleStatus.Disabled : MitigationRuleStatus.Absent;
        }

        /// <summary>All rules present: Present; none found: Absent; only disabled ones: Disabled; anything else (partial, broken): Broken.</summary>
        private static MitigationRuleStatus Combine(IReadOnlyList<MitigationRuleStatus> statuses)
        {
            if (statuses.All(s => s == MitigationRuleStatus.Present))
            {
                return MitigationRuleStatus.Present;
            }

            if (statuses.All(s => s == MitigationRuleStatus.Absent))
            {
                return MitigationRuleStatus.Absent;
            }

            return statuses.All(s => s == MitigationRuleStatus.Disabled || s == MitigationRuleStatus.Absent)
                ? MitigationRuleStatus.Disabled
                : MitigationRuleStatus.Broken;
        }

        private static List<UnlistedMitigationRule> FindUnlisted(IReadOnlyList<MitigationFinding> findings, IisConfiguration configuration, IReadOnlyList<string> listedIds)
        {
            bool Listed(string id) => listedIds.Any(l => IsNamedBy(l, id));

            var result = new List<UnlistedMitigationRule>();
            var related = findings
                .SelectMany(f => f.Matches.Select(m => (Finding: f, Match: m)))
                .GroupBy(x => x.Match.Rule)
                .ToDictionary(g => g.Key, g => g.ToList());
            foreach (var rule in configuration.Rules)
            {
                if (related.TryGetValue(rule, out var relations))
                {
                    var ids = relations.Select(r => r.Finding.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                    if (!ids.Any(Listed))
                    {
                        var how = relations.Select(r => r.Match.Kind == MitigationRuleMatchKind.DifferentBehaviour ? "resembles " + r.Finding.Id : r.Match.Kind == MitigationRuleMatchKind.Implements ? "behaves like " + r.Finding.Id : "behaves like " + r.Finding.Id + " (" + r.Match.Kind + ")");
                        result.Add(new UnlistedMitigationRule(rule, ids, string.Join(", ", how.Distinct()) + "; no listed ID names it"));
                    }

                    continue;
                }

                var name = EmergencyMitigationName.Match(rule.Name);
                if (name.Success && !Listed(name.Groups["id"].Value))
                {
                    var id = name.Groups["id"].Value;
                    var known = findings.Any(f => string.Equals(f.Id, id, StringComparison.OrdinalIgnoreCase));
                    result.Add(new UnlistedMitigationRule(rule, new[] { id }, known
                        ? $"named like an Emergency Mitigation rule of {id}, but neither behaves like it nor is listed"
                        : $"named like an Emergency Mitigation rule of {id}, a mitigation the data does not know, and not listed"));
                }
            }

            return result;
        }
    }
}
