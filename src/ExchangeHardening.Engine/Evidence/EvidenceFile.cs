using System.IO;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>Opens evidence files read-only without getting in the way of the program that writes them.</summary>
    internal static class EvidenceFile
    {
        /// <summary>
        /// Exchange keeps its current log file open for writing and rotates or deletes old ones; sharing read, write
        /// and delete lets us read such files without failing and without blocking Exchange.
        /// </summary>
        public static FileStream OpenRead(string path) =>
            new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024, FileOptions.SequentialScan);
    }
}
