using System;
using System.Collections.Generic;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// The directives in force for a stretch of an Exchange text log (<c>#Software</c>, <c>#Version</c>,
    /// <c>#Log-type</c>, <c>#Date</c>, <c>#Fields</c>). Immutable: a new directive yields a new header, so lines
    /// read earlier keep the header they were written under.
    /// </summary>
    public sealed class ExchangeLogHeader
    {
        public static readonly ExchangeLogHeader Empty = new ExchangeLogHeader(null, null, null, null, Array.Empty<string>(), 0);

        private readonly Dictionary<string, int> ordinals;

        public ExchangeLogHeader(string? software, string? version, string? logType, string? date, IReadOnlyList<string> fields, long fieldsLine)
        {
            Software = software;
            Version = version;
            LogType = logType;
            Date = date;
            Fields = fields;
            FieldsLine = fieldsLine;
            ordinals = new Dictionary<string, int>(fields.Count, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < fields.Count; i++)
            {
                // The first of two equal names wins, as PowerShell's Import-Csv would refuse the file anyway.
                if (!ordinals.ContainsKey(fields[i]))
                {
                    ordinals.Add(fields[i], i);
                }
            }
        }

        public string? Software { get; }

        public string? Version { get; }

        /// <summary>The <c>#Log-type</c> value, e.g. <c>HttpProxy Logs</c> or <c>ECP Server Log</c>.</summary>
        public string? LogType { get; }

        /// <summary>The <c>#Date</c> value as written (ISO 8601 UTC in Exchange logs).</summary>
        public string? Date { get; }

        /// <summary>Column names from <c>#Fields</c> or from a plain header row; empty when neither was seen.</summary>
        public IReadOnlyList<string> Fields { get; }

        /// <summary>Line the column names came from; 0 when there are none.</summary>
        public long FieldsLine { get; }

        /// <summary>Position of a column by name, case-insensitive; -1 when the log has no such column.</summary>
        public int IndexOf(string name) => ordinals.TryGetValue(name, out var index) ? index : -1;

        internal ExchangeLogHeader WithDirective(string name, string value)
        {
            if (name.Equals("Software", StringComparison.OrdinalIgnoreCase))
            {
                return new ExchangeLogHeader(value, Version, LogType, Date, Fields, FieldsLine);
            }

            if (name.Equals("Version", StringComparison.OrdinalIgnoreCase))
            {
                return new ExchangeLogHeader(Software, value, LogType, Date, Fields, FieldsLine);
            }

            if (name.Equals("Log-type", StringComparison.OrdinalIgnoreCase))
            {
                return new ExchangeLogHeader(Software, Version, value, Date, Fields, FieldsLine);
            }

            if (name.Equals("Date", StringComparison.OrdinalIgnoreCase))
            {
                return new ExchangeLogHeader(Software, Version, LogType, value, Fields, FieldsLine);
            }

            return this;
        }

        internal ExchangeLogHeader WithFields(IReadOnlyList<string> fields, long line) =>
            new ExchangeLogHeader(Software, Version, LogType, Date, fields, line);
    }
}
