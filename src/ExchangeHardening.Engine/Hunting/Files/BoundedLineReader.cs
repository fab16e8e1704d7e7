using System;
using System.IO;
using System.Text;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Reads text lines of any length with bounded memory: a line longer than <see cref="MaxLineLength"/> characters
    /// is cut there and the rest of it skipped (a garbled or binary file cannot make one huge string). The encoding is
    /// sniffed from the first bytes (BOM, or UTF-16LE without BOM), so regedit's Unicode exports read like ASCII logs.
    /// </summary>
    internal sealed class BoundedLineReader : IDisposable
    {
        public const int MaxLineLength = 64 * 1024;

        private readonly TextReader reader;
        private readonly char[] buffer = new char[16 * 1024];
        private readonly StringBuilder line = new StringBuilder();
        private int position;
        private int filled;
        private bool pendingCarriageReturn;

        private BoundedLineReader(TextReader reader)
        {
            this.reader = reader;
        }

        /// <summary>1-based number of the line last returned.</summary>
        public long LineNumber { get; private set; }

        /// <summary>True when the line last returned was cut.</summary>
        public bool WasTruncated { get; private set; }

        public static BoundedLineReader Open(Stream stream)
        {
            Encoding encoding = new UTF8Encoding(false, false);
            if (stream.CanSeek)
            {
                var head = new byte[512];
                var length = 0;
                int read;
                while (length < head.Length && (read = stream.Read(head, length, head.Length - length)) > 0)
                {
                    length += read;
                }

                encoding = TextEncodingSniffer.Detect(head, length, out _);
                stream.Seek(0, SeekOrigin.Begin);
            }

            return new BoundedLineReader(new StreamReader(stream, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024));
        }

        /// <summary>The next line without its line break, or null at the end.</summary>
        public string? ReadLine()
        {
            line.Clear();
            WasTruncated = false;
            var any = false;
            while (true)
            {
                if (position == filled)
                {
                    filled = reader.Read(buffer, 0, buffer.Length);
                    position = 0;
                    if (filled == 0)
                    {
                        if (!any)
                        {
                            return null;
                        }

                        LineNumber++;
                        return line.ToString();
                    }
                }

                var c = buffer[position++];
                if (pendingCarriageReturn)
                {
                    pendingCarriageReturn = false;
                    if (c == '\n')
                    {
                        continue;
                    }
                }

                if (c == '\r' || c == '\n')
                {
                    pendingCarriageReturn = c == '\r';
                    LineNumber++;
                    return line.ToString();
                }

                any = true;
                if (line.Length < MaxLineLength)
                {
                    line.Append(c);
                }
                else
                {
                    WasTruncated = true;
                }
            }
        }

        public void Dispose() => reader.Dispose();
    }
}
