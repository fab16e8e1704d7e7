using System.IO;

namespace ExchangeHardening.Engine.Tests.Hunting.Files
{
    /// <summary>A read-only stream that tells its <see cref="CountingOpener"/> how many bytes were read.</summary>
    internal sealed class CountingStream : Stream
    {
        private readonly Stream inner;
        private readonly CountingOpener owner;

        public CountingStream(Stream inner, CountingOpener owner)
        {
            this.inner = inner;
            this.owner = owner;
        }

        public override bool CanRead => true;

        public override bool CanSeek => inner.CanSeek;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = inner.Read(buffer, offset, count);
            owner.Count(read);
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new System.NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new System.NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
