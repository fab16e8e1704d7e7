using System.IO;
using System.Management.Automation;
using ExchangeHardening.Input;

namespace ExchangeHardening.Platform
{
    /// <summary>
    /// Replays a recording of a server: a CLIXML file (Export-Clixml) of an object with the properties
    /// ComputerName, ExchangeInstallPath and ExSetupVersionInfo ((Get-Command ExSetup.exe).FileVersionInfo).
    /// </summary>
    internal sealed class RecordedExchangeHost : IExchangeHost
    {
        public RecordedExchangeHost(string path)
        {
            var recording = PSSerializer.Deserialize(File.ReadAllText(path));
            ComputerName = PowerShellValue.Text(PowerShellValue.Property(recording, "ComputerName")) ?? "recorded-server";
            ExchangeInstallPath = PowerShellValue.Text(PowerShellValue.Property(recording, "ExchangeInstallPath"));
            ExSetupVersionInfo = PSObject.AsPSObject(recording).Properties["ExSetupVersionInfo"]?.Value;
        }

        public string ComputerName { get; }

        public string? ExchangeInstallPath { get; }

        public object? ExSetupVersionInfo { get; }
    }
}
