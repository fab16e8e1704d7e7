using System.Collections.Generic;

namespace ExchangeHardening.Platform
{
    /// <summary>
    /// The seam around what only a live Windows Exchange server can tell (registry, services, event log, files of the
    /// installation). <see cref="WindowsExchangeHost"/> asks the machine, read-only; <see cref="RecordedExchangeHost"/>
    /// replays a CLIXML recording of the same facts, which is how the tests (and offline reviews) exercise -Local.
    /// </summary>
    public interface IExchangeHost
    {
        /// <summary>The computer's name, used as the server name.</summary>
        string ComputerName { get; }

        /// <summary>The Exchange installation folder (the Setup key's MsiInstallPath), or null when Exchange is not installed.</summary>
        string? ExchangeInstallPath { get; }

        /// <summary>ExSetup.exe's version information (a FileVersionInfo, or its recorded property bag), or null.</summary>
        object? ExSetupVersionInfo { get; }

        /// <summary>This server's Get-ExchangeServer object when the Exchange cmdlets are loaded, else null.</summary>
        object? ExchangeServer { get; }

        /// <summary>Get-OrganizationConfig when the Exchange cmdlets are loaded, else null.</summary>
        object? OrganizationConfig { get; }

        /// <summary>Get-Service MSExchangeMitigation, or null when the service does not exist.</summary>
        object? MitigationService { get; }

        /// <summary>applicationHost.config and the Exchange web.config files that exist on this server.</summary>
        IReadOnlyList<string> IisConfigurationPaths { get; }

        /// <summary>Recent Application events of the MSExchange Mitigation Service.</summary>
        IReadOnlyList<object> MitigationEvents { get; }

        /// <summary>The EM service's text log folder, or null.</summary>
        string? MitigationLogFolder { get; }

        /// <summary>The folders a compromise review reads on this server (Exchange, IIS, ProgramData, Windows temp and debug, ...).</summary>
        IReadOnlyList<string> ReviewPaths { get; }

        /// <summary>Recent events a compromise review reads (MSExchange Management cmdlet logs, Exchange application errors).</summary>
        IReadOnlyList<object> ReviewEvents { get; }
    }
}
