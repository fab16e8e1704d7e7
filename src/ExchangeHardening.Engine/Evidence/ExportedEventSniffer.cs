using System;
using System.IO;
using System.Text;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// Recognises an event export from its first bytes: the encoding (byte order mark, or the zero bytes of
    /// UTF-16 without one), the layout (first non-blank character) and, for CSV, the delimiter of the header.
    /// </summary>
    internal static class ExportedEventSniffer
    {
        private const int PrefixLength = 8 * 1024;

        /// <summary>Looks at the start of a seekable stream and puts the position back where it was.</summary>
        public static (ExportedEventFormat Format, Encoding Encoding, int BomLength, char Delimiter) Sniff(Stream stream)
        {
            var origin = stream.Position;
            var prefix = new byte[PrefixLength];
            var length = 0;
            int read;
            while (length < prefix.Length && (read = stream.Read(prefix, length, prefix.Length - length)) > 0)
            {
                length += read;
            }

            stream.Position = origin;
            var (encoding, bomLength) = DetectEncoding(prefix, length);
            var text = encoding.GetString(prefix, bomLength, length - bomLength);
            var first = 0;
            while (first < text.Length && (char.IsWhiteSpace(text[first]) || text[first] == '\uFEFF'))
            {
                first++;
            }

            if (first == text.Length)
            {
                return (ExportedEventFormat.Empty, encoding, bomLength, ',');
            }

            switch (text[first])
            {
                case '[':
                    return (ExportedEventFormat.JsonArray, encoding, bomLength, ',');
                case '{':
                    return (ExportedEventFormat.JsonLines, encoding, bomLength, ',');
            }

            var headerStart = first;
            if (string.Compare(text, first, "#TYPE", 0, 5, StringComparison.OrdinalIgnoreCase) == 0)
            {
                var lineEnd = text.IndexOf('\n', first);
                if (lineEnd < 0)
                {
                    return (ExportedEventFormat.Csv, encoding, bomLength, ',');
                }

                headerStart = lineEnd + 1;
            }
            else if (text[first] != '"' && !char.IsLetter(text[first]) && text[first] != '@')
            {
                return (ExportedEventFormat.Unknown, encoding, bomLength, ',');
            }

            var delimiter = DetectDelimiter(text, headerStart);
            if (delimiter == '\0')
            {
                return (headerStart > first ? ExportedEventFormat.Csv : ExportedEventFormat.Unknown, encoding, bomLength, ',');
            }

            // An unquoted first line is a header only when every cell is a property name, not prose with a comma.
            if (headerStart == first && text[first] != '"' && !IsNameList(text, first, delimiter))
            {
                return (ExportedEventFormat.Unknown, encoding, bomLength, ',');
            }

            return (ExportedEventFormat.Csv, encoding, bomLength, delimiter);
        }

        private static (Encoding Encoding, int BomLength) DetectEncoding(byte[] prefix, int length)
        {
            if (length >= 3 && prefix[0] == 0xEF && prefix[1] == 0xBB && prefix[2] == 0xBF)
            {
                return (new UTF8Encoding(false), 3);
            }

            if (length >= 4 && prefix[0] == 0xFF && prefix[1] == 0xFE && prefix[2] == 0 && prefix[3] == 0)
            {
                return (new UTF32Encoding(false, false), 4);
            }

            if (length >= 2 && prefix[0] == 0xFF && prefix[1] == 0xFE)
            {
                return (new UnicodeEncoding(false, false), 2);
            }

            if (length >= 2 && prefix[0] == 0xFE && prefix[1] == 0xFF)
            {
                return (new UnicodeEncoding(true, false), 2);
            }

            // UTF-16 without a byte order mark: ASCII text shows up as every other byte zero.
            if (length >= 4 && prefix[0] != 0 && prefix[1] == 0 && prefix[2] != 0 && prefix[3] == 0)
            {
                return (new UnicodeEncoding(false, false), 0);
            }

            if (length >= 4 && prefix[0] == 0 && prefix[1] != 0 && prefix[2] == 0 && prefix[3] != 0)
            {
                return (new UnicodeEncoding(true, false), 0);
            }

            return (new UTF8Encoding(false), 0);
        }

        private static bool IsNameList(string text, int lineStart, char delimiter)
        {
            var lineEnd = text.IndexOfAny(new[] { '\r', '\n' }, lineStart);
            var line = text.Substring(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart);
            foreach (var cell in line.Split(delimiter))
            {
                var name = cell.Trim();
                if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '@' || name[0] == '_'))
                {
                    return false;
                }

                foreach (var c in name)
                {
                    if (!char.IsLetterOrDigit(c) && c != '@' && c != '_' && c != '.' && c != '-')
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The commonest of comma, semicolon (<c>Export-Csv -UseCulture</c> in many locales) and tab outside quotes on the header line; NUL when none.</summary>
        private static char DetectDelimiter(string text, int lineStart)
        {
            int commas = 0, semicolons = 0, tabs = 0;
            var quoted = false;
            for (var i = lineStart; i < text.Length && (quoted || (text[i] != '\n' && text[i] != '\r')); i++)
            {
                switch (text[i])
                {
                    case '"':
                        quoted = !quoted;
                        break;
                    case ',' when !quoted:
                        commas++;
                        break;
                    case ';' when !quoted:
                        semicolons++;
                        break;
                    case '\t' when !quoted:
                        tabs++;
                        break;
                }
            }

            if (commas == 0 && semicolons == 0 && tabs == 0)
            {
                return '\0';
            }

            return commas >= semicolons && commas >= tabs ? ',' : semicolons >= tabs ? ';' : '\t';
        }
    }
}
