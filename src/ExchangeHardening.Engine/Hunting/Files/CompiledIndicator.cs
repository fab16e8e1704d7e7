using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// An Indicator resource prepared for the file and artefact analyzers: patterns compiled, hashes normalised, and
    /// the finding text at hand. Immutable, so analyzers share one instance across threads.
    /// </summary>
    internal sealed class CompiledIndicator
    {
        /// <summary>Content rules without maxLength read files up to this size; larger files are not read for them.</summary>
        public const long DefaultContentLimit = 4L * 1024 * 1024;

        private static readonly Regex Sha256Shape = new Regex("^[0-9a-fA-F]{64}$", RegexOptions.CultureInvariant);

        private CompiledIndicator(ResourceRecord record, IndicatorSpec spec, FindingCategory category, IReadOnlyCollection<EvidenceSourceType> sources)
        {
            Record = record;
            Spec = spec;
            Name = record.Name;
            RuleId = string.IsNullOrWhiteSpace(spec.RuleId) ? record.Name : spec.RuleId!.Trim();
            Title = string.IsNullOrWhiteSpace(record.Metadata.Title) ? RuleId : record.Metadata.Title!.Trim();
            Category = category;
            Severity = spec.Severity ?? Severity.Medium;
            Confidence = spec.Confidence ?? Confidence.Medium;
            Cve = string.Join(",", spec.Cves ?? new List<string>());
            Sources = sources;
            Subject = spec.Subject ?? IndicatorSubject.File;
            Recommendation = spec.Recommendation?.Trim() ?? string.Empty;
            FalsePositives = spec.FalsePositives?.Trim() ?? string.Empty;
        }

        public ResourceRecord Record { get; }

        public IndicatorSpec Spec { get; }

        /// <summary>metadata.name: unique among resources.</summary>
        public string Name { get; }

        /// <summary>The id findings carry (spec.ruleId, else metadata.name); several indicators may share one.</summary>
        public string RuleId { get; }

        public string Title { get; }

        public FindingCategory Category { get; }

        public Severity Severity { get; }

        public Confidence Confidence { get; }

        public string Cve { get; }

        public IReadOnlyCollection<EvidenceSourceType> Sources { get; }

        public IndicatorSubject Subject { get; }

        public string Recommendation { get; }

        public string FalsePositives { get; }

        public IReadOnlyList<PathPattern> Paths { get; private set; } = Array.Empty<PathPattern>();

        public IReadOnlyList<PathPattern> ExcludePaths { get; private set; } = Array.Empty<PathPattern>();

        public IReadOnlyList<WildcardPattern> FileNames { get; private set; } = Array.Empty<WildcardPattern>();

        public IReadOnlyList<WildcardPattern> ExcludeFileNames { get; private set; } = Array.Empty<WildcardPattern>();

        public Regex? FileNameRegex { get; private set; }

        public long? MaxLength => Spec.MaxLength;

        /// <summary>Lower-case hex hashes; empty when the indicator is not a hash rule.</summary>
        public IReadOnlyCollection<string> Sha256 { get; private set; } = Array.Empty<string>();

        public IReadOnlyList<ContentTrait> Traits { get; private set; } = Array.Empty<ContentTrait>();

        public bool NewerThanBuild => Spec.NewerThanBuild == true;

        public IReadOnlyList<ByteLiteral> Literals { get; private set; } = Array.Empty<ByteLiteral>();

        public IReadOnlyList<FieldCondition> Conditions { get; private set; } = Array.Empty<FieldCondition>();

        public IReadOnlyList<FieldCondition> AnyOf { get; private set; } = Array.Empty<FieldCondition>();

        public IReadOnlyList<FieldCondition> Exclude { get; private set; } = Array.Empty<FieldCondition>();

        public bool IsHashRule => Sha256.Count > 0;

        public bool ReadsContent => Traits.Count > 0;

        /// <summary>No content rule reads more than this, whatever its maxLength says: memory stays bounded.</summary>
        public const long MaxContentLimit = 64L * 1024 * 1024;

        /// <summary>The largest file its content traits are tested on.</summary>
        public long ContentLimit => Math.Min(MaxLength ?? DefaultContentLimit, MaxContentLimit);

        /// <summary>A severity/confidence rank: lower is stronger (Critical/High first).</summary>
        public int Strength => ((int)Severity * 10) + (int)Confidence;

        /// <summary>
        /// The indicators of <paramref name="record"/> for the given source types, or null when it belongs to other
        /// analyzers or cannot be used (the reason goes to <paramref name="errors"/>).
        /// </summary>
        public static CompiledIndicator? Compile(ResourceRecord record, IReadOnlyCollection<EvidenceSourceType> wanted, FindingCategory defaultCategory, List<EvidenceError> errors)
        {
            if (!(record.Spec is IndicatorSpec spec))
            {
                return null;
            }

            var names = new List<string>();
            if (!string.IsNullOrWhiteSpace(spec.Source))
            {
                names.Add(spec.Source!.Trim());
            }

            names.AddRange((spec.Sources ?? new List<string>()).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()));
            var sources = new List<EvidenceSourceType>();
            foreach (var name in names)
            {
                // Unknown names are other analyzers' business (or the loader's); they simply do not concern these.
                if (Enum.TryParse<EvidenceSourceType>(name, ignoreCase: true, out var type) && !name.All(char.IsDigit) && wanted.Contains(type))
                {
                    sources.Add(type);
                }
            }

            if (sources.Count == 0)
            {
                return null;
            }

            var problems = new List<string>();
            var indicator = new CompiledIndicator(record, spec, spec.Category ?? defaultCategory, sources);
            indicator.Paths = (spec.Paths ?? new List<string>()).Select(p => new PathPattern(p)).ToList();
            indicator.ExcludePaths = (spec.ExcludePaths ?? new List<string>()).Select(p => new PathPattern(p)).ToList();
            indicator.FileNames = (spec.FileNames ?? new List<string>()).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => new WildcardPattern(n)).ToList();
            indicator.ExcludeFileNames = (spec.ExcludeFileNames ?? new List<string>()).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => new WildcardPattern(n)).ToList();
            if (!string.IsNullOrEmpty(spec.FileNamePattern))
            {
                indicator.FileNameRegex = IndicatorRegex.TryCreate(spec.FileNamePattern!, out var error);
                if (indicator.FileNameRegex == null)
                {
                    problems.Add("fileNamePattern is not a valid regular expression: " + error);
                }
            }

            var hashes = new HashSet<string>(StringComparer.Ordinal);
            foreach (var hash in spec.Sha256 ?? new List<string>())
            {
                var text = (hash ?? string.Empty).Trim();
                if (!Sha256Shape.IsMatch(text))
                {
                    problems.Add($"'{text}' is not a SHA-256 hash (64 hex digits).");
                    continue;
                }

                hashes.Add(text.ToLowerInvariant());
            }

            indicator.Sha256 = hashes;
            var traits = new List<ContentTrait>();
            var traitSpecs = spec.ContentTraits ?? new List<ContentTraitSpec>();
            for (var i = 0; i < traitSpecs.Count; i++)
            {
                var trait = ContentTrait.Compile(traitSpecs[i], i, out var error);
                if (trait == null)
                {
                    problems.Add(error!);
                }
                else
                {
                    traits.Add(trait);
                }
            }

            indicator.Traits = traits;
            if (spec.MaxLength.HasValue && spec.MaxLength.Value < 0)
            {
                problems.Add("maxLength cannot be negative.");
            }

            indicator.Literals = (spec.Literals ?? new List<string>()).Where(l => !string.IsNullOrEmpty(l)).Select(l => new ByteLiteral(l)).ToList();
            indicator.Conditions = CompileConditions(spec.Conditions, problems);
            indicator.AnyOf = CompileConditions(spec.AnyOf, problems);
            indicator.Exclude = CompileConditions(spec.Exclude, problems);
            if (problems.Count > 0)
            {
                var location = spec.LocationIn(record.File);
                foreach (var problem in problems)
                {
                    errors.Add(new EvidenceError(record.File, location.Line, $"Indicator '{record.Name}' cannot be used: {problem}"));
                }

                return null;
            }

            return indicator;
        }

        /// <summary>True when the file lies in one of the paths (if any), in none of the excluded ones, and its name qualifies.</summary>
        public bool MatchesPlace(FilePathParts file) => MatchesFolder(file.Folder, file.ScopedFolder) && NameQualifies(file.FileName);

        /// <summary>The folder test alone (a virtual directory's physical folder, which has no evidence root).</summary>
        public bool MatchesFolder(IReadOnlyList<string> folder) => MatchesFolder(folder, folder);

        /// <summary>Hash rules hash named files (script extensions) whatever their size, and any file up to maxLength.</summary>
        public bool IsHashCandidate(FilePathParts file, long length) =>
            MatchesFolder(file.Folder, file.ScopedFolder)
            && !ExcludeFileNames.Any(n => n.IsMatch(file.FileName))
            && (FileNames.Any(n => n.IsMatch(file.FileName)) || (MaxLength.HasValue && length <= MaxLength.Value));

        /// <summary>
        /// Whether a record passes: one of the literals (if any) in its raw text, every condition, one of anyOf (if
        /// any), and no exclude.
        /// </summary>
        public bool MatchesRecord(string rawText, Func<string, string?> lookup)
        {
            if (Literals.Count > 0 && !Literals.Any(l => rawText.IndexOf(l.Text, StringComparison.OrdinalIgnoreCase) >= 0))
            {
                return false;
            }

            return Conditions.All(c => c.Holds(lookup))
                && (AnyOf.Count == 0 || AnyOf.Any(c => c.Holds(lookup)))
                && !Exclude.Any(c => c.Holds(lookup));
        }

        public Finding CreateFinding(HuntContext context, string path, long line, string evidence, DateTimeOffset? timestamp, string? title = null, string? recommendation = null) => new Finding
        {
            Server = context.Server,
            Category = Category,
            RuleId = RuleId,
            Title = title ?? Title,
            Severity = Severity,
            Confidence = Confidence,
            Cve = Cve,
            Timestamp = timestamp,
            Path = path,
            Line = line,
            Evidence = EvidenceExcerpt.Trim(evidence),
            Recommendation = recommendation ?? Recommendation,
        };

        public override string ToString() => Name + " (" + RuleId + ")";

        private bool MatchesFolder(IReadOnlyList<string> folder, IReadOnlyList<string> scoped)
        {
            bool Matches(PathPattern p) => p.MatchesFolder(p.IsSingleFolder ? scoped : folder);
            return (Paths.Count == 0 || Paths.Any(Matches)) && !ExcludePaths.Any(Matches);
        }

        private bool NameQualifies(string name)
        {
            if (ExcludeFileNames.Any(n => n.IsMatch(name)))
            {
                return false;
            }

            if (FileNames.Count == 0 && FileNameRegex == null)
            {
                return true;
            }

            return FileNames.Any(n => n.IsMatch(name)) || (FileNameRegex != null && IndicatorRegex.Find(FileNameRegex, name, out _) != null);
        }

        private static IReadOnlyList<FieldCondition> CompileConditions(List<IndicatorConditionSpec>? specs, List<string> problems)
        {
            var result = new List<FieldCondition>();
            foreach (var spec in specs ?? new List<IndicatorConditionSpec>())
            {
                var condition = FieldCondition.Compile(spec, problems);
                if (condition != null)
                {
                    result.Add(condition);
                }
            }

            return result;
        }

        internal static string Describe(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
    }
}
