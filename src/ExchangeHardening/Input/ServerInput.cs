using System;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Exposure;
using ExchangeHardening.Platform;

namespace ExchangeHardening.Input
{
    /// <summary>
    /// The server-describing parameters one pipeline record bound (a Get-ExchangeServer object, an ExSetup.exe
    /// version, a plain build, or -Local), turned into <see cref="ServerFacts"/>. Shared by the cmdlets so every one
    /// of them reads Exchange objects the same way.
    /// </summary>
    internal sealed class ServerInput
    {
        public object? InputObject { get; set; }

        public string? Name { get; set; }

        public string? Fqdn { get; set; }

        public object? AdminDisplayVersion { get; set; }

        public object? Build { get; set; }

        public object? IsEdgeServer { get; set; }

        public object? ServerRole { get; set; }

        public object? MitigationsApplied { get; set; }

        /// <summary>The running server (-Local); it describes a record only when nothing else names a server.</summary>
        public IExchangeHost? LocalHost { get; set; }

        /// <summary>True when the record carries nothing that names or versions a server.</summary>
        public bool IsEmpty => InputObject == null && Name == null && Build == null && AdminDisplayVersion == null && LocalHost == null;

        /// <summary>What an error about this record should point at.</summary>
        public object? Target => InputObject ?? (object?)Name ?? Build ?? AdminDisplayVersion;

        public bool TryRead(out ServerFacts? facts, out string problem)
        {
            facts = null;
            var scalarInput = IsBuildValue(InputObject) ? InputObject : null;
            // -Local describes this computer only; piped servers keep their own versions.
            var local = InputObject == null && Name == null && AdminDisplayVersion == null ? LocalHost : null;
            var buildValue = Build ?? scalarInput ?? local?.ExSetupVersionInfo;
            var name = Name ?? Fqdn ?? ScalarName(scalarInput) ?? local?.ComputerName ?? ScalarName(buildValue) ?? "(unnamed)";

            ExchangeBuild build;
            BuildSource source;
            string error;
            if (buildValue != null)
            {
                if (!BuildReader.TryRead(buildValue, out build, out source, out error))
                {
                    problem = $"Server '{name}': {error}";
                    return false;
                }
            }
            else if (AdminDisplayVersion != null)
            {
                if (!BuildReader.TryRead(AdminDisplayVersion, out build, out source, out error))
                {
                    problem = $"Server '{name}': AdminDisplayVersion {error}";
                    return false;
                }

                source = BuildSource.AdminDisplayVersion;
            }
            else
            {
                problem = local != null
                    ? $"Server '{name}': ExSetup.exe was not found (Exchange install path: {local.ExchangeInstallPath ?? "not in the registry"})."
                    : $"Server '{name}' has no version: it needs AdminDisplayVersion (Get-ExchangeServer) or -Build (the ExSetup.exe file version).";
                return false;
            }

            var role = PowerShellValue.Text(ServerRole);
            facts = new ServerFacts(name, build, source)
            {
                IsEdge = PowerShellValue.Boolean(IsEdgeServer) ?? (role != null && role.IndexOf("Edge", StringComparison.OrdinalIgnoreCase) >= 0),
                MitigationsApplied = PowerShellValue.Strings(MitigationsApplied),
            };
            problem = string.Empty;
            return true;
        }

        /// <summary>The label of a plain build: the computer it came from (PSComputerName after Invoke-Command), else the build as written.</summary>
        private static string? ScalarName(object? scalar)
        {
            if (scalar == null)
            {
                return null;
            }

            var computer = PowerShellValue.Text(PowerShellValue.Property(scalar, "PSComputerName"));
            if (computer != null)
            {
                return computer;
            }

            var unwrapped = PowerShellValue.Unwrap(scalar);
            if (unwrapped is string || unwrapped is Version)
            {
                return unwrapped.ToString();
            }

            var fileVersion = PowerShellValue.Text(PowerShellValue.Property(scalar, "FileVersion"));
            return fileVersion ?? PowerShellValue.Text(PowerShellValue.Property(scalar, "ProductVersion"));
        }

        /// <summary>Plain builds on the pipeline: strings, versions and ExSetup.exe version information.</summary>
        private static bool IsBuildValue(object? value)
        {
            var unwrapped = PowerShellValue.Unwrap(value);
            return unwrapped is string || unwrapped is Version || unwrapped is System.Diagnostics.FileVersionInfo || unwrapped is ExchangeBuild
                || PowerShellValue.HasProperty(unwrapped, "FileMajorPart");
        }
    }
}
