using System.Collections.Concurrent;
using System.IO;
using System.Threading;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Tests.Hunting.Files
{
    /// <summary>Opens files read-only like the analyzers do, and counts which files were opened and how many bytes were read.</summary>
    internal sealed class CountingOpener
    {
        private long bytesRead;

        public ConcurrentDictionary<string, int> Opened { get; } = new ConcurrentDictionary<string, int>();

        public long BytesRead => Interlocked.Read(ref bytesRead);

        public Stream Open(string path)
        {
            var stream = EvidenceFile.OpenRead(path);
            Opened.AddOrUpdate(path, 1, (_, n) => n + 1);
            return new CountingStream(stream, this);
        }

        internal void Count(int read) => Interlocked.Add(ref bytesRead, read);
    }
}
