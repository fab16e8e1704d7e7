using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ExchangeHardening.Input;

namespace ExchangeHardening.Platform
{
    /// <summary>
    /// Replays a recording of a server: a CLIXML file (Export-Clixml) of an object with the properties ComputerName,
    /// ExchangeInstallPath, ExSetupVersionInfo ((Get-Command ExSetup.exe).FileVersionInfo) and, optionally,
    /// ExchangeServer, OrganizationConfig, MitigationService (Get-Service MSExchangeMitigation), MitigationEvents
    /// (Get-WinEvent records), IisConfigurationPath and MitigationLogFolder (paths relative to the recording, pointing
    /// at copies of the files), ReviewPath (folders for Invoke-EomtReview -Local, relative to the recording) and ReviewEvents.
    /// </summary>
    internal sealed class RecordedExchangeHost : IExchangeHost
    {
        public RecordedExchangeHost(string path)
        {
            var recording = PSSerializer.Deserialize(File.ReadAllText(path));
            var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            ComputerName = PowerShellValue.Text(PowerShellValue.Property(recording, "ComputerName")) ?? "recorded-server";
            ExchangeInstallPath = PowerShellValue.Text(PowerShellValue.Property(recording, "ExchangeInstallPath"));
            ExSetupVersionInfo = Raw(recording, "ExSetupVersionInfo");
            ExchangeServer = Raw(recording, "ExchangeServer");
            OrganizationConfig = Raw(recording, "OrganizationConfig");
            MitigationService = Raw(recording, "MitigationService");
            MitigationEvents = PowerShellValue.Items(Raw(recording, "MitigationEvents")).ToArray();
            IisConfigurationPaths = PowerShellValue.Strings(PowerShellValue.Property(recording, "IisConfigurationPath"))
                .Select(p => Path.GetFullPath(Path.Combine(folder, p)))
                .ToArray();
            var logFolder = PowerShellValue.Text(PowerShellValue.Property(recording, "MitigationLogFolder"));
            MitigationLogFolder = logFolder == null ? null : Path.GetFullPath(Path.Combine(folder, logFolder));
            ReviewPaths = PowerShellValue.Strings(PowerShellValue.Property(recording, "ReviewPath"))
                .Select(p => Path.GetFullPath(Path.Combine(folder, p)))
                .ToArray();
            ReviewEvents = PowerShellValue.Items(Raw(recording, "ReviewEvents")).ToArray();
        }

        public string ComputerName { get; }

        public string? ExchangeInstallPath { get; }

        public object? ExSetupVersionInfo { get; }

        public object? ExchangeServer { get; }

        public object? OrganizationConfig { get; }

        public object? MitigationService { get; }

        public IReadOnlyList<string> IisConfigurationPaths { get; }

        public IReadOnlyList<object> MitigationEvents { get; }

        public string? MitigationLogFolder { get; }

        public IReadOnlyList<string> ReviewPaths { get; }

        public IReadOnlyList<object> ReviewEvents { get; }

        private static object? Raw(object recording, string name) => PSObject.AsPSObject(recording).Properties[name]?.Value;
    }
}
