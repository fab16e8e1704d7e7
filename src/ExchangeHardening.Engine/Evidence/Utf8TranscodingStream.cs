using System;
using System.IO;
using System.Text;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// A read-only stream of UTF-8 bytes over text in another encoding. Windows PowerShell 5.1 <c>Out-File</c> and
    /// <c>&gt;</c> write UTF-16; System.Text.Json reads only UTF-8, and netstandard2.0 has no transcoding stream.
    /// </summary>
    internal sealed class Utf8TranscodingStream : Stream
    {
        private readonly TextReader reader;
        private readonly Encoder encoder = new UTF8Encoding(false).GetEncoder();
        private readonly char[] chars = new char[16 * 1024];
        private readonly byte[] bytes = new byte[(16 * 1024 * 3) + 16];
        private int bytesStart;
        private int bytesEnd;
        private bool ended;

        public Utf8TranscodingStream(TextReader reader)
        {
            this.reader = reader;
        }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            while (bytesStart == bytesEnd)
            {
                if (ended)
                {
                    return 0;
                }

                var read = reader.Read(chars, 0, chars.Length);
                ended = read == 0;
                bytesStart = 0;
                bytesEnd = encoder.GetBytes(chars, 0, read, bytes, 0, flush: ended);
            }

            var n = Math.Min(count, bytesEnd - bytesStart);
            Buffer.BlockCopy(bytes, bytesStart, buffer, offset, n);
            bytesStart += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                reader.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
