using System;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using ExchangeHardening.Engine.Reporting;
using ExchangeHardening.Input;
using ExchangeHardening.Loading;

namespace ExchangeHardening.Commands
{
    /// <summary>
    /// Export-ExchangeHardeningReport: one self-contained HTML page for the person who decides, from the objects the
    /// other cmdlets produced (live, deserialized after remoting, or read back from CLIXML or JSON). Objects it cannot
    /// use become non-terminating errors; the report is written from the rest.
    /// </summary>
    [Cmdlet(VerbsData.Export, "ExchangeHardeningReport")]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportExchangeHardeningReportCommand : PSCmdlet
    {
        private readonly ReportInput input = new ReportInput();

        /// <summary>Output of Get-ExchangeExposure (with or without -Summary), Test-EmergencyMitigation and Invoke-EomtReview.</summary>
        [Parameter(ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The HTML file to write; by default ExchangeHardeningReport-yyyy-MM-dd.html in the current folder.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>en or de. By default German when the session's UI language is German, otherwise English.</summary>
        [Parameter]
        [ValidateSet("en", "de", IgnoreCase = true)]
        public string? Language { get; set; }

        /// <summary>Replaces the report's title.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Title { get; set; }

        /// <summary>The organisation the report is for, shown under the title.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Organization { get; set; }

        /// <summary>Refuses to overwrite an existing file.</summary>
        [Parameter]
        public SwitchParameter NoClobber { get; set; }

        /// <summary>Returns the written file.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing() => ModuleInitializer.Initialize();

        protected override void ProcessRecord()
        {
            if (InputObject == null)
            {
                return;
            }

            // Windows PowerShell 5.1's ConvertFrom-Json writes a JSON array as one object: read it item by item.
            if (PowerShellValue.Unwrap(InputObject) is object[] items)
            {
                foreach (var each in items)
                {
                    if (each != null)
                    {
                        Add(PSObject.AsPSObject(each));
                    }
                }

                return;
            }

            Add(InputObject);
        }

        private void Add(PSObject inputObject)
        {
            if (!ReportObjectReader.TryRead(inputObject, out var item, out var error))
            {
                WriteError(new ErrorRecord(new ArgumentException(error), "ReportInputInvalid", ErrorCategory.InvalidArgument, inputObject)
                {
                    ErrorDetails = new ErrorDetails(error)
                    {
                        RecommendedAction = "Pipe the unchanged output of Get-ExchangeExposure, Test-EmergencyMitigation or Invoke-EomtReview (or its Export-Clixml/ConvertTo-Json copy).",
                    },
                });
                return;
            }

            switch (item)
            {
                case ServerExposureSummary summary:
                    input.Summaries.Add(summary);
                    break;
                case ExposureRecord record:
                    input.Records.Add(record);
                    break;
                case EmergencyMitigationResult result:
                    input.EmergencyMitigation.Add(result);
                    break;
                case Finding finding:
                    input.Findings.Add(finding);
                    break;
            }
        }

        protected override void EndProcessing()
        {
            if (input.IsEmpty)
            {
                WriteError(new ErrorRecord(
                    new ArgumentException("Nothing to report: pipe the output of Get-ExchangeExposure, Test-EmergencyMitigation or Invoke-EomtReview to Export-ExchangeHardeningReport."),
                    "ReportInputMissing",
                    ErrorCategory.InvalidArgument,
                    null));
                return;
            }

            var generatedAt = DateTimeOffset.UtcNow;
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path ?? $"ExchangeHardeningReport-{generatedAt:yyyy-MM-dd}.html");
            if (NoClobber && File.Exists(path))
            {
                WriteError(new ErrorRecord(
                    new IOException($"The file '{path}' already exists and -NoClobber was given."),
                    "ReportFileExists",
                    ErrorCategory.ResourceExists,
                    path));
                return;
            }

            var options = new ReportOptions
            {
                Language = ChooseLanguage(),
                Title = Title,
                Organization = Organization,
                GeneratedAt = generatedAt,
                ModuleVersion = MyInvocation.MyCommand.Module?.Version?.ToString() ?? typeof(ExportExchangeHardeningReportCommand).Assembly.GetName().Version.ToString(3),
            };
            var servers = ReportAssembler.Assemble(input);
            WriteVerbose($"Writing a report on {servers.Count} server(s) from {input.Summaries.Count} summaries, {input.Records.Count} exposure records, {input.EmergencyMitigation.Count} Emergency Mitigation results and {input.Findings.Count} findings to {path}.");
            try
            {
                new HtmlReportWriter(options).Write(path, servers);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "ReportFileNotWritten", ErrorCategory.WriteError, path));
            }

            if (PassThru)
            {
                // Through the provider, so the file carries PSPath and friends and formats like Get-Item's.
                WriteObject(InvokeProvider.Item.Get(WildcardPattern.Escape(path)), enumerateCollection: true);
            }
        }

        private ReportLanguage ChooseLanguage()
        {
            var language = Language ?? (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "de" ? "de" : "en");
            return string.Equals(language, "de", StringComparison.OrdinalIgnoreCase) ? ReportLanguage.German : ReportLanguage.English;
        }
    }
}
