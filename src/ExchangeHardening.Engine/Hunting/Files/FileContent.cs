namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>The bytes of a file read once for all of its content rules, with the decoded text made on first need.</summary>
    internal sealed class FileContent
    {
        // Characters shown on each side of a literal: enough to recognise it, short enough for several traits.
        private const int ExcerptContext = 40;

        private string? text;

        public FileContent(byte[] bytes, int length)
        {
            Bytes = bytes;
            Length = length;
        }

        public byte[] Bytes { get; }

        public int Length { get; }

        /// <summary>
        /// The text patterns are tested on: the decoded file, or for a binary (a compiled App_Web_*.dll) its printable
        /// runs in both single-byte and UTF-16LE form, one per line, like the 'strings' tool shows them.
        /// </summary>
        public string Text => text ??= IsBinary() ? PrintableRuns.Extract(Bytes, Length) : TextEncodingSniffer.Decode(Bytes, Length);

        private bool IsBinary()
        {
            var encoding = TextEncodingSniffer.Detect(Bytes, Length, out var preamble);
            if (preamble > 0 || !(encoding is System.Text.UTF8Encoding))
            {
                return false; // marked or recognised text (UTF-16 has a zero in every other byte)
            }

            var sample = Length < 4096 ? Length : 4096;
            for (var i = 0; i < sample; i++)
            {
                if (Bytes[i] == 0)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A short readable excerpt around a byte position, for a finding's evidence.</summary>
        public string ExcerptAt(int index, int literalLength, bool isWide)
        {
            var width = isWide ? 2 : 1;
            var start = index - (ExcerptContext * width);
            if (start < 0)
            {
                start = 0;
            }

            if (isWide && (index - start) % 2 != 0)
            {
                start++;
            }

            var end = index + ((literalLength + ExcerptContext) * width);
            if (end > Length)
            {
                end = Length;
            }

            var slice = isWide
                ? System.Text.Encoding.Unicode.GetString(Bytes, start, (end - start) & ~1)
                : System.Text.Encoding.UTF8.GetString(Bytes, start, end - start);
            return EvidenceExcerpt.Trim(slice);
        }
    }
}
