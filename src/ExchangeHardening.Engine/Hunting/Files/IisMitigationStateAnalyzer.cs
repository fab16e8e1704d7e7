using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using ExchangeHardening.Engine.EmergencyMitigation;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Mitigations;
using ExchangeHardening.Engine.Resources;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// The IIS configuration as evidence. Per file: content rules (EXH-WS-007, the CVE-2020-0688 static machineKey)
    /// and application pools left stopped by ExchangeMitigations.ps1 (EXH-MIT-004). Once all files are in, the set is
    /// read as one configuration (a child web.config can remove a parent's rule): URL Rewrite mitigations recognised by
    /// behaviour (EXH-MIT-001 to -003, stale when the installed build has the fix) and virtual directories that serve
    /// ProgramData or user folders (EXH-WS-010). One instance serves one run at a time; <see cref="Complete"/> empties it.
    /// </summary>
    public sealed class IisMitigationStateAnalyzer : IEvidenceSetAnalyzer
    {
        private static readonly EvidenceSourceType[] Handled = { EvidenceSourceType.IisConfiguration };

        private readonly IndicatorSetCache indicators = new IndicatorSetCache(Handled, FindingCategory.Mitigation);
        private readonly FileRuleEngine engine;
        private readonly ConcurrentDictionary<string, ClassifiedFile> files = new ConcurrentDictionary<string, ClassifiedFile>(StringComparer.Ordinal);

        public IisMitigationStateAnalyzer()
            : this(null)
        {
        }

        /// <param name="openRead">How files are opened for content rules (read-only); null for the default shared read.</param>
        internal IisMitigationStateAnalyzer(Func<string, Stream>? openRead)
        {
            engine = new FileRuleEngine(openRead);
        }

        public IReadOnlyCollection<EvidenceSourceType> SourceTypes => Handled;

        public void Analyze(ClassifiedFile file, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            var set = indicators.Get(context, sink);
            engine.Analyze(file, set.For(file.SourceType, IndicatorSubject.File), context, sink, cancellationToken);
            files[FullPath(file.Path)] = file;

            var poolRules = set.For(file.SourceType, IndicatorSubject.ApplicationPool).ToList();
            if (poolRules.Count > 0)
            {
                foreach (var pool in ApplicationPoolReader.Read(file.Path))
                {
                    foreach (var rule in poolRules.Where(r => r.MatchesRecord(pool.Name, a => pool[a])))
                    {
                        var settings = string.Join(", ", pool.Attributes.Where(a => !string.Equals(a.Key, "name", StringComparison.OrdinalIgnoreCase)).Select(a => a.Key + "=" + a.Value));
                        sink.Add(rule.CreateFinding(context, file.Path, pool.Location.Line, $"application pool {pool.Name}: {settings}", Timestamp(file)));
                    }
                }
            }
        }

        public void Complete(HuntContext context, IFindingSink sink)
        {
            var collected = files.Values.ToList();
            files.Clear();
            if (collected.Count == 0)
            {
                return;
            }

            var set = indicators.Get(context, sink);
            var byPath = collected.GroupBy(f => FullPath(f.Path), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var configuration = new IisConfigurationLocator().Load(byPath.Keys);
            foreach (var error in configuration.Errors)
            {
                sink.Error(new EvidenceError(error.File, error.Line, error.Message));
            }

            ReportVirtualDirectories(configuration, set, context, sink, byPath);
            ReportMitigations(configuration, set, context, sink, byPath);
        }

        private static void ReportVirtualDirectories(IisConfiguration configuration, IndicatorSet set, HuntContext context, IFindingSink sink, Dictionary<string, ClassifiedFile> byPath)
        {
            var rules = set.For(EvidenceSourceType.IisConfiguration, IndicatorSubject.VirtualDirectory).ToList();
            foreach (var directory in configuration.VirtualDirectories)
            {
                var folder = PhysicalPathFolder.Segments(directory.PhysicalPath);
                foreach (var group in rules.Where(r => r.MatchesFolder(folder)).GroupBy(r => r.RuleId, StringComparer.OrdinalIgnoreCase))
                {
                    var rule = group.OrderBy(r => r.Strength).First();
                    byPath.TryGetValue(FullPath(directory.Location.File), out var file);
                    sink.Add(rule.CreateFinding(context, directory.Location.File, directory.Location.Line, $"site '{directory.SiteName}', virtual directory {directory.Scope} -> {directory.PhysicalPath}", file == null ? null : Timestamp(file)));
                }
            }
        }

        private static void ReportMitigations(IisConfiguration configuration, IndicatorSet set, HuntContext context, IFindingSink sink, Dictionary<string, ClassifiedFile> byPath)
        {
            var rules = set.For(EvidenceSourceType.IisConfiguration, IndicatorSubject.MitigationRule).ToList();
            if (rules.Count == 0)
            {
                return;
            }

            var report = new MitigationRuleMatcher().Match(context.Store, configuration);
            var keyStates = KeyStates(context);
            foreach (var rule in rules)
            {
                var cves = rule.Spec.Cves ?? new List<string>();
                var found = report.Findings
                    .Where(f => f.Status != MitigationRuleStatus.Absent && f.Status != MitigationRuleStatus.NotApplicable)
                    .Where(f => (f.Spec.Mitigates ?? new List<string>()).Intersect(cves, StringComparer.OrdinalIgnoreCase).Any())
                    .ToList();
                if (found.Count == 0)
                {
                    continue;
                }

                // The rules that make up what was found; the same IIS rule may stand for EM's and EOMT's definition.
                var anchor = found.SelectMany(f => f.Implementations).Select(m => m.Rule).FirstOrDefault()
                    ?? found.SelectMany(f => f.Matches).Select(m => m.Rule).First();
                var fixedBy = found.SelectMany(f => f.Spec.FixedBy ?? new List<string>()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                var staleness = Staleness(keyStates, fixedBy, context);
                // Staleness first: the details of several implementations can be long and the excerpt is cut.
                var evidence = staleness.Text + "; " + string.Join("; ", found.Select(f => f.Id + " " + f.Status.ToString().ToLowerInvariant() + ": " + f.Detail));
                var effective = found.Any(f => f.Status == MitigationRuleStatus.Present);
                var title = !effective
                    ? rule.Title + " (but not effective: disabled or broken)"
                    : staleness.IsStale ? rule.Title + " (stale: the installed build has the fix)" : rule.Title;
                var recommendation = staleness.IsStale
                    ? "The installed build fixes what it mitigates, so it can be removed: " + string.Join(" ", found.Select(f => f.Spec.Rollback).Where(r => !string.IsNullOrWhiteSpace(r)).Distinct())
                    : rule.Recommendation;
                byPath.TryGetValue(FullPath(anchor.File), out var file);
                sink.Add(rule.CreateFinding(context, anchor.File, anchor.Line, evidence, file == null ? null : Timestamp(file), title, recommendation));
            }
        }

        private static Func<string, ExposureStatus>? KeyStates(HuntContext context)
        {
            if (context.Build == null)
            {
                return null;
            }

            var resolution = context.Store.Catalog.Resolve(context.Build.Value);
            if (resolution == null)
            {
                return null;
            }

            var check = new CheckContext(context.Store.Catalog, resolution, BuildSource.FileVersion);
            return check.KeyState;
        }

        private static (bool IsStale, string Text) Staleness(Func<string, ExposureStatus>? keyStates, IReadOnlyList<string> fixedBy, HuntContext context)
        {
            if (fixedBy.Count == 0)
            {
                return (false, "no update is known to make it unnecessary");
            }

            if (context.Build == null)
            {
                return (false, $"fixed by {string.Join(", ", fixedBy)}; the build is not known (-Build), so whether it is still needed is open");
            }

            if (keyStates == null)
            {
                return (false, $"fixed by {string.Join(", ", fixedBy)}; build {context.Build.Value} is not in the catalog, so whether it is still needed is open");
            }

            var states = fixedBy.Select(k => (Key: k, State: keyStates(k))).ToList();
            if (states.All(s => s.State == ExposureStatus.Patched))
            {
                return (true, $"build {context.Build.Value} has {string.Join(", ", fixedBy)}: stale");
            }

            return (false, $"build {context.Build.Value} lacks {string.Join(", ", states.Where(s => s.State != ExposureStatus.Patched).Select(s => s.Key))}: still needed");
        }

        private static DateTimeOffset? Timestamp(ClassifiedFile file) =>
            file.LastWriteTimeUtc == default ? (DateTimeOffset?)null : new DateTimeOffset(DateTime.SpecifyKind(file.LastWriteTimeUtc, DateTimeKind.Utc));

        private static string FullPath(string path)
        {
            try
            {
                return Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException || ex is System.Security.SecurityException)
            {
                return path;
            }
        }
    }
}
