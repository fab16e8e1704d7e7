using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>One item of the catalog's stream: a file, a problem, or a root's facts.</summary>
    public sealed class EvidenceCatalogEntry
    {
        private EvidenceCatalogEntry(EvidenceCatalogEntryKind kind, ClassifiedFile? file, EvidenceError? problem, EvidenceRoot? root)
        {
            Kind = kind;
            File = file;
            Problem = problem;
            Root = root;
        }

        public EvidenceCatalogEntryKind Kind { get; }

        public ClassifiedFile? File { get; }

        /// <summary>The warning or error (line 0).</summary>
        public EvidenceError? Problem { get; }

        public EvidenceRoot? Root { get; }

        public static EvidenceCatalogEntry ForFile(ClassifiedFile file) => new EvidenceCatalogEntry(EvidenceCatalogEntryKind.File, file, null, null);

        public static EvidenceCatalogEntry ForWarning(string path, string message) =>
            new EvidenceCatalogEntry(EvidenceCatalogEntryKind.Warning, null, new EvidenceError(path, 0, message), null);

        public static EvidenceCatalogEntry ForError(string path, string message) =>
            new EvidenceCatalogEntry(EvidenceCatalogEntryKind.Error, null, new EvidenceError(path, 0, message), null);

        public static EvidenceCatalogEntry ForRoot(EvidenceRoot root) => new EvidenceCatalogEntry(EvidenceCatalogEntryKind.Root, null, null, root);

        public override string ToString() => Kind + ": " + (File?.ToString() ?? Problem?.ToString() ?? Root?.ToString());
    }
}
