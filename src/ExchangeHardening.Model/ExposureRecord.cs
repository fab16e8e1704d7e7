namespace ExchangeHardening
{
    /// <summary>One server and one vulnerability (or lifecycle/data finding): the status, why, and what to do.</summary>
    public sealed class ExposureRecord
    {
        public string Server { get; set; } = string.Empty;

        public string Product { get; set; } = string.Empty;

        public string ProductName { get; set; } = string.Empty;

        public string CumulativeUpdate { get; set; } = string.Empty;

        /// <summary>The installed update key (e.g. Feb26SU); "None" when only the CU is installed; "Unknown" when not known.</summary>
        public string SecurityUpdate { get; set; } = string.Empty;

        public string Build { get; set; } = string.Empty;

        public BuildSource BuildSource { get; set; }

        public string AdvisoryId { get; set; } = string.Empty;

        public string Cve { get; set; } = string.Empty;

        public string Title { get; set; } = string.Empty;

        public Severity Severity { get; set; }

        public bool Exploited { get; set; }

        public ExposureStatus Status { get; set; }

        /// <summary>The update (name, build, KB) that fixes it for this server's CU, or the CU to move to.</summary>
        public string FixedIn { get; set; } = string.Empty;

        public string Reason { get; set; } = string.Empty;

        public string Recommendation { get; set; } = string.Empty;

        public string Link { get; set; } = string.Empty;

        /// <summary>A copy for another server with the same facts (the evaluator reuses results per distinct build).</summary>
        public ExposureRecord ForServer(string server)
        {
            var copy = (ExposureRecord)MemberwiseClone();
            copy.Server = server;
            return copy;
        }

        public override string ToString() => $"{Server} {Cve} {Status}";
    }
}
