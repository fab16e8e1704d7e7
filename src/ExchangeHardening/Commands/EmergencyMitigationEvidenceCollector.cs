using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ExchangeHardening.Engine.EmergencyMitigation;
using ExchangeHardening.Engine.Evidence;
using ExchangeHardening.Engine.Exposure;
using ExchangeHardening.Engine.Mitigations;
using ExchangeHardening.Input;
using ExchangeHardening.Platform;

namespace ExchangeHardening.Commands
{
    /// <summary>
    /// Gathers the evidence of Test-EmergencyMitigation once per call (IIS files, events and logs are read once,
    /// the endpoint probed once per proxy) and hands each server its share; problems with a file become
    /// non-terminating errors and the other checks still run.
    /// </summary>
    internal sealed class EmergencyMitigationEvidenceCollector
    {
        private readonly PSCmdlet cmdlet;
        private readonly IExchangeHost? localHost;
        private readonly TimeSpan timeout;
        private readonly Dictionary<string, EndpointEvidence> probes = new Dictionary<string, EndpointEvidence>(StringComparer.OrdinalIgnoreCase);
        private IisConfiguration? iis;
        private bool iisRead;
        private List<ExportedEvent>? events;
        private List<ExchangeLogLine>? logLines;

        public EmergencyMitigationEvidenceCollector(PSCmdlet cmdlet, IExchangeHost? localHost, TimeSpan timeout)
        {
            this.cmdlet = cmdlet;
            this.localHost = localHost;
            this.timeout = timeout;
        }

        public EmergencyMitigationEvidence Collect(
            EmergencyMitigationFacts facts,
            IReadOnlyList<string>? iisPaths,
            IReadOnlyList<string>? eventPaths,
            IReadOnlyList<string>? logPaths,
            IReadOnlyList<object> pipedEvents,
            Uri? endpoint,
            IReadOnlyList<MitigationDefinition> mitigations,
            bool isLocalServer)
        {
            // The running server's own files describe only the running server, never the other servers of the call.
            var local = isLocalServer ? localHost : null;
            var evidence = new EmergencyMitigationEvidence();
            var configuration = iisPaths != null ? ReadIis(iisPaths) : local != null ? ReadLocalIis(local.IisConfigurationPaths) : null;
            if (configuration != null)
            {
                var report = new MitigationRuleMatcher().Match(mitigations.Select(m => m.Record), configuration, facts.Server.MitigationsApplied);
                evidence.Iis = IisMitigationEvidence.From(configuration, report);
            }

            ReadEvents(eventPaths, pipedEvents);
            ReadLogs(logPaths);
            var serverEvents = events!.Concat(local != null ? LocalEvents(local) : Enumerable.Empty<ExportedEvent>()).ToList();
            var serverLines = logLines!.Concat(local != null ? LocalLogLines(local) : Enumerable.Empty<ExchangeLogLine>()).ToList();
            if (serverEvents.Count > 0 || serverLines.Count > 0)
            {
                var mine = serverEvents.Where(e => IsFrom(e, facts.Server.Name)).ToList();
                evidence.Activity = ActivityEvidence.From(EmergencyMitigationActivityAnalyzer.Analyze(mine, serverLines));
                if (evidence.Activity == null)
                {
                    var machines = serverEvents.Select(e => e.MachineName).Where(m => !string.IsNullOrEmpty(m)).Distinct(StringComparer.OrdinalIgnoreCase).Take(5);
                    evidence.ActivityNote = mine.Count == 0 && serverEvents.Count > 0
                        ? $"None of the {serverEvents.Count} events given is from {facts.Server.Name} (they are from {string.Join(", ", machines)})."
                        : "The events and logs given hold no MSExchange Mitigation Service entries.";
                }
            }

            if (endpoint != null)
            {
                evidence.Endpoint = Probe(endpoint, facts.InternetWebProxy);
            }

            return evidence;
        }

        private IisConfiguration? localIis;
        private List<ExportedEvent>? localEvents;
        private List<ExchangeLogLine>? localLines;

        private IisConfiguration? ReadLocalIis(IReadOnlyList<string> paths) =>
            localIis ??= paths.Count == 0 ? null : Report(new IisConfigurationLocator().Load(paths), paths);

        private IEnumerable<ExportedEvent> LocalEvents(IExchangeHost local) =>
            localEvents ??= local.MitigationEvents.Select(e => ExportedEvent.FromProperties(PowerShellValue.PropertyPairs(e))).ToList();

        private IEnumerable<ExchangeLogLine> LocalLogLines(IExchangeHost local)
        {
            if (localLines == null)
            {
                localLines = new List<ExchangeLogLine>();
                if (local.MitigationLogFolder != null)
                {
                    ReadLogFiles(new[] { local.MitigationLogFolder }, localLines);
                }
            }

            return localLines;
        }

        private IisConfiguration? ReadIis(IReadOnlyList<string>? paths)
        {
            if (iisRead)
            {
                return iis;
            }

            iisRead = true;
            if (paths == null || paths.Count == 0)
            {
                return null;
            }

            iis = Report(new IisConfigurationLocator().Load(paths), paths);
            return iis;
        }

