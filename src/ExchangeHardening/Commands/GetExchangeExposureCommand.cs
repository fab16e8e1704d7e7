using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Exposure;
using ExchangeHardening.Input;
using ExchangeHardening.Platform;

namespace ExchangeHardening.Commands
{
    /// <summary>
    /// Get-ExchangeExposure: which known vulnerabilities apply to each Exchange server, from the objects the
    /// Exchange Management Shell gives (live or deserialized), ExSetup.exe versions or plain build strings.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "ExchangeExposure", DefaultParameterSetName = RecordsSet)]
    [OutputType(typeof(ExposureRecord), ParameterSetName = new[] { RecordsSet })]
    [OutputType(typeof(ServerExposureSummary), ParameterSetName = new[] { SummarySet })]
    public sealed class GetExchangeExposureCommand : ExchangeHardeningCmdlet
    {
        private const string RecordsSet = "Records";
        private const string SummarySet = "Summary";

        private ExposureEvaluator? evaluator;
        private List<SettingOverrideFact>? overrides;
        private bool overridesComplete = true;
        private IExchangeHost? localHost;

        /// <summary>Server objects, build strings, System.Version or FileVersionInfo objects from the pipeline.</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? InputObject { get; set; }

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Identity", "ComputerName", "ServerName")]
        public string? Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Fqdn { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? AdminDisplayVersion { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("FileVersion", "ExSetupVersion")]
        public object? Build { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? IsEdgeServer { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? ServerRole { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public object? MitigationsApplied { get; set; }

        [Parameter]
        [AllowEmptyCollection]
        public object[]? SettingOverride { get; set; }

        [Parameter]
        public SwitchParameter Local { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AdvisoryPath { get; set; }

        [Parameter]
        public DateTime AsOf { get; set; } = DateTime.Today;

        [Parameter(ParameterSetName = RecordsSet)]
        public SwitchParameter IncludePatched { get; set; }

        [Parameter(ParameterSetName = SummarySet, Mandatory = true)]
        public SwitchParameter Summary { get; set; }

        protected override void BeginProcessing()
        {
            evaluator = new ExposureEvaluator(LoadAdvisoryStore(AdvisoryPath), AsOf);
            if (SettingOverride != null)
            {
                overrides = new List<SettingOverrideFact>();
                foreach (var item in SettingOverride.SelectMany(PowerShellValue.Items))
                {
                    if (SettingOverrideReader.TryRead(item, out var fact, out var error))
                    {
                        overrides.Add(fact!);
                    }
                    else
                    {
                        overridesComplete = false;
                        WriteError(new ErrorRecord(new ArgumentException(error), "SettingOverrideInvalid", ErrorCategory.InvalidArgument, item));
                    }
                }
            }

            if (Local)
            {
                try
                {
                    localHost = ExchangeHostFactory.Create(this);
                }
                catch (Exception ex) when (ex is PlatformNotSupportedException || ex is System.IO.IOException || ex is UnauthorizedAccessException || ex is System.Xml.XmlException)
                {
                    ThrowTerminatingError(new ErrorRecord(ex, "LocalServerUnavailable", ErrorCategory.NotImplemented, null));
                }
            }
        }

        protected override void ProcessRecord()
        {
            var target = InputObject ?? (object?)Name ?? Build ?? (Local ? "local server" : null);
            if (target == null && AdminDisplayVersion == null)
            {
                if (!Local)
                {
                    WriteError(new ErrorRecord(
                        new ArgumentException("Nothing to evaluate: pipe Get-ExchangeServer objects, pass -Build with the ExSetup.exe version, or use -Local on the Exchange server."),
                        "ExchangeServerMissing",
                        ErrorCategory.InvalidArgument,
                        null));
                }

                return;
            }

            if (!TryReadFacts(out var facts, out var problem))
            {
                WriteError(new ErrorRecord(new ArgumentException(problem), "ExchangeBuildInvalid", ErrorCategory.InvalidData, InputObject ?? target));
                return;
            }

            var exposure = evaluator!.Evaluate(facts!, out var error);
            if (exposure == null)
            {
                WriteError(new ErrorRecord(new ArgumentException(error), "ExchangeBuildUnknown", ErrorCategory.InvalidData, InputObject ?? target));
                return;
            }

            if (Summary)
            {
                WriteObject(exposure.Summary);
                return;
            }

            foreach (var record in exposure.Records.Where(r => IncludePatched || r.Status != ExposureStatus.Patched))
            {
                WriteObject(record);
            }
        }

        private bool TryReadFacts(out ServerFacts? facts, out string problem)
        {
            facts = null;
            var scalarInput = IsBuildValue(InputObject) ? InputObject : null;
            // -Local describes this computer only; piped servers keep their own versions.
            var local = InputObject == null && Name == null && AdminDisplayVersion == null ? localHost : null;
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
                problem = Local
                    ? $"Server '{name}': ExSetup.exe was not found (Exchange install path: {localHost?.ExchangeInstallPath ?? "not in the registry"})."
                    : $"Server '{name}' has no version: it needs AdminDisplayVersion (Get-ExchangeServer) or -Build (the ExSetup.exe file version).";
                return false;
            }

            var role = PowerShellValue.Text(ServerRole);
            facts = new ServerFacts(name, build, source)
            {
                IsEdge = PowerShellValue.Boolean(IsEdgeServer) ?? (role != null && role.IndexOf("Edge", StringComparison.OrdinalIgnoreCase) >= 0),
                MitigationsApplied = PowerShellValue.Strings(MitigationsApplied),
                SettingOverrides = overrides,
                SettingOverridesComplete = overridesComplete,
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
