using System;
using System.Text;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Form-style URL decoding ('+' is a space, %XX a byte, bytes read as UTF-8) that never throws: a malformed
    /// escape stays as written. Attackers encode characters (autodiscover.json%3f@, %40) that the rules name plainly.
    /// </summary>
    internal static class UrlDecoding
    {
        public static string Decode(string value)
        {
            if (value.IndexOf('%') < 0 && value.IndexOf('+') < 0)
            {
                return value;
            }

            var bytes = new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
            var length = 0;
            for (var i = 0; i < value.Length; i++)
            {
                var c = value[i];
                if (c == '+')
                {
                    bytes[length++] = (byte)' ';
                }
                else if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
                {
                    bytes[length++] = (byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2]));
                    i += 2;
                }
                else if (c < 0x80)
                {
                    bytes[length++] = (byte)c;
                }
                else
                {
                    length += Encoding.UTF8.GetBytes(value, i, char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1, bytes, length);
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length)
                    {
                        i++;
                    }
                }
            }

            return Encoding.UTF8.GetString(bytes, 0, length);
        }

        private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');

        private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
    }
}