        private IisConfiguration Report(IisConfiguration configuration, IReadOnlyList<string> paths)
        {
            foreach (var error in configuration.Errors)
            {
                cmdlet.WriteError(new ErrorRecord(new InvalidDataException(error.ToString()), "IisConfigurationInvalid", ErrorCategory.InvalidData, error.File));
            }

            if (configuration.Files.Count == 0)
            {
                cmdlet.WriteError(new ErrorRecord(new FileNotFoundException("No applicationHost.config or web.config was found under " + string.Join(", ", paths) + "."), "IisConfigurationNotFound", ErrorCategory.ObjectNotFound, string.Join(", ", paths)));
            }

            return configuration;
        }

        private void ReadEvents(IReadOnlyList<string>? paths, IReadOnlyList<object> piped)
        {
            if (events != null)
            {
                return;
            }

            events = new List<ExportedEvent>();
            foreach (var item in piped)
            {
                events.Add(ExportedEvent.FromProperties(PowerShellValue.PropertyPairs(item)));
            }

            foreach (var path in paths ?? Array.Empty<string>())
            {
                foreach (var file in Files(path, null))
                {
                    foreach (var item in ExportedEventReader.ReadFile(file))
                    {
                        if (item.IsError)
                        {
                            cmdlet.WriteError(new ErrorRecord(new InvalidDataException(item.Error!.ToString()), "EventExportInvalid", ErrorCategory.InvalidData, item.Error.File));
                        }
                        else
                        {
                            events.Add(item.Value!);
                        }
                    }
                }
            }
        }

        private void ReadLogs(IReadOnlyList<string>? paths)
        {
            if (logLines != null)
            {
                return;
            }

            logLines = new List<ExchangeLogLine>();
            ReadLogFiles(paths ?? Array.Empty<string>(), logLines);
        }

        private void ReadLogFiles(IReadOnlyList<string> paths, List<ExchangeLogLine> into)
        {
            foreach (var path in paths)
            {
                foreach (var file in Files(path, ".log"))
                {
                    foreach (var item in ExchangeLogReader.ReadFile(file))
                    {
                        if (item.IsError)
                        {
                            cmdlet.WriteError(new ErrorRecord(new InvalidDataException(item.Error!.ToString()), "MitigationLogInvalid", ErrorCategory.InvalidData, item.Error.File));
                        }
                        else
                        {
                            into.Add(item.Value!);
                        }
                    }
                }
            }
        }

        /// <summary>A file as given, or the files of a folder; the extension is compared case-insensitively, because
        /// Exchange writes .LOG and a copied tree on Linux keeps that case.</summary>
        private IEnumerable<string> Files(string path, string? extension)
        {
            if (File.Exists(path))
            {
                return new[] { path };
            }

            if (Directory.Exists(path))
            {
                try
                {
                    return Directory.GetFiles(path, "*", SearchOption.AllDirectories)
                        .Where(f => extension == null || string.Equals(Path.GetExtension(f), extension, StringComparison.OrdinalIgnoreCase))
                        .OrderBy(f => f, StringComparer.Ordinal)
                        .ToArray();
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    cmdlet.WriteError(new ErrorRecord(ex, "EvidenceFolderUnreadable", ErrorCategory.ReadError, path));
                    return Array.Empty<string>();
                }
            }

            cmdlet.WriteError(new ErrorRecord(new FileNotFoundException($"The path '{path}' does not exist."), "EvidencePathNotFound", ErrorCategory.ObjectNotFound, path));
            return Array.Empty<string>();
        }

        private EndpointEvidence Probe(Uri endpoint, string? serverProxy)
        {
            Uri? proxy = null;
            if (!string.IsNullOrWhiteSpace(serverProxy) && !Uri.TryCreate(serverProxy, UriKind.Absolute, out proxy))
            {
                cmdlet.WriteWarning($"InternetWebProxy '{serverProxy}' is not an absolute URI; the endpoint is tested without a proxy.");
            }

            var key = endpoint + "|" + proxy;
            if (!probes.TryGetValue(key, out var result))
            {
                cmdlet.WriteVerbose($"Testing {endpoint}{(proxy == null ? string.Empty : " through " + proxy)} (timeout {timeout.TotalSeconds:0} s).");
                result = EndpointEvidence.From(new MitigationEndpointProbe().Probe(endpoint, proxy, timeout));
                probes[key] = result;
            }

            return result;
        }

        /// <summary>Events name their machine; an event without one belongs to every server of the call.</summary>
        private static bool IsFrom(ExportedEvent e, string server)
        {
            if (string.IsNullOrEmpty(e.MachineName))
            {
                return true;
            }

            return string.Equals(ShortName(e.MachineName!), ShortName(server), StringComparison.OrdinalIgnoreCase);
        }

        private static string ShortName(string name)
        {
            var dot = name.IndexOf('.');
            return dot > 0 ? name.Substring(0, dot) : name;
        }
    }
}
