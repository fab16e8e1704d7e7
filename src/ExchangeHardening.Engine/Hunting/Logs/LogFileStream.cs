using System.IO;
using System.Text;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>Opens a text log for the byte-level readers: read-only with sharing, and as UTF-8 bytes even when it was saved as UTF-16.</summary>
    internal static class LogFileStream
    {
        public static Stream OpenAsUtf8(string path)
        {
            // Exchange and IIS keep writing, rotating and deleting their logs: share all three, never lock them.
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            try
            {
                var head = new byte[2];
                var n = stream.Read(head, 0, 2);
                if (n == 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
                {
                    // A log re-saved by an editor or Out-File: the reader works on UTF-8 bytes.
                    stream.Position = 0;
                    return new Utf8TranscodingStream(new StreamReader(stream, new UnicodeEncoding(head[0] == 0xFE, true), true, 64 * 1024));
                }

                stream.Position = 0;
                return stream;
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }
    }
}
