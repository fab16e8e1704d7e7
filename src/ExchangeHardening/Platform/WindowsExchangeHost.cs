using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;

namespace ExchangeHardening.Platform
{
    /// <summary>
    /// Reads the running server, read-only, through PowerShell itself (registry provider, Get-Service, Get-WinEvent,
    /// and the Exchange cmdlets when the Exchange Management Shell is loaded), so no Windows-only assembly is needed.
    /// </summary>
    internal sealed class WindowsExchangeHost : IExchangeHost
    {
        private const string SetupKey = @"HKLM:\SOFTWARE\Microsoft\ExchangeServer\v15\Setup";
        private readonly PSCmdlet cmdlet;
        private object? exchangeServer;
        private object? organizationConfig;
        private object? mitigationService;
        private IReadOnlyList<object>? mitigationEvents;
        private bool exchangeRead;
        private bool serviceRead;

        public WindowsExchangeHost(PSCmdlet cmdlet)
        {
            this.cmdlet = cmdlet;
            ComputerName = Environment.MachineName;
            try
            {
                var properties = cmdlet.InvokeProvider.Property.Get(SetupKey, new Collection<string> { "MsiInstallPath" });
                foreach (var item in properties)
                {
                    ExchangeInstallPath = item.Properties["MsiInstallPath"]?.Value as string;
                }
            }
            catch (Exception ex) when (ex is ItemNotFoundException || ex is ProviderNotFoundException || ex is System.Management.Automation.DriveNotFoundException || ex is System.Security.SecurityException || ex is UnauthorizedAccessException)
            {
                ExchangeInstallPath = null;
            }

            var exSetup = ExchangeInstallPath == null ? null : Path.Combine(ExchangeInstallPath, "Bin", "ExSetup.exe");
            if (exSetup != null && File.Exists(exSetup))
            {
                ExSetupVersionInfo = FileVersionInfo.GetVersionInfo(exSetup);
            }

            var windows = Environment.GetFolderPath(Environment.SpecialFolder.Windows);
            var systemDrive = Path.GetPathRoot(windows) ?? "C:\\";
            IisConfigurationPaths = new[]
                {
                    Path.Combine(windows, "System32", "inetsrv", "config", "applicationHost.config"),
                    Path.Combine(systemDrive, "inetpub", "wwwroot", "web.config"),
                    ExchangeInstallPath == null ? null : Path.Combine(ExchangeInstallPath, "FrontEnd", "HttpProxy", "owa", "web.config"),
                    ExchangeInstallPath == null ? null : Path.Combine(ExchangeInstallPath, "FrontEnd", "HttpProxy", "ecp", "web.config"),
                }
                .Where(p => p != null && File.Exists(p))
                .Select(p => p!)
                .ToArray();
            var logFolder = ExchangeInstallPath == null ? null : Path.Combine(ExchangeInstallPath, "Logging", "MitigationService");
            MitigationLogFolder = logFolder != null && Directory.Exists(logFolder) ? logFolder : null;
        }

        public string ComputerName { get; }

        public string? ExchangeInstallPath { get; }

        public object? ExSetupVersionInfo { get; }

        public object? ExchangeServer
        {
            get
            {
                ReadExchange();
                return exchangeServer;
            }
        }

        public object? OrganizationConfig
        {
            get
            {
                ReadExchange();
                return organizationConfig;
            }
        }

        public object? MitigationService
        {
            get
            {
                if (!serviceRead)
                {
                    mitigationService = Run("Get-Service -Name MSExchangeMitigation -ErrorAction SilentlyContinue").FirstOrDefault();
                    serviceRead = true;
                }

                return mitigationService;
            }
        }

        public IReadOnlyList<string> IisConfigurationPaths { get; }

        public IReadOnlyList<object> MitigationEvents =>
            mitigationEvents ??= Run("Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'MSExchange Mitigation Service'; StartTime = (Get-Date).AddDays(-7) } -ErrorAction SilentlyContinue").ToArray();

        public string? MitigationLogFolder { get; }

        public IReadOnlyList<string> ReviewPaths
        {
            get
            {
                var windows = Environment.GetFolderPath(Environment.SpecialFolder.Windows);
                var systemDrive = Path.GetPathRoot(windows) ?? "C:\\";
                return new[]
                    {
                        ExchangeInstallPath,
                        Path.Combine(systemDrive, "inetpub"),
                        Path.Combine(systemDrive, "root"),
                        Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData),
                        Path.Combine(windows, "Temp"),
                        Path.Combine(windows, "debug"),
                        Path.Combine(windows, "System32", "inetsrv", "config"),
                        Path.Combine(windows, "Microsoft.NET", "Framework64", "v4.0.30319", "Temporary ASP.NET Files"),
                        Path.Combine(systemDrive, "EOMTSummary.txt"),
                        Path.Combine(systemDrive, "EOMTv2Summary.txt"),
                        Path.Combine(Path.GetTempPath(), "msert"),
                        Path.Combine(Path.GetTempPath(), "EOMTv2"),
                    }
                    .Where(p => p != null && (Directory.Exists(p) || File.Exists(p)))
                    .Select(p => p!)
                    .ToArray();
            }
        }

        public IReadOnlyList<object> ReviewEvents =>
            Run("Get-WinEvent -FilterHashtable @{ LogName = 'MSExchange Management'; StartTime = (Get-Date).AddDays(-90) } -ErrorAction SilentlyContinue; " +
                "Get-WinEvent -FilterHashtable @{ LogName = 'Application'; ProviderName = 'MSExchange Unified Messaging', 'MSExchange Control Panel'; Level = 2; StartTime = (Get-Date).AddDays(-90) } -ErrorAction SilentlyContinue").ToArray();

        /// <summary>The Exchange cmdlets exist only in the Exchange Management Shell (or a session that imported them).</summary>
        private void ReadExchange()
        {
            if (exchangeRead)
            {
                return;
            }

            exchangeRead = true;
            if (Run("Get-Command Get-ExchangeServer -ErrorAction SilentlyContinue").Any())
            {
                exchangeServer = Run("Get-ExchangeServer -Identity $env:COMPUTERNAME -ErrorAction SilentlyContinue").FirstOrDefault();
                organizationConfig = Run("Get-OrganizationConfig -ErrorAction SilentlyContinue").FirstOrDefault();
            }
        }

        private IEnumerable<object> Run(string script) =>
            cmdlet.InvokeCommand.InvokeScript(script).Where(o => o != null).Select(o => (object)o);
    }
}
