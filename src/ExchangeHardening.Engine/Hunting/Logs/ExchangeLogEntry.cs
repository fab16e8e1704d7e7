using System.Collections.Generic;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>An Exchange CSV log line (HttpProxy, ECP) as indicators see it: columns by name, Url and Text on demand.</summary>
    internal sealed class ExchangeLogEntry : EntryRecord
    {
        private readonly IReadOnlyList<string> defaultColumns;
        private IExchangeLogRecord? record;

        /// <param name="defaultColumns">The columns of this log type in order, for files whose #Fields line is missing (a fragment of a rotated log).</param>
        public ExchangeLogEntry(IReadOnlyList<string> defaultColumns)
        {
            this.defaultColumns = defaultColumns;
        }

        public void Bind(IExchangeLogRecord current) => record = current;

        /// <summary>A column by name; null when the line has no such column.</summary>
        public string? Column(string name)
        {
            var line = record!;
            var index = line.Header.Fields.Count > 0 ? line.Header.IndexOf(name) : IndexOfDefault(name);
            return index >= 0 && index < line.FieldCount ? line.GetValue(index) : null;
        }

        protected override string? Read(EntryField field)
        {
            switch (field.Kind)
            {
                case EntryFieldKind.Native:
                    return Column(field.NativeName);
                case EntryFieldKind.Url:
                    var stem = Column("UrlStem") ?? string.Empty;
                    var query = Column("UrlQuery") ?? string.Empty;
                    return query.Length == 0 || query[0] == '?' ? stem + query : stem + "?" + query;
                case EntryFieldKind.Text:
                    return record!.GetRawText();
                default:
                    return null;
            }
        }

        private int IndexOfDefault(string name)
        {
            for (var i = 0; i < defaultColumns.Count; i++)
            {
                if (string.Equals(defaultColumns[i], name, System.StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
