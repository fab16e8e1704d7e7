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
            IReadOnlyList<MitigationDefinition> mitigations)
        {
            var evidence = new EmergencyMitigationEvidence();
            var configuration = ReadIis(iisPaths ?? localHost?.IisConfigurationPaths);
            if (configuration != null)
            {
                var report = new MitigationRuleMatcher().Match(mitigations.Select(m => m.Record), configuration, facts.Server.MitigationsApplied);
                evidence.Iis = IisMitigationEvidence.From(configuration, report);
            }

            ReadEvents(eventPaths, pipedEvents);
            ReadLogs(logPaths ?? (localHost?.MitigationLogFolder == null ? null : new[] { localHost.MitigationLogFolder }));
            if (events!.Count > 0 || logLines!.Count > 0)
            {
                var mine = events.Where(e => IsFrom(e, facts.Server.Name)).ToList();
                evidence.Activity = ActivityEvidence.From(EmergencyMitigationActivityAnalyzer.Analyze(mine, logLines!));
                if (evidence.Activity == null)
                {
                    var machines = events.Select(e => e.MachineName).Where(m => !string.IsNullOrEmpty(m)).Distinct(StringComparer.OrdinalIgnoreCase).Take(5);
                    evidence.ActivityNote = mine.Count == 0 && events.Count > 0
                        ? $"None of the {events.Count} events given is from {facts.Server.Name} (they are from {string.Join(", ", machines)})."
                        : "The events and logs given hold no MSExchange Mitigation Service entries.";
                }
            }

            if (endpoint != null)
            {
                evidence.Endpoint = Probe(endpoint, facts.InternetWebProxy);
            }

            return evidence;
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

            iis = new IisConfigurationLocator().Load(paths);
            foreach (var error in iis.Errors)
            {
                cmdlet.WriteError(new ErrorRecord(new InvalidDataException(error.ToString()), "IisConfigurationInvalid", ErrorCategory.InvalidData, error.File));
            }

            if (iis.Files.Count == 0)
            {
                cmdlet.WriteError(new ErrorRecord(new FileNotFoundException("No applicationHost.config or web.config was found under " + string.Join(", ", paths) + "."), "IisConfigurationNotFound", ErrorCategory.ObjectNotFound, string.Join(", ", paths)));
            }

            return iis;
        }

        private void ReadEvents(IReadOnlyList<string>? paths, IReadOnlyList<object> piped)
        {
            if (events != null)
            {
                return;
            }

            events = new List<ExportedEvent>();
            foreach (var item in piped.Concat(localHost?.MitigationEvents ?? Array.Empty<object>()))
            {
                events.Add(ExportedEvent.FromProperties(Properties(item)));
            }

            foreach (var path in paths ?? Array.Empty<string>())
            {
                foreach (var file in Files(path, "*"))
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
            foreach (var path in paths ?? Array.Empty<string>())
            {
                foreach (var file in Files(path, "*.log"))
                {
                    foreach (var item in ExchangeLogReader.ReadFile(file))
                    {
                        if (item.IsError)
                        {
                            cmdlet.WriteError(new ErrorRecord(new InvalidDataException(item.Error!.ToString()), "MitigationLogInvalid", ErrorCategory.InvalidData, item.Error.File));
                        }
                        else
                        {
                            logLines.Add(item.Value!);
                        }
                    }
                }
            }
        }

        private IEnumerable<string> Files(string path, string pattern)
        {
            if (File.Exists(path))
            {
                return new[] { path };
            }

            if (Directory.Exists(path))
            {
                try
                {
                    return Directory.GetFiles(path, pattern, SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToArray();
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

        private static IEnumerable<KeyValuePair<string, object?>> Properties(object item)
        {
            foreach (var property in PSObject.AsPSObject(item).Properties)
            {
                object? value;
                try
                {
                    value = PowerShellValue.Unwrap(property.Value);
                }
                catch (GetValueException)
                {
                    continue; // EventLogRecord members that need the live log (e.g. KeywordsDisplayNames) may throw
                }

                yield return new KeyValuePair<string, object?>(property.Name, value);
            }
        }
    }
}
