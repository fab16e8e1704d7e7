namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>How the catalog walks the -Path roots.</summary>
    public sealed class EvidenceCatalogOptions
    {
        /// <summary>Also stream files classified as Other (not evidence). Default false.</summary>
        public bool IncludeOther { get; set; }

        /// <summary>Folders deeper than this below a root are not entered (with a warning). Default 64.</summary>
        public int MaxDepth { get; set; } = 64;
    }
}
