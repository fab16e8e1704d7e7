using System;
using System.Collections.Generic;
using ExchangeHardening.Engine.Exposure;

namespace ExchangeHardening.Engine.EmergencyMitigation
{
    /// <summary>
    /// What the input tells about one server's Emergency Mitigation set-up. Every part but the server is optional:
    /// a check without its evidence says so instead of guessing.
    /// </summary>
    public sealed class EmergencyMitigationFacts
    {
        public EmergencyMitigationFacts(ServerFacts server)
        {
            Server = server;
        }

        public ServerFacts Server { get; }

        /// <summary>Get-ExchangeServer MitigationsEnabled; null when not given.</summary>
        public bool? ServerMitigationsEnabled { get; set; }

        /// <summary>Get-OrganizationConfig MitigationsEnabled; null when not given.</summary>
        public bool? OrganizationMitigationsEnabled { get; set; }

        public IReadOnlyList<string> MitigationsBlocked { get; set; } = Array.Empty<string>();

        public bool? DataCollectionEnabled { get; set; }

        public string? InternetWebProxy { get; set; }

        /// <summary>Get-Service MSExchangeMitigation: Status (Running, Stopped, ...); null when not given.</summary>
        public string? ServiceStatus { get; set; }

        /// <summary>Get-Service MSExchangeMitigation: StartType (Automatic, Manual, Disabled); null when not given.</summary>
        public string? ServiceStartType { get; set; }

        /// <summary>True when the service object was given but says the service does not exist.</summary>
        public bool ServiceMissing { get; set; }
    }
}
