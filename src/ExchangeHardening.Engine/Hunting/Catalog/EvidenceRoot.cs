using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>What the walk of one -Path root found.</summary>
    public sealed class EvidenceRoot
    {
        public EvidenceRoot(string path, bool isFile, IReadOnlyDictionary<EvidenceSourceType, int> fileCounts, long bytes, string? exchangeInstallFolder)
        {
            Path = path;
            IsFile = isFile;
            FileCounts = fileCounts;
            Bytes = bytes;
            ExchangeInstallFolder = exchangeInstallFolder;
        }

        /// <summary>The root as given, made absolute.</summary>
        public string Path { get; }

        public bool IsFile { get; }

        /// <summary>Evidence files per source type (Other not counted).</summary>
        public IReadOnlyDictionary<EvidenceSourceType, int> FileCounts { get; }

        public int FileCount => FileCounts.Values.Sum();

        /// <summary>Bytes of the evidence files.</summary>
        public long Bytes { get; }

        /// <summary>
        /// The folder of the tree that holds the Exchange installation (the parent of <c>Logging\HttpProxy</c>,
        /// <c>FrontEnd\HttpProxy</c>, <c>ClientAccess</c>), as it lies in the evidence (a copy's path, not necessarily
        /// the server's); null when the tree does not show it.
        /// </summary>
        public string? ExchangeInstallFolder { get; }

        public override string ToString() => $"{Path} ({FileCount} evidence files)";
    }
}
