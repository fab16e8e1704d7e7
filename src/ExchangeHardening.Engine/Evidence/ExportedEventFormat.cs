namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>How a file of exported events is laid out, as recognised from its content.</summary>
    public enum ExportedEventFormat
    {
        /// <summary>Not a format this reader knows.</summary>
        Unknown,

        /// <summary>No content, or only whitespace.</summary>
        Empty,

        /// <summary>A JSON array of event objects (<c>Get-WinEvent | ConvertTo-Json</c> with more than one event).</summary>
        JsonArray,

        /// <summary>Top-level JSON objects one after another: JSON lines as event shippers write them, or the single object <c>ConvertTo-Json</c> writes for one event.</summary>
        JsonLines,

        /// <summary>CSV with a header row, optionally preceded by the <c>#TYPE</c> line of Windows PowerShell 5.1 <c>Export-Csv</c>.</summary>
        Csv,
    }
}
