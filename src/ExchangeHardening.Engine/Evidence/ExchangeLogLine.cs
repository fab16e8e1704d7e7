using System.Collections.Generic;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>A data line of an Exchange text log, copied out of the reader so it can be kept.</summary>
    public sealed class ExchangeLogLine : IExchangeLogRecord
    {
        private readonly string[] values;

        public ExchangeLogLine(string file, long line, ExchangeLogHeader header, IReadOnlyList<string> values, string rawText)
        {
            File = file;
            Line = line;
            Header = header;
            this.values = new string[values.Count];
            for (var i = 0; i < values.Count; i++)
            {
                this.values[i] = values[i];
            }

            RawText = rawText;
        }

        public string File { get; }

        public long Line { get; }

        public ExchangeLogHeader Header { get; }

        public IReadOnlyList<string> Values => values;

        public int FieldCount => values.Length;

        public string RawText { get; }

        public string GetValue(int ordinal) => values[ordinal];

        public string? GetField(string name)
        {
            var index = Header.IndexOf(name);
            return index >= 0 && index < values.Length ? values[index] : null;
        }

        public bool TryGetField(string name, out string value)
        {
            value = GetField(name)!;
            if (value == null)
            {
                value = string.Empty;
                return false;
            }

            return true;
        }

        public string GetRawText() => RawText;

        public override string ToString() => File + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture) + ": " + RawText;
    }
}
