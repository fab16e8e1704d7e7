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
    public sealed class GetExchangeExposureCommand : ExchangeServerCmdlet
    {
        private const string RecordsSet = "Records";
        private const string SummarySet = "Summary";

        private ExposureEvaluator? evaluator;
        private List<SettingOverrideFact>? overrides;
        private bool overridesComplete = true;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Fqdn { get; set; }

        [Parameter]
        [AllowEmptyCollection]
        public object[]? SettingOverride { get; set; }

        [Parameter]
        public DateTime AsOf { get; set; } = DateTime.Today;

        [Parameter(ParameterSetName = RecordsSet)]
        public SwitchParameter IncludePatched { get; set; }

        [Parameter(ParameterSetName = SummarySet, Mandatory = true)]
        public SwitchParameter Summary { get; set; }

        protected override void BeginProcessing()
        {
            evaluator = new ExposureEvaluator(LoadAdvisoryStore(), AsOf);
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

            OpenLocalHost();
        }

        protected override void ProcessRecord()
        {
            var input = ReadServerInput(Fqdn);
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
