using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>spec of kind Indicator: a sign of compromise in one or more evidence source types.</summary>
    public sealed class IndicatorSpec : LocatedNode
    {
        public FindingCategory? Category { get; set; }

        public string? Campaign { get; set; }

        public List<string>? Cves { get; set; }

        public Severity? Severity { get; set; }

        public Confidence? Confidence { get; set; }

        /// <summary>The evidence source type (an EvidenceSourceType name); use <see cref="Sources"/> for several.</summary>
        public string? Source { get; set; }

        /// <summary>Several evidence source types sharing the same conditions (common field names such as Stem, Url, Status).</summary>
        public List<string>? Sources { get; set; }

        /// <summary>ExportedEvents only: which events are tested (any entry may match).</summary>
        public List<IndicatorEventSpec>? Events { get; set; }

        /// <summary>Prefilter: an entry is tested only when it contains one of them (case-insensitive).</summary>
        public List<string>? Literals { get; set; }

        /// <summary>All must hold.</summary>
        public List<IndicatorConditionSpec>? Conditions { get; set; }

        /// <summary>At least one must hold (when present).</summary>
        public List<IndicatorConditionSpec>? AnyOf { get; set; }

        /// <summary>Known benign shapes: the indicator does not match when any of them holds.</summary>
        public List<IndicatorConditionSpec>? Exclude { get; set; }

        /// <summary>Other severity or confidence for some matches (e.g. a failed attempt); the first that holds applies.</summary>
        public List<IndicatorVariantSpec>? Variants { get; set; }

        public string? FalsePositives { get; set; }

        public string? Recommendation { get; set; }

        // File and artefact rules (Hunting/Files). Paths and file names are compared case-insensitively, with '\' or
        // '/' as separators, against the end of the evidence path, so a copied or extracted tree matches like the live one.

        /// <summary>
        /// The rule id findings carry when it differs from metadata.name: several resources may implement one rule
        /// (EXH-WS-003 has one per location), and names must stay unique. Defaults to metadata.name.
        /// </summary>
        public string? RuleId { get; set; }

        /// <summary>What the indicator inspects within its source; null means the file itself (or the record, for logs).</summary>
        public IndicatorSubject? Subject { get; set; }

        /// <summary>
        /// Folder patterns the file (or a virtual directory's physicalPath) must lie in: segments such as
        /// 'FrontEnd\HttpProxy\owa\auth', matched against the trailing folders of the path starting at any folder;
        /// '*' and '?' work inside a segment; a last segment '**' also takes every subfolder. A one-folder pattern
        /// ('ProgramData', 'root\**') is matched only from the -Path root's own folder down, as the evidence catalog
        /// does, because such names are common above a copied tree. Empty: anywhere.
        /// </summary>
        public List<string>? Paths { get; set; }

        /// <summary>Folder patterns (same syntax as <see cref="Paths"/>) that exclude a file, e.g. security products' folders.</summary>
        public List<string>? ExcludePaths { get; set; }

        /// <summary>
        /// File name patterns ('*' and '?' wildcards). A file qualifies when its name matches one of them or
        /// <see cref="FileNamePattern"/>; when neither is given, every name qualifies.
        /// </summary>
        public List<string>? FileNames { get; set; }

        /// <summary>File names (wildcards allowed) that never qualify: the standard files of a folder.</summary>
        public List<string>? ExcludeFileNames { get; set; }

        /// <summary>A .NET regular expression a file name may match instead of <see cref="FileNames"/> (case-insensitive, run with a timeout).</summary>
        public string? FileNamePattern { get; set; }

        /// <summary>
        /// Size limit in bytes. With <see cref="ContentTraits"/>: only files up to this size are read and tested.
        /// With <see cref="Sha256"/>: files up to this size are hashed whatever their name (named files always are).
        /// </summary>
        public long? MaxLength { get; set; }

        /// <summary>
        /// Known-bad SHA-256 hashes (64 hex digits). Only candidate files are hashed, to stay fast: those whose name
        /// matches <see cref="FileNames"/> and, whatever their name, those of at most <see cref="MaxLength"/> bytes.
        /// </summary>
        public List<string>? Sha256 { get; set; }

        /// <summary>Content tests that must all hold (each one by any of its literals, its pattern or its leading bytes).</summary>
        public List<ContentTraitSpec>? ContentTraits { get; set; }

        /// <summary>
        /// True: only files written after the release of the installed build (HuntContext.Build) count, an
        /// approximation of "newer than the server's last update" (the install date itself is not known).
        /// </summary>
        public bool? NewerThanBuild { get; set; }
    }
}
