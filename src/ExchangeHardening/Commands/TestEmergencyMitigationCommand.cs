using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ExchangeHardening.Engine.Advisories;
using ExchangeHardening.Engine.EmergencyMitigation;
using ExchangeHardening.Input;
using ExchangeHardening.Platform;

namespace ExchangeHardening.Commands
{
    /// <summary>
    /// Test-EmergencyMitigation: is the Emergency Mitigation service working on each server, and are its mitigations
    /// still needed? Servers (and piped events) are collected first, because the events and the IIS configuration
    /// are evidence for the servers of the same call.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "EmergencyMitigation")]
    [OutputType(typeof(EmergencyMitigationResult))]
    [OutputType(typeof(bool))]
    public sealed class TestEmergencyMitigationCommand : ExchangeServerCmdlet
    {
        /// <summary>The mitigation endpoint Microsoft's own connectivity test and Health Checker use.</summary>
        public const string DefaultEndpoint = "https://officeclient.microsoft.com/GetExchangeMitigations";

        private readonly List<(EmergencyMitigationFacts Facts, object? Target)> servers = new List<(EmergencyMitigationFacts, object?)>();
        private readonly List<object> pipedEvents = new List<object>();
        private AdvisoryStore? store;
        private bool serverInputSeen;

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? MitigationsEnabled { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public object? MitigationsBlocked { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? DataCollectionEnabled { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        public object? InternetWebProxy { get; set; }

        /// <summary>The Get-OrganizationConfig object (its MitigationsEnabled switch).</summary>
        [Parameter]
        public object? OrganizationConfig { get; set; }

        /// <summary>Get-Service MSExchangeMitigation objects; bound but empty means the service does not exist.</summary>
        [Parameter]
        [AllowNull]
        [AllowEmptyCollection]
        public object[]? Service { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? IisConfigPath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? EventLogPath { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? MitigationLogPath { get; set; }

        [Parameter]
        [ValidateNotNull]
        public Uri EndpointUri { get; set; } = new Uri(DefaultEndpoint);

        [Parameter]
        public SwitchParameter SkipConnectivityTest { get; set; }

        [Parameter]
        [ValidateRange(1, 300)]
        public int TimeoutSeconds { get; set; } = 15;

        /// <summary>One boolean per server (true = no check failed), for Should -BeTrue.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void BeginProcessing()
        {
            store = LoadAdvisoryStore();
            OpenLocalHost();
        }

        protected override void ProcessRecord()
        {
            if (InputObject != null && EventInput.IsEvent(InputObject))
            {
                pipedEvents.Add(InputObject);
                return;
            }

            // With -Local and nothing piped, this server's Get-ExchangeServer object (when the Exchange cmdlets are
            // loaded) supplies what a piped object would.
            var localServer = InputObject == null && Name == null ? LocalHost?.ExchangeServer : null;
            var input = ReadServerInput(localServer: localServer);
            if (input.IsEmpty)
            {
                return; // EndProcessing reports a call that named no server at all
            }

            serverInputSeen = true;

            if (!input.TryRead(out var server, out var problem))
            {
                WriteError(new ErrorRecord(new ArgumentException(problem), "ExchangeBuildInvalid", ErrorCategory.InvalidData, input.Target));
                return;
            }

            var facts = new EmergencyMitigationFacts(server!)
            {
                ServerMitigationsEnabled = PowerShellValue.Boolean(MitigationsEnabled ?? PowerShellValue.Property(localServer, "MitigationsEnabled")),
                MitigationsBlocked = PowerShellValue.Strings(MitigationsBlocked ?? PowerShellValue.Property(localServer, "MitigationsBlocked")),
                DataCollectionEnabled = PowerShellValue.Boolean(DataCollectionEnabled ?? PowerShellValue.Property(localServer, "DataCollectionEnabled")),
                InternetWebProxy = PowerShellValue.Text(PowerShellValue.Unwrap(InternetWebProxy ?? PowerShellValue.Property(localServer, "InternetWebProxy"))),
            };
            servers.Add((facts, input.Target));
        }

        protected override void EndProcessing()
        {
            if (servers.Count == 0 && pipedEvents.Count > 0 && (Name != null || Build != null || AdminDisplayVersion != null || LocalHost != null))
            {
                // Only events came down the pipeline: the server is the one named on the command line (or this one).
                InputObject = null;
                ProcessRecord();
            }

            if (servers.Count == 0 && !serverInputSeen)
            {
                WriteError(new ErrorRecord(
                    new ArgumentException("No server to test: pipe Get-ExchangeServer objects, pass -Name with -Build, or use -Local on the Exchange server."),
                    "ExchangeServerMissing",
                    ErrorCategory.InvalidArgument,
                    null));
                return;
            }

            var organizationConfig = OrganizationConfig ?? LocalHost?.OrganizationConfig;
            var organizationEnabled = organizationConfig == null ? null : PowerShellValue.Boolean(PowerShellValue.Property(organizationConfig, "MitigationsEnabled"));
            var evaluator = new EmergencyMitigationEvaluator(store!);
            var collector = new EmergencyMitigationEvidenceCollector(this, LocalHost, TimeSpan.FromSeconds(TimeoutSeconds));
            var index = 0;
            foreach (var (facts, target) in servers)
            {
                var progress = new ProgressRecord(1, "Test-EmergencyMitigation", $"Testing {facts.Server.Name}") { PercentComplete = index++ * 100 / servers.Count };
                WriteProgress(progress);
                facts.OrganizationMitigationsEnabled = organizationEnabled;
                if (MyInvocation.BoundParameters.ContainsKey(nameof(Service)))
                {
                    ServiceInput.Apply(Service, facts);
                }
                else if (LocalHost != null && IsLocal(facts))
                {
                    ServiceInput.Apply(LocalHost.MitigationService == null ? Array.Empty<object>() : new[] { LocalHost.MitigationService }, facts);
                }

                var evidence = collector.Collect(
                    facts,
                    IisConfigPath?.Select(ResolvePath).ToArray(),
                    EventLogPath?.Select(ResolvePath).ToArray(),
                    MitigationLogPath?.Select(ResolvePath).ToArray(),
                    pipedEvents,
                    SkipConnectivityTest ? null : EndpointUri,
                    evaluator.Mitigations,
                    IsLocal(facts));
                var result = evaluator.Evaluate(facts, evidence, out var error);
                if (result == null)
                {
                    WriteError(new ErrorRecord(new ArgumentException(error), "ExchangeBuildUnknown", ErrorCategory.InvalidData, target));
                    continue;
                }

                WriteObject(Quiet ? (object)result.Passed : result);
            }

            WriteProgress(new ProgressRecord(1, "Test-EmergencyMitigation", "Done") { RecordType = ProgressRecordType.Completed });
        }

        private bool IsLocal(EmergencyMitigationFacts facts) =>
            LocalHost != null && string.Equals(facts.Server.Name.Split('.')[0], LocalHost.ComputerName.Split('.')[0], StringComparison.OrdinalIgnoreCase);
    }
}
