namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>Limits of the log analyzers.</summary>
    public sealed class LogAnalyzerOptions
    {
        /// <summary>Longest line read, in bytes or characters; a longer line is reported and skipped. Default 1 MiB.</summary>
        public int MaxLineLength { get; set; } = 1024 * 1024;

        /// <summary>Problems (bad lines) reported per file before the rest are only counted. Default 100.</summary>
        public int MaxProblemsPerFile { get; set; } = FileProblemReporter.DefaultLimit;
    }
}
