using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using ExchangeHardening.Loading;

namespace ExchangeHardening.Commands
{
    /// <summary>
    /// Invoke-ExchangeHardeningCompliance: runs the Pester 5 compliance suite shipped in the module's Compliance folder
    /// against the given servers in the current session, optionally writes NUnit or JUnit XML, and returns Pester's
    /// result object. The suite does the work; this cmdlet only builds its container and the Pester configuration.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "ExchangeHardeningCompliance")]
    [OutputType("Pester.Run")]
    public sealed class InvokeExchangeHardeningComplianceCommand : ExchangeHardeningCmdlet
    {
        /// <summary>New-PesterContainer -Data arrived with Pester 5.1.</summary>
        public const string MinimumPesterVersion = "5.1.0";

        public const string SuiteFolder = "Compliance";

        // Runs in the caller's session. $PesterPreference is cleared in this scope so that an outer Pester run (the
        // suite started from a test) lends neither its paths, filters nor result file to this run; every setting
        // this run needs is set explicitly.
        private const string RunScript = @"
param($SuitePath, $Data, $MinimumVersion, $Verbosity, $Tag, $ExcludeTag, $OutputPath, $OutputFormat)
$PesterPreference = $null
$minimum = [version] $MinimumVersion
$pester = Get-Module -Name Pester | Where-Object { $_.Version -ge $minimum } | Sort-Object -Property Version -Descending | Select-Object -First 1
if (-not $pester) {
    $available = Get-Module -Name Pester -ListAvailable -ErrorAction SilentlyContinue | Where-Object { $_.Version -ge $minimum } | Sort-Object -Property Version -Descending | Select-Object -First 1
    if (-not $available) {
        $found = @(Get-Module -Name Pester -ListAvailable -ErrorAction SilentlyContinue | ForEach-Object { $_.Version.ToString() } | Select-Object -Unique)
        return [pscustomobject]@{ ExchangeHardeningPesterMissing = $true; Found = $found }
    }
    $pester = Import-Module -Name $available.Path -Global -PassThru -ErrorAction Stop | Where-Object { $_.Name -eq 'Pester' } | Select-Object -First 1
}
$configuration = & $pester.ExportedCommands['New-PesterConfiguration']
$configuration.Run.Path = [string[]] @()
$configuration.Run.Container = & $pester.ExportedCommands['New-PesterContainer'] -Path $SuitePath -Data $Data
$configuration.Run.PassThru = $true
$configuration.Run.Exit = $false
$configuration.Run.Throw = $false
$configuration.Filter.Tag = [string[]] @($Tag | Where-Object { $_ })
$configuration.Filter.ExcludeTag = [string[]] @($ExcludeTag | Where-Object { $_ })
$configuration.Output.Verbosity = $Verbosity
$configuration.CodeCoverage.Enabled = $false
$configuration.TestDrive.Enabled = $false
$configuration.TestRegistry.Enabled = $false
$configuration.TestResult.Enabled = [bool] $OutputPath
if ($OutputPath) {
    $configuration.TestResult.OutputPath = $OutputPath
    $configuration.TestResult.OutputFormat = $OutputFormat
}
& $pester.ExportedCommands['Invoke-Pester'] -Configuration $configuration
";

        private readonly List<object> servers = new List<object>();

        /// <summary>Server objects (live or deserialized Get-ExchangeServer, objects with Name and Build, build strings) or CLIXML paths.</summary>
        /// <remarks>Not mandatory: nothing in this module prompts (runbooks have nobody to answer); no server is an error.</remarks>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public object[] Server { get; set; } = Array.Empty<object>();

        /// <summary>Get-OrganizationConfig (its MitigationsEnabled switch), or the path of its CLIXML export.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? OrganizationConfig { get; set; }

        /// <summary>Get-Service MSExchangeMitigation objects of the servers, or CLIXML paths; bound but empty means the service does not exist.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public object[]? Service { get; set; }

        /// <summary>Get-SettingOverride objects, or CLIXML paths.</summary>
        [Parameter]
        [AllowEmptyCollection]
        public object[]? SettingOverride { get; set; }

        /// <summary>Evidence folders: paths (one server, or folders named after the servers) or a hashtable from server name to paths.</summary>
        [Parameter]
        [ValidateNotNull]
        public object? EvidencePath { get; set; }

        /// <summary>The YAML configuration: checks to skip (with the reason) and severities to change.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ConfigPath { get; set; }

        [Parameter]
        public SwitchParameter SkipConnectivityTest { get; set; }

        /// <summary>Runs only the checks with one of these tags (check id, area or severity).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? Tag { get; set; }

        /// <summary>Leaves out the checks with one of these tags.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? ExcludeTag { get; set; }

        /// <summary>Where Pester writes the test result file; none without it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputPath { get; set; }

        [Parameter]
        [ValidateSet("NUnitXml", "NUnit3", "JUnitXml", IgnoreCase = true)]
        public string OutputFormat { get; set; } = "NUnitXml";

        /// <summary>What Pester writes to the console while it runs (Pester's Output.Verbosity).</summary>
        [Parameter]
        [ValidateSet("None", "Normal", "Detailed", "Diagnostic", IgnoreCase = true)]
        public string Verbosity { get; set; } = "Normal";

        protected override void ProcessRecord()
        {
            foreach (var item in Server)
            {
                if (item != null)
                {
                    servers.Add(item);
                }
            }
        }

