using System;
using System.Text;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// An IIS W3C log line as indicators see it. Only lines that passed the prefilter get here: the line is copied,
    /// split on spaces, and a value is decoded only when a condition reads it. '-' is an empty value; '+' in user
    /// agents stays as IIS wrote it (rules name user agents that way).
    /// </summary>
    internal sealed class W3cEntry : EntryRecord
    {
        private byte[] line = new byte[1024];
        private int length;
        private int[] starts = new int[32];
        private int[] lengths = new int[32];
        private int count;
        private W3cFieldMap map = W3cFieldMap.Default;

        /// <summary>Number of space-separated values on the line.</summary>
        public int ValueCount => count;

        /// <summary>Takes a copy of <paramref name="raw"/> and splits it into values.</summary>
        public void Load(ReadOnlySpan<byte> raw, W3cFieldMap fields)
        {
            map = fields;
            if (line.Length < raw.Length)
            {
                line = new byte[Math.Max(raw.Length, line.Length * 2)];
            }

            raw.CopyTo(line);
            length = raw.Length;
            count = 0;
            var at = 0;
            while (at <= length)
            {
                var space = at < length ? new ReadOnlySpan<byte>(line, at, length - at).IndexOf((byte)' ') : -1;
                var end = space < 0 ? length : at + space;
                if (count == starts.Length)
                {
                    Array.Resize(ref starts, count * 2);
                    Array.Resize(ref lengths, count * 2);
                }

                starts[count] = at;
                lengths[count] = end - at;
                count++;
                if (space < 0)
                {
                    break;
                }

                at = end + 1;
            }
        }

        /// <summary>A column by name; null when the log has no such column, empty for '-'.</summary>
        public string? Column(string name) => Value(map.IndexOf(name));

        public string? Value(int index)
        {
            if (index < 0 || index >= count)
            {
                return null;
            }

            if (lengths[index] == 1 && line[starts[index]] == (byte)'-')
            {
                return string.Empty;
            }

            return Encoding.UTF8.GetString(line, starts[index], lengths[index]);
        }

        public string Text() => Encoding.UTF8.GetString(line, 0, length);

        protected override string? Read(EntryField field)
        {
            switch (field.Kind)
            {
                case EntryFieldKind.Native:
                    return Column(field.NativeName);
                case EntryFieldKind.Url:
                    var stem = Column("cs-uri-stem") ?? string.Empty;
                    var query = Column("cs-uri-query") ?? string.Empty;
                    return query.Length == 0 ? stem : stem + "?" + query;
                case EntryFieldKind.Text:
                    return Text();
                default:
                    return null;
            }
        }
    }
}
