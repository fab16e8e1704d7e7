using System;
using System.IO;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// A TextReader that remembers what it handed out since the last released position, so a consumer that
    /// reads ahead (the CSV parser) can be restarted at an earlier offset after it gives up on a bad record.
    /// Offsets are absolute character positions from the start of the text. Memory stays bounded by the
    /// parser's look-ahead because everything before the released position is discarded.
    /// </summary>
    internal sealed class RewindableTextReader : TextReader
    {
        private const int MinimumRead = 16 * 1024;
        private readonly TextReader inner;
        private char[] buffer = new char[64 * 1024];
        private long bufferStart;
        private int length;
        private long position;
        private long keepFrom;
        private bool innerEnded;

        public RewindableTextReader(TextReader inner)
        {
            this.inner = inner;
        }

        public override int Read(char[] destination, int index, int count)
        {
            if (count == 0)
            {
                return 0;
            }

            if (!EnsureAvailable(position))
            {
                return 0;
            }

            var available = bufferStart + length - position;
            var n = (int)Math.Min(available, count);
            Array.Copy(buffer, (int)(position - bufferStart), destination, index, n);
            position += n;
            return n;
        }

        public override int Read()
        {
            if (!EnsureAvailable(position))
            {
                return -1;
            }

            return buffer[(int)(position++ - bufferStart)];
        }

        public override int Peek() => EnsureAvailable(position) ? buffer[(int)(position - bufferStart)] : -1;

        /// <summary>Characters before <paramref name="offset"/> will never be needed again.</summary>
        public void Release(long offset)
        {
            if (offset > keepFrom)
            {
                keepFrom = offset;
            }
        }

        /// <summary>Makes the next read start at <paramref name="offset"/>, which must not have been released.</summary>
        public void Rewind(long offset)
        {
            if (offset < bufferStart || offset < keepFrom)
            {
                throw new InvalidOperationException("Cannot rewind to text that was already released.");
            }

            position = offset;
        }

        /// <summary>The character at an absolute offset, reading ahead when needed; -1 past the end of the text.</summary>
        public int CharAt(long offset) => EnsureAvailable(offset) ? buffer[(int)(offset - bufferStart)] : -1;

        /// <summary>Text already read from the source; valid until the next read, which may move the buffer.</summary>
        public ReadOnlySpan<char> Slice(long offset, int count) => new ReadOnlySpan<char>(buffer, (int)(offset - bufferStart), count);

        /// <summary>
        /// The offset just after the line break that ends the line containing <paramref name="offset"/> (CR, LF or
        /// CRLF), or the end of the text. Scanned text is released on the way, so a line of any length is skipped
        /// in constant memory.
        /// </summary>
        public long SkipLine(long offset)
        {
            var at = offset;
            while (EnsureAvailable(at))
            {
                var span = new ReadOnlySpan<char>(buffer, (int)(at - bufferStart), (int)(bufferStart + length - at));
                var index = span.IndexOfAny('\r', '\n');
                if (index < 0)
                {
                    at += span.Length;
                    Release(at);
                    continue;
                }

                at += index;
                var breakChar = buffer[(int)(at - bufferStart)];
                at++;
                if (breakChar == '\r' && CharAt(at) == '\n')
                {
                    at++;
                }

                return at;
            }

            return at;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        private bool EnsureAvailable(long offset)
        {
            if (offset < bufferStart)
            {
                throw new InvalidOperationException("The text at this offset was already released.");
            }

            while (offset >= bufferStart + length)
            {
                if (innerEnded || !Fill())
                {
                    return false;
                }
            }

            return true;
        }

        private bool Fill()
        {
            // Drop what nobody can ask for again (a skip may release past the read position, which is then
            // rewound), then make room for a sizeable read.
            var drop = (int)(Math.Min(keepFrom, bufferStart + length) - bufferStart);
            if (drop > 0)
            {
                Array.Copy(buffer, drop, buffer, 0, length - drop);
                bufferStart += drop;
                length -= drop;
            }

            if (buffer.Length - length < MinimumRead)
            {
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, length + MinimumRead));
            }

            var read = inner.Read(buffer, length, buffer.Length - length);
            if (read <= 0)
            {
                innerEnded = true;
                return false;
            }

            length += read;
            return true;
        }
    }
}