        protected override void EndProcessing()
        {
            if (servers.Count == 0)
            {
                WriteError(new ErrorRecord(
                    new ArgumentException("No server to check: pass -Server (Get-ExchangeServer objects, objects with Name and Build, build numbers or CLIXML files), or pipe them."),
                    "ExchangeServerMissing",
                    ErrorCategory.InvalidArgument,
                    null));
                return;
            }

            var suite = Path.Combine(ModuleInitializer.ModuleDirectory, SuiteFolder);
            if (!Directory.Exists(suite))
            {
                ThrowTerminatingError(new ErrorRecord(
                    new DirectoryNotFoundException($"The compliance suite is missing from the module: '{suite}' does not exist. Reinstall the module."),
                    "ComplianceSuiteMissing",
                    ErrorCategory.ObjectNotFound,
                    suite));
            }

            if (MyInvocation.BoundParameters.ContainsKey(nameof(OutputFormat)) && OutputPath == null)
            {
                WriteWarning("-OutputFormat has no effect without -OutputPath: no test result file is written.");
            }

            string? output = null;
            if (OutputPath != null)
            {
                output = ResolvePath(OutputPath);
                var folder = Path.GetDirectoryName(output);
                if (!string.IsNullOrEmpty(folder) && !Directory.Exists(folder))
                {
                    Directory.CreateDirectory(folder);
                }
            }

            var data = BuildData();
            WriteVerbose($"Running the compliance suite in {suite} for {servers.Count} server input(s).");
            System.Collections.ObjectModel.Collection<PSObject> results;
            try
            {
                results = InvokeCommand.InvokeScript(
                    RunScript,
                    true,
                    PipelineResultTypes.None,
                    null,
                    suite,
                    data,
                    MinimumPesterVersion,
                    Verbosity,
                    Tag ?? Array.Empty<string>(),
                    ExcludeTag ?? Array.Empty<string>(),
                    output,
                    OutputFormat);
            }
            catch (RuntimeException ex)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "ComplianceRunFailed", ErrorCategory.NotSpecified, null)
                {
                    ErrorDetails = new ErrorDetails("The compliance suite could not be run: " + ex.Message),
                });
                return;
            }

            foreach (var result in results.Where(r => r != null))
            {
                if (result.Properties["ExchangeHardeningPesterMissing"] != null)
                {
                    var found = result.Properties["Found"]?.Value is IEnumerable versions ? string.Join(", ", versions.Cast<object>()) : string.Empty;
                    ThrowTerminatingError(new ErrorRecord(
                        new InvalidOperationException(
                            $"Invoke-ExchangeHardeningCompliance needs Pester {MinimumPesterVersion} or later (Pester 5), which is not installed"
                            + (found.Length == 0 ? "." : $"; found only Pester {found}.")
                            + " Install it with: Install-Module -Name Pester -MinimumVersion 5.1 -Scope CurrentUser -SkipPublisherCheck"),
                        "PesterMissing",
                        ErrorCategory.NotInstalled,
                        null));
                }

                if (result.TypeNames.Contains("Pester.Run"))
                {
                    ReportFailedContainers(result);
                }

                WriteObject(result);
            }
        }

        /// <summary>The container's data: only what was given, so the suite can tell "not given" from "empty".</summary>
        private Hashtable BuildData()
        {
            var data = new Hashtable(StringComparer.OrdinalIgnoreCase) { ["Servers"] = servers.ToArray() };
            var bound = MyInvocation.BoundParameters;
            if (OrganizationConfig != null)
            {
                data["OrganizationConfig"] = OrganizationConfig;
            }

            if (bound.ContainsKey(nameof(Service)))
            {
                data["Service"] = Service ?? Array.Empty<object>();
            }

            if (bound.ContainsKey(nameof(SettingOverride)))
            {
                data["SettingOverride"] = SettingOverride ?? Array.Empty<object>();
            }

            if (EvidencePath != null)
            {
                data["EvidencePath"] = EvidencePath;
            }

            if (ConfigPath != null)
            {
                data["ConfigPath"] = ResolvePath(ConfigPath);
            }

            if (SkipConnectivityTest)
            {
                data["SkipConnectivityTest"] = true;
            }

            if (AdvisoryPath != null && AdvisoryPath.Length > 0)
            {
                data["AdvisoryPath"] = AdvisoryPath.Select(ResolvePath).ToArray();
            }

            return data;
        }

        /// <summary>
        /// A container that failed before its tests ran (a bad configuration file, a server file that cannot be read)
        /// has no failed test to show; its error becomes a non-terminating error here, so it is not missed.
        /// </summary>
        private void ReportFailedContainers(PSObject run)
        {
            if (!(run.Properties["Containers"]?.Value is IEnumerable containers))
            {
                return;
            }

            foreach (var container in containers.Cast<object>().Select(PSObject.AsPSObject))
            {
                if (!string.Equals(container.Properties["Result"]?.Value?.ToString(), "Failed", StringComparison.Ordinal)
                    || !(container.Properties["ErrorRecord"]?.Value is IEnumerable errors))
                {
                    continue;
                }

                foreach (var error in errors.Cast<object>().Select(e => PSObject.AsPSObject(e).BaseObject).OfType<ErrorRecord>())
                {
                    WriteError(new ErrorRecord(error.Exception, "ComplianceSuiteFailed", ErrorCategory.InvalidData, container.Properties["Item"]?.Value)
                    {
                        ErrorDetails = new ErrorDetails("The compliance suite stopped before its checks ran: " + error.Exception.Message),
                    });
                }
            }
        }
    }
}
