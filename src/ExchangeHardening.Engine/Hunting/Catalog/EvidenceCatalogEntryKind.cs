namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>What an <see cref="EvidenceCatalogEntry"/> carries.</summary>
    public enum EvidenceCatalogEntryKind
    {
        /// <summary>A classified evidence file.</summary>
        File,

        /// <summary>Something skipped on purpose (a link not followed, a binary file in a log folder, a root already covered).</summary>
        Warning,

        /// <summary>Something that could not be read (a missing root, a folder or file without access).</summary>
        Error,

        /// <summary>The facts of one -Path root, after its walk.</summary>
        Root,
    }
}
