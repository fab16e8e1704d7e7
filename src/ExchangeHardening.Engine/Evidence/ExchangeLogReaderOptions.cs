namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>How forgiving <see cref="ExchangeLogReader"/> is.</summary>
    public sealed class ExchangeLogReaderOptions
    {
        /// <summary>
        /// Take the first non-directive line as column names when no <c>#Fields</c> directive came first (files
        /// rewritten by Windows PowerShell 5.1 <c>Export-Csv</c> have no directives). A first line whose first value
        /// is an ISO 8601 timestamp is data, not a header. Default true.
        /// </summary>
        public bool AcceptHeaderRow { get; set; } = true;

        /// <summary>
        /// Report a line whose number of values differs from the column names as an error instead of returning it.
        /// Exchange writes every column on every line, so a difference means a truncated or garbled line. Default true.
        /// </summary>
        public bool StrictFieldCount { get; set; } = true;

        /// <summary>Longest record read, in characters; a longer one is an error and is skipped. Default 16 Mi.</summary>
        public int MaxRecordLength { get; set; } = 16 * 1024 * 1024;

        /// <summary>After this many malformed records the rest of the file is skipped with one final error. Default 1000.</summary>
        public int MaxErrors { get; set; } = 1000;
    }
}
