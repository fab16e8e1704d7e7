namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// One item of a streamed read: either a value or the error that replaced a bad record. A struct, so a
    /// stream of millions of records costs no extra allocation for the wrapper.
    /// </summary>
    public readonly struct EvidenceItem<T>
        where T : class
    {
        public EvidenceItem(T value)
        {
            Value = value;
            Error = null;
        }

        public EvidenceItem(EvidenceError error)
        {
            Value = null;
            Error = error;
        }

        /// <summary>The record; null when this item is an error.</summary>
        public T? Value { get; }

        /// <summary>What went wrong; null when this item is a record.</summary>
        public EvidenceError? Error { get; }

        public bool IsError => Error != null;

        public override string ToString() => Error?.ToString() ?? Value?.ToString() ?? string.Empty;
    }
}
