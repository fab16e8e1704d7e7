using System.Text;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// A literal searched in raw bytes, ASCII letters compared case-insensitively, both as UTF-8/ANSI and as UTF-16LE,
    /// so text files of either encoding and strings inside compiled assemblies (UTF-16 user strings) are found
    /// without decoding the file.
    /// </summary>
    internal sealed class ByteLiteral
    {
        private readonly byte[] narrow;
        private readonly byte[] wide;

        public ByteLiteral(string text)
        {
            Text = text;
            narrow = Fold(Encoding.UTF8.GetBytes(text));
            wide = Fold(Encoding.Unicode.GetBytes(text));
        }

        public string Text { get; }

        /// <summary>The first position of the literal in either form, or -1; <paramref name="isWide"/> tells which form.</summary>
        public int IndexIn(byte[] bytes, int length, out bool isWide)
        {
            isWide = false;
            var index = IndexOf(bytes, length, narrow);
            if (index >= 0)
            {
                return index;
            }

            // UTF-16 text is 2-byte aligned from the start of a string, not of the file; try both alignments.
            index = IndexOf(bytes, length, wide);
            isWide = index >= 0;
            return index;
        }

        private static int IndexOf(byte[] haystack, int length, byte[] needle)
        {
            if (needle.Length == 0 || needle.Length > length)
            {
                return needle.Length == 0 ? 0 : -1;
            }

            var first = needle[0];
            var last = length - needle.Length;
            for (var i = 0; i <= last; i++)
            {
                if (Lower(haystack[i]) != first)
                {
                    continue;
                }

                var j = 1;
                while (j < needle.Length && Lower(haystack[i + j]) == needle[j])
                {
                    j++;
                }

                if (j == needle.Length)
                {
                    return i;
                }
            }

            return -1;
        }

        private static byte[] Fold(byte[] bytes)
        {
            for (var i = 0; i < bytes.Length; i++)
            {
                bytes[i] = Lower(bytes[i]);
            }

            return bytes;
        }

        private static byte Lower(byte b) => b >= (byte)'A' && b <= (byte)'Z' ? (byte)(b + 32) : b;
    }
}
