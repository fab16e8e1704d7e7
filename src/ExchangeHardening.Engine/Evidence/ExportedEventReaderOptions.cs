using System;
using System.Globalization;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>Settings for reading exported events.</summary>
    public sealed class ExportedEventReaderOptions
    {
        /// <summary>
        /// Culture the exporting machine formatted times with. <c>Export-Csv</c> writes <c>TimeCreated</c> as
        /// <c>DateTime.ToString()</c> in the exporter's culture (e.g. <c>3/6/2021 3:06:40 AM</c> or
        /// <c>06.03.2021 03:06:40</c>); null reads ISO 8601 and the invariant (en-US order) form only.
        /// </summary>
        public CultureInfo? Culture { get; set; }

        /// <summary>
        /// UTC offset assumed for times written without one (CSV exports hold the exporting machine's local
        /// time). Default zero: such times are read as UTC.
        /// </summary>
        public TimeSpan AssumedUtcOffset { get; set; }

        /// <summary>Largest single record, in bytes for JSON and characters for CSV; a larger one is an error and is skipped. Default 16 Mi.</summary>
        public int MaxRecordLength { get; set; } = 16 * 1024 * 1024;

        /// <summary>After this many malformed records the rest of the file is skipped with one final error. Default 1000.</summary>
        public int MaxErrors { get; set; } = 1000;
    }
}
