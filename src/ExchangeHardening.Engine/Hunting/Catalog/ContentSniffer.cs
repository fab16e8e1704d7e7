using System;
using System.Text;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// What the first few KB of a file say about it: binary or text (in which encoding), the log type its
    /// directives name, whether it is an event export, whether it is a PatchState registry export. Only looks at the
    /// bytes it is given; a prefix may end in the middle of a line or character.
    /// </summary>
    internal sealed class ContentSniffer
    {
        private static readonly string[] StrongEventKeys =
        {
            "Id", "EventID", "EventId", "ProviderName", "LogName", "Channel", "SourceName", "EntryType", "TimeGenerated", "TimeCreated", "RecordId", "EventRecordID",
        };

        private static readonly string[] EventIdColumns = { "Id", "EventID", "EventId", "InstanceId" };

        private static readonly string[] EventSourceColumns = { "ProviderName", "SourceName", "Source", "LogName", "Channel", "ContainerLog" };

        private ContentSniffer(bool isBinary, string text)
        {
            IsBinary = isBinary;
            Text = text;
        }

        /// <summary>NUL bytes or mostly control characters in text that is not UTF-16.</summary>
        public bool IsBinary { get; }

        /// <summary>The decoded prefix; empty for binary content.</summary>
        public string Text { get; }

        public bool IsEmpty => !IsBinary && Text.Trim().Length == 0;

        public static ContentSniffer Sniff(byte[] prefix, int length)
        {
            var (encoding, bomLength) = DetectEncoding(prefix, length);
            if (encoding == null)
            {
                return new ContentSniffer(LooksBinary(prefix, length), length == 0 ? string.Empty : Encoding.UTF8.GetString(prefix, 0, length));
            }

            var text = encoding.GetString(prefix, bomLength, length - bomLength);
            return new ContentSniffer(text.IndexOf('\0') >= 0, text);
        }

        /// <summary>The log type named by the directives at the top of the file, if any.</summary>
        public EvidenceSourceType? LogTypeFromDirectives()
        {
            if (IsBinary)
            {
                return null;
            }

            var lines = 0;
            foreach (var line in Lines())
            {
                if (++lines > 32)
                {
                    break;
                }

                if (line.Length == 0)
                {
                    continue;
                }

                if (line[0] != '#')
                {
                    // Exchange logs rewritten by Windows PowerShell 5.1 Export-Csv carry a plain header row instead.
                    if (lines <= 2 && IsHttpProxyFieldList(line))
                    {
                        return EvidenceSourceType.HttpProxyLog;
                    }

                    break;
                }

                if (StartsWith(line, "#Software:") && line.IndexOf("Internet Information Services", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return EvidenceSourceType.IisLog;
                }

                if (StartsWith(line, "#Log-type:"))
                {
                    var type = FromLogType(line.Substring(10).Trim());
                    if (type != null)
                    {
                        return type;
                    }
                }

                if (StartsWith(line, "#Fields:"))
                {
                    if (line.IndexOf("cs-uri-stem", StringComparison.OrdinalIgnoreCase) >= 0 || line.IndexOf(" c-ip", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return EvidenceSourceType.IisLog;
                    }

                    if (IsHttpProxyFieldList(line))
                    {
                        return EvidenceSourceType.HttpProxyLog;
                    }
                }
            }

            return null;
        }

        /// <summary>Whether the text is a Windows event export (JSON array, JSON lines, or CSV with event columns).</summary>
        public bool LooksLikeEvents()
        {
            if (IsBinary)
            {
                return false;
            }

            var first = 0;
            while (first < Text.Length && (char.IsWhiteSpace(Text[first]) || Text[first] == '\uFEFF'))
            {
                first++;
            }

            if (first == Text.Length)
            {
                return false;
            }

            if (Text[first] == '[' || Text[first] == '{')
            {
                return LooksLikeEventJson(first);
            }

            return LooksLikeEventCsv(first);
        }

        public bool Mentions(string text) => !IsBinary && Text.IndexOf(text, StringComparison.OrdinalIgnoreCase) >= 0;

        private static EvidenceSourceType? FromLogType(string value)
        {
            if (value.StartsWith("HttpProxy", StringComparison.OrdinalIgnoreCase))
            {
                return EvidenceSourceType.HttpProxyLog;
            }

            if (value.StartsWith("ECP Server", StringComparison.OrdinalIgnoreCase))
            {
                return EvidenceSourceType.EcpServerLog;
            }

            if (value.StartsWith("ECP Activity", StringComparison.OrdinalIgnoreCase))
            {
                return EvidenceSourceType.EcpActivityLog;
            }

            if (value.IndexOf("OAB", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return EvidenceSourceType.OabGeneratorLog;
            }

            if (value.IndexOf("Mitigation", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return EvidenceSourceType.MitigationServiceLog;
            }

            return null;
        }

        private static bool IsHttpProxyFieldList(string line) =>
            line.IndexOf("AnchorMailbox", StringComparison.OrdinalIgnoreCase) >= 0
            && line.IndexOf("UrlStem", StringComparison.OrdinalIgnoreCase) >= 0
            && line.IndexOf("RequestId", StringComparison.OrdinalIgnoreCase) >= 0
            && line.IndexOf("ServerHostName", StringComparison.OrdinalIgnoreCase) >= 0;

        private static bool StartsWith(string line, string prefix) => line.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

        private static (Encoding? Encoding, int BomLength) DetectEncoding(byte[] b, int length)
        {
            if (length >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF)
            {
                return (new UTF8Encoding(false), 3);
            }

            if (length >= 2 && b[0] == 0xFF && b[1] == 0xFE)
            {
                return (new UnicodeEncoding(false, false), 2);
            }

            if (length >= 2 && b[0] == 0xFE && b[1] == 0xFF)
            {
                return (new UnicodeEncoding(true, false), 2);
            }

            // UTF-16 without a byte order mark: ASCII shows up as every other byte zero.
            if (length >= 4 && b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0)
            {
                return (new UnicodeEncoding(false, false), 0);
            }

            if (length >= 4 && b[0] == 0 && b[1] != 0 && b[2] == 0 && b[3] != 0)
            {
                return (new UnicodeEncoding(true, false), 0);
            }

            return (null, 0);
        }

        private static bool LooksBinary(byte[] b, int length)
        {
            var control = 0;
            for (var i = 0; i < length; i++)
            {
                var c = b[i];
                if (c == 0)
                {
                    return true;
                }

                if (c < 0x20 && c != (byte)'\t' && c != (byte)'\r' && c != (byte)'\n' && c != 0x0C && c != 0x1B)
                {
                    control++;
                }
            }

            return length > 0 && control * 10 > length;
        }

        private System.Collections.Generic.IEnumerable<string> Lines()
        {
            var start = 0;
            while (start < Text.Length)
            {
                var end = Text.IndexOf('\n', start);
                var stop = end < 0 ? Text.Length : end;
                var line = Text.Substring(start, stop - start).TrimEnd('\r');
                if (start == 0)
                {
                    line = line.TrimStart('\uFEFF');
                }

                yield return line;
                if (end < 0)
                {
                    yield break;
                }

                start = end + 1;
            }
        }

        private bool LooksLikeEventJson(int first)
        {
            foreach (var key in StrongEventKeys)
            {
                if (HasJsonKey(key))
                {
                    return true;
                }
            }

            // Get-WinEvent | ConvertTo-Json writes Message first; a long message can push every other key past the prefix.
            var brace = Text.IndexOf('{', first);
            if (brace < 0)
            {
                return false;
            }

            var quote = Text.IndexOf('"', brace);
            return quote >= 0 && string.Compare(Text, quote, "\"Message\"", 0, 9, StringComparison.OrdinalIgnoreCase) == 0
                && Text.Substring(brace + 1, quote - brace - 1).Trim().Length == 0;
        }

        private bool HasJsonKey(string key)
        {
            var needle = "\"" + key + "\"";
            for (var at = Text.IndexOf(needle, StringComparison.OrdinalIgnoreCase); at >= 0; at = Text.IndexOf(needle, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var i = at + needle.Length;
                while (i < Text.Length && char.IsWhiteSpace(Text[i]))
                {
                    i++;
                }

                if (i < Text.Length && Text[i] == ':')
                {
                    return true;
                }
            }

            return false;
        }

        private bool LooksLikeEventCsv(int first)
        {
            var headerStart = first;
            if (string.Compare(Text, first, "#TYPE", 0, 5, StringComparison.OrdinalIgnoreCase) == 0)
            {
                var lineEnd = Text.IndexOf('\n', first);
                if (lineEnd < 0)
                {
                    return false;
                }

                headerStart = lineEnd + 1;
            }

            var end = Text.IndexOf('\n', headerStart);
            var header = Text.Substring(headerStart, (end < 0 ? Text.Length : end) - headerStart).TrimEnd('\r');
            var delimiter = header.IndexOf(',') >= 0 ? ',' : header.IndexOf(';') >= 0 ? ';' : '\t';
            var cells = header.Split(delimiter);
            bool hasId = false, hasSource = false, hasTime = false, hasMessage = false;
            foreach (var raw in cells)
            {
                var cell = raw.Trim().Trim('"');
                hasId |= Array.Exists(EventIdColumns, c => c.Equals(cell, StringComparison.OrdinalIgnoreCase));
                hasSource |= Array.Exists(EventSourceColumns, c => c.Equals(cell, StringComparison.OrdinalIgnoreCase));
                hasTime |= cell.Equals("TimeCreated", StringComparison.OrdinalIgnoreCase) || cell.Equals("TimeGenerated", StringComparison.OrdinalIgnoreCase) || cell.Equals("@timestamp", StringComparison.OrdinalIgnoreCase);
                hasMessage |= cell.Equals("Message", StringComparison.OrdinalIgnoreCase);
            }

            return (hasId && hasSource) || (hasId && hasTime) || (hasSource && hasTime && hasMessage);
        }
    }
}
