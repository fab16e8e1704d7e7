using System.Text;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Picks the encoding of evidence text: a byte order mark when there is one (regedit writes UTF-16LE with a BOM),
    /// UTF-16LE when every other byte of the start is zero, otherwise UTF-8 (which also reads ASCII).
    /// </summary>
    internal static class TextEncodingSniffer
    {
        private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

        public static Encoding Detect(byte[] bytes, int length, out int preambleLength)
        {
            preambleLength = 0;
            if (length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
            {
                preambleLength = 3;
                return Utf8;
            }

            if (length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            {
                preambleLength = 2;
                return Encoding.Unicode;
            }

            if (length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
            {
                preambleLength = 2;
                return Encoding.BigEndianUnicode;
            }

            var sample = length < 512 ? length : 512;
            var oddZeros = 0;
            var evenZeros = 0;
            for (var i = 0; i + 1 < sample; i += 2)
            {
                evenZeros += bytes[i] == 0 ? 1 : 0;
                oddZeros += bytes[i + 1] == 0 ? 1 : 0;
            }

            var pairs = sample / 2;
            if (pairs >= 4 && oddZeros * 10 >= pairs * 9 && evenZeros * 10 <= pairs)
            {
                return Encoding.Unicode;
            }

            return Utf8;
        }

        public static string Decode(byte[] bytes, int length)
        {
            var encoding = Detect(bytes, length, out var preamble);
            return encoding.GetString(bytes, preamble, length - preamble);
        }
    }
}
