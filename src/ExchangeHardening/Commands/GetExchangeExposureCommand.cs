using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
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
            var input = new ServerInput
            {
                InputObject = InputObject,
                Name = Name,
                Fqdn = Fqdn,
                AdminDisplayVersion = AdminDisplayVersion,
                Build = Build,
                IsEdgeServer = IsEdgeServer,
                ServerRole = ServerRole,
                MitigationsApplied = MitigationsApplied,
                LocalHost = localHost,
            };
            if (input.IsEmpty)
            {
                WriteError(new ErrorRecord(
                    new ArgumentException("Nothing to evaluate: pipe Get-ExchangeServer objects, pass -Build with the ExSetup.exe version, or use -Local on the Exchange server."),
                    "ExchangeServerMissing",
                    ErrorCategory.InvalidArgument,
                    null));
                return;
            }

            if (!input.TryRead(out var facts, out var problem))
            {
                WriteError(new ErrorRecord(new ArgumentException(problem), "ExchangeBuildInvalid", ErrorCategory.InvalidData, input.Target));
                return;
            }

            facts!.SettingOverrides = overrides;
            facts.SettingOverridesComplete = overridesComplete;
            var exposure = evaluator!.Evaluate(facts, out var error);
            if (exposure == null)
            {
                WriteError(new ErrorRecord(new ArgumentException(error), "ExchangeBuildUnknown", ErrorCategory.InvalidData, input.Target));
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
    }
}
