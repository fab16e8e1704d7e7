using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Input;
using ExchangeHardening.Platform;

namespace ExchangeHardening.Commands
{
    /// <summary>
    /// Invoke-EomtReview: was the server compromised, and what did EOMT and EM leave behind? Reads a live server or a
    /// copy of its files, read-only, once per file and in parallel, and streams findings as they are found. Paths and
    /// piped events are collected first, so that coverage and attack chains are judged over all the evidence.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "EomtReview")]
    [OutputType(typeof(Finding))]
    public sealed class InvokeEomtReviewCommand : ExchangeHardeningCmdlet
    {
        private readonly List<string> paths = new List<string>();
        private readonly List<ExportedEvent> events = new List<ExportedEvent>();
        private CancellationTokenSource? stopping;

        /// <summary>Folders or files (a live server's drive or a copy), or Get-WinEvent records.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        [AllowNull]
        public object? InputObject { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        [Parameter]
        public SwitchParameter Local { get; set; }

        /// <summary>Only evidence at or after this time is reported (web-shell files are reported whatever their time).</summary>
        [Parameter]
        public DateTime? Since { get; set; }

        /// <summary>The server name for findings when the evidence does not say.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Server { get; set; }

        /// <summary>The installed build (ExSetup.exe version), to judge whether mitigations are still needed.</summary>
        [Parameter]
        [Alias("FileVersion", "ExSetupVersion")]
        public object? Build { get; set; }

        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = Environment.ProcessorCount;

        protected override void ProcessRecord()
        {
            if (Path != null)
            {
                paths.AddRange(Path.Select(ResolvePath));
            }

            var input = PowerShellValue.Unwrap(InputObject);
            if (input == null || (Path != null && MyInvocation.ExpectingInput && PowerShellValue.HasProperty(InputObject, "FullName")))
            {
                return; // a FileInfo/DirectoryInfo bound its FullName to -Path already
            }

            if (input is string text)
            {
                paths.Add(ResolvePath(text));
            }
            else if (EventInput.IsEvent(InputObject!))
            {
                events.Add(ExportedEvent.FromProperties(PowerShellValue.PropertyPairs(InputObject!)));
            }
            else if (input is FileSystemInfo info)
            {
                paths.Add(info.FullName);
            }
            else
            {
                WriteError(new ErrorRecord(
                    new ArgumentException($"'{PowerShellValue.Text(InputObject)}' is neither a path nor a Windows event record."),
                    "EvidenceInputInvalid",
                    ErrorCategory.InvalidArgument,
                    InputObject));
            }
        }

        protected override void EndProcessing()
        {
            var store = LoadAdvisoryStore();
            IExchangeHost? host = null;
            if (Local)
            {
                try
                {
                    host = ExchangeHostFactory.Create(this);
                }
                catch (Exception ex) when (ex is PlatformNotSupportedException || ex is IOException || ex is UnauthorizedAccessException || ex is System.Xml.XmlException)
                {
                    ThrowTerminatingError(new ErrorRecord(ex, "LocalServerUnavailable", ErrorCategory.NotImplemented, null));
                }

                paths.AddRange(host!.ReviewPaths);
                events.AddRange(host.ReviewEvents.Select(e => ExportedEvent.FromProperties(PowerShellValue.PropertyPairs(e))));
            }

            if (paths.Count == 0 && events.Count == 0)
            {
                WriteError(new ErrorRecord(
                    new ArgumentException("Nothing to review: pass -Path with folders of the server's files (or a copy), pipe Get-WinEvent records, or use -Local on the server."),
                    "EvidenceMissing",
                    ErrorCategory.InvalidArgument,
                    null));
                return;
            }

            var context = new HuntContext(Server ?? host?.ComputerName ?? ServerFromPaths(), store)
            {
                Since = Since.HasValue ? new DateTimeOffset(Since.Value.ToUniversalTime()) : (DateTimeOffset?)null,
                ExchangeInstallPath = host?.ExchangeInstallPath,
            };
            var buildValue = Build ?? host?.ExSetupVersionInfo;
            if (buildValue != null)
            {
                if (BuildReader.TryRead(buildValue, out var build, out _, out var error))
                {
                    context.Build = build;
                }
                else
                {
                    WriteError(new ErrorRecord(new ArgumentException("-Build: " + error), "ExchangeBuildInvalid", ErrorCategory.InvalidArgument, buildValue));
                }
            }

            WriteVerbose($"Reviewing {string.Join(", ", paths)} with {ThrottleLimit} worker(s) as server '{context.Server}'.");
            stopping = new CancellationTokenSource();
            var review = new EomtReview(ThrottleLimit);
            var progress = new ProgressRecord(1, "Invoke-EomtReview", "Finding evidence");
            WriteProgress(progress);
            var findings = 0;
            foreach (var item in review.Run(paths.Distinct(StringComparer.Ordinal).ToList(), events, context, stopping.Token))
            {
                switch (item.Kind)
                {
                    case HuntEventKind.Finding:
                        findings++;
                        WriteObject(item.Finding);
                        break;
                    case HuntEventKind.Error:
                        WriteError(new ErrorRecord(new InvalidDataException(item.Error!.ToString()), "EvidenceUnreadable", ErrorCategory.ReadError, item.Error.File));
                        break;
                    case HuntEventKind.Warning:
                        WriteWarning(item.Error!.ToString());
                        break;
                    case HuntEventKind.Progress:
                        progress.StatusDescription = $"{item.FilesDone} of {item.FilesTotal} files, {item.BytesDone / 1048576:N0} of {item.BytesTotal / 1048576:N0} MB";
                        progress.CurrentOperation = item.CurrentFile;
                        progress.PercentComplete = item.BytesTotal == 0 ? 100 : (int)Math.Min(100, item.BytesDone * 100 / item.BytesTotal);
                        WriteProgress(progress);
                        break;
                }
            }

            progress.RecordType = ProgressRecordType.Completed;
            WriteProgress(progress);
            WriteVerbose($"{findings} finding(s) from {review.Roots.Sum(r => r.FileCount)} evidence file(s) ({review.Roots.Sum(r => r.Bytes) / 1048576:N0} MB).");
        }

        protected override void StopProcessing() => stopping?.Cancel();

        /// <summary>Without -Server, a copied tree is usually named after the server it came from.</summary>
        private string ServerFromPaths()
        {
            var first = paths.FirstOrDefault();
            if (first == null)
            {
                return events.Select(e => e.MachineName).FirstOrDefault(m => !string.IsNullOrEmpty(m)) ?? "(unknown server)";
            }

            var name = System.IO.Path.GetFileName(first.TrimEnd('/', '\\'));
            return string.IsNullOrEmpty(name) ? "(unknown server)" : name;
        }
    }
}
