using System;

namespace ExchangeHardening
{
    /// <summary>One line per server: where it stands and the one update to install.</summary>
    public sealed class ServerExposureSummary
    {
        public string Server { get; set; } = string.Empty;

        public string ProductName { get; set; } = string.Empty;

        public string CumulativeUpdate { get; set; } = string.Empty;

        public string SecurityUpdate { get; set; } = string.Empty;

        public string Build { get; set; } = string.Empty;

        public bool Supported { get; set; }

        public DateTime? EndOfSupport { get; set; }

        /// <summary>The update to install: name, build and KB.</summary>
        public string LatestUpdate { get; set; } = string.Empty;

        public int VulnerableCount { get; set; }

        public int ExploitedCount { get; set; }

        public int UnknownCount { get; set; }

        public ExposureLevel Level { get; set; }

        /// <summary>A copy for another server with the same facts.</summary>
        public ServerExposureSummary ForServer(string server)
        {
            var copy = (ServerExposureSummary)MemberwiseClone();
            copy.Server = server;
            return copy;
        }

        public override string ToString() => $"{Server} {Level}";
    }
}
