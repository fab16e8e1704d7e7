using System;
using System.Linq;
using ExchangeHardening.Engine.EmergencyMitigation;

namespace ExchangeHardening.Input
{
    /// <summary>Reads Get-Service MSExchangeMitigation objects (live ServiceController or deserialized) into the facts.</summary>
    internal static class ServiceInput
    {
        public const string ServiceName = "MSExchangeMitigation";

        /// <param name="services">The -Service value; given but empty means the service does not exist.</param>
        /// <param name="facts">The server the services are matched to.</param>
        public static void Apply(object[]? services, EmergencyMitigationFacts facts)
        {
            var candidates = (services ?? Array.Empty<object>()).SelectMany(PowerShellValue.Items)
                .Where(s => string.Equals(PowerShellValue.PropertyText(s, "Name") ?? ServiceName, ServiceName, StringComparison.OrdinalIgnoreCase))
                .ToList();
            // With several servers' services, take the one from this server (MachineName, or PSComputerName after remoting).
            // A lone service object counts for the server only when it names no other machine.
            var service = candidates.FirstOrDefault(s => SameMachine(s, facts.Server.Name))
                ?? (candidates.Count == 1 && !NamesOtherMachine(candidates[0], facts.Server.Name) ? candidates[0] : null);
            if (service == null)
            {
                facts.ServiceMissing = candidates.Count == 0;
                return;
            }

            facts.ServiceStatus = PowerShellValue.PropertyText(service, "Status");
            facts.ServiceStartType = PowerShellValue.PropertyText(service, "StartType");
        }

        private static bool NamesOtherMachine(object service, string server)
        {
            var machine = PowerShellValue.PropertyText(service, "PSComputerName") ?? PowerShellValue.PropertyText(service, "MachineName");
            return machine != null && machine != "." && !string.Equals(ShortName(machine), ShortName(server), StringComparison.OrdinalIgnoreCase);
        }

        private static bool SameMachine(object service, string server)
        {
            var machine = PowerShellValue.Text(PowerShellValue.Property(service, "PSComputerName")) ?? PowerShellValue.Text(PowerShellValue.Property(service, "MachineName"));
            if (machine == null || machine == ".")
            {
                return false;
            }

            return string.Equals(ShortName(machine), ShortName(server), StringComparison.OrdinalIgnoreCase);
        }

        private static string ShortName(string name)
        {
            var dot = name.IndexOf('.');
            return dot > 0 ? name.Substring(0, dot) : name;
        }
    }
}
