namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// One data line of an Exchange text log: either the reader's current line (no copy, valid until it moves
    /// on) or a materialised <see cref="ExchangeLogLine"/>. Rules work against this so the hunt can stay
    /// allocation-free while tests and small logs can keep lines around.
    /// </summary>
    public interface IExchangeLogRecord
    {
        string File { get; }

        /// <summary>1-based line number of the record in its file.</summary>
        long Line { get; }

        ExchangeLogHeader Header { get; }

        int FieldCount { get; }

        string GetValue(int ordinal);

        /// <summary>The value of a column by name (case-insensitive); null when the log has no such column or the line is shorter.</summary>
        string? GetField(string name);

        bool TryGetField(string name, out string value);

        /// <summary>The line as written in the file, without its line break.</summary>
        string GetRawText();
    }
}
