using System;

namespace ExchangeHardening
{
    /// <summary>Per server: does the Emergency Mitigation service work, and are its mitigations still needed?</summary>
    public sealed class EmergencyMitigationResult
    {
        public string Server { get; set; } = string.Empty;

        public string Build { get; set; } = string.Empty;

        /// <summary>True when the build has the EM service (2016 CU22+, 2019 CU11+, SE; not 2013, not Edge).</summary>
        public bool Supported { get; set; }

        /// <summary>Organisation and server switches both on; null when not known.</summary>
        public bool? Enabled { get; set; }

        /// <summary>"Running/Automatic" style text of the MSExchangeMitigation service, or "Unknown".</summary>
        public string ServiceState { get; set; } = "Unknown";

        /// <summary>Null when the connectivity test was skipped.</summary>
        public bool? EndpointReachable { get; set; }

        /// <summary>Null when no IIS configuration was given.</summary>
        public bool? UrlRewriteInstalled { get; set; }

        public string[] MitigationsApplied { get; set; } = Array.Empty<string>();

        public string[] MitigationsBlocked { get; set; } = Array.Empty<string>();

        /// <summary>Mitigations still in place although the installed build fixes what they mitigate.</summary>
        public string[] StaleMitigations { get; set; } = Array.Empty<string>();

        /// <summary>Published mitigations the build needs but does not have.</summary>
        public string[] MissingMitigations { get; set; } = Array.Empty<string>();

        public CheckResult[] Checks { get; set; } = Array.Empty<CheckResult>();

        /// <summary>True only when no check failed.</summary>
        public bool Passed { get; set; }

        public override string ToString() => $"{Server} Passed={Passed}";
    }
}
