namespace ExchangeHardening.Platform
{
    /// <summary>
    /// The seam around what only a live Windows Exchange server can tell (registry, files of the installation).
    /// <see cref="WindowsExchangeHost"/> asks the machine; <see cref="RecordedExchangeHost"/> replays a CLIXML
    /// recording of the same facts, which is how the tests (and offline reviews) exercise -Local.
    /// </summary>
    public interface IExchangeHost
    {
        /// <summary>The computer's name, used as the server name.</summary>
        string ComputerName { get; }

        /// <summary>The Exchange installation folder (the Setup key's MsiInstallPath), or null when Exchange is not installed.</summary>
        string? ExchangeInstallPath { get; }

        /// <summary>ExSetup.exe's version information (a FileVersionInfo, or its recorded property bag), or null.</summary>
        object? ExSetupVersionInfo { get; }
    }
}
