using System;
using System.Diagnostics;
using System.IO;
using System.Management.Automation;

namespace ExchangeHardening.Platform
{
    /// <summary>Reads the running server, read-only: the install path from the registry (through PowerShell's
    /// registry provider, so no extra assembly is needed) and ExSetup.exe's file version.</summary>
    internal sealed class WindowsExchangeHost : IExchangeHost
    {
        private const string SetupKey = @"HKLM:\SOFTWARE\Microsoft\ExchangeServer\v15\Setup";

        public WindowsExchangeHost(PSCmdlet cmdlet)
        {
            ComputerName = Environment.MachineName;
            try
            {
                var properties = cmdlet.InvokeProvider.Property.Get(SetupKey, new System.Collections.ObjectModel.Collection<string> { "MsiInstallPath" });
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
        }

        public string ComputerName { get; }

        public string? ExchangeInstallPath { get; }

        public object? ExSetupVersionInfo { get; }
    }
}
