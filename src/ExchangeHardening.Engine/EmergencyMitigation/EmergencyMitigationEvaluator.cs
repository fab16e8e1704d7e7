using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Advisories;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Exposure;
using ExchangeHardening.Engine.Mitigations;

namespace ExchangeHardening.Engine.EmergencyMitigation
{
    /// <summary>
    /// Runs the Emergency Mitigation checks for one server: is the service there and working, and are its
    /// mitigations still needed. Each check says Pass, Warn, Fail or NotApplicable, and why.
    /// </summary>
    public sealed class EmergencyMitigationEvaluator
    {
        public const string ApplicabilityCheck = "Applicability";
        public const string SwitchesCheck = "Switches";
        public const string ServiceCheck = "Service";
        public const string EndpointCheck = "Endpoint";
        public const string UrlRewriteCheck = "UrlRewrite";
        public const string AppliedMitigationsCheck = "AppliedMitigations";
        public const string StaleMitigationsCheck = "StaleMitigations";
        public const string BlockedMitigationsCheck = "BlockedMitigations";
        public const string MissingMitigationsCheck = "MissingMitigations";
        public const string ActivityCheck = "Activity";

        private readonly AdvisoryStore store;
        private readonly IReadOnlyList<MitigationDefinition> mitigations;

        public EmergencyMitigationEvaluator(AdvisoryStore store)
        {
            this.store = store;
            mitigations = store.Mitigations.Select(m => new MitigationDefinition(m)).ToList();
        }

        public IReadOnlyList<MitigationDefinition> Mitigations => mitigations;

        /// <summary>Evaluates one server; null with an error when its build fits no product the data knows.</summary>
        public EmergencyMitigationResult? Evaluate(EmergencyMitigationFacts facts, EmergencyMitigationEvidence evidence, out string error)
        {
            var server = facts.Server;
            var resolution = store.Catalog.Resolve(server.Build);
            if (resolution == null)
            {
                error = $"Build {server.Build} of '{server.Name}' belongs to no Exchange product or CU the advisory data knows.";
                return null;
            }

            error = string.Empty;
            var context = new CheckContext(store.Catalog, resolution, server.BuildSource);
            var checks = new List<CheckResult>();
            var applicability = Applicability(facts, resolution);
            checks.Add(applicability);
            var supported = applicability.Outcome == CheckOutcome.Pass;
            var applied = server.MitigationsApplied.ToArray();
            var blocked = facts.MitigationsBlocked.ToArray();
            var stale = new List<string>();
            var missing = new List<string>();
            if (supported)
            {
                checks.Add(Switches(facts));
                checks.Add(Service(facts));
                checks.Add(Endpoint(evidence, resolution, context));
                checks.Add(UrlRewrite(evidence));
                checks.Add(AppliedMitigations(applied, evidence));
                checks.Add(StaleMitigations(applied, evidence, context, stale));
                checks.Add(BlockedMitigations(blocked, context));
                checks.Add(MissingMitigations(facts, applied, blocked, evidence, context, missing));
                checks.Add(Activity(evidence));
            }
            else
            {
                // Without the service only leftovers matter: rules EM or EOMT put in place stay until removed by hand.
                checks.Add(StaleMitigations(applied, evidence, context, stale));
            }

            // Effective switch: off when either is off; on only when both are known to be on.
            bool? enabled = facts.ServerMitigationsEnabled == false || facts.OrganizationMitigationsEnabled == false
                ? false
                : facts.ServerMitigationsEnabled == true && facts.OrganizationMitigationsEnabled == true ? true : (bool?)null;
            return new EmergencyMitigationResult
            {
                Server = server.Name,
                Build = server.Build.ToString(),
                Supported = supported,
                Enabled = enabled,
                ServiceState = facts.ServiceMissing ? "Missing" : facts.ServiceStatus == null ? "Unknown" : facts.ServiceStatus + "/" + (facts.ServiceStartType ?? "Unknown"),
                EndpointReachable = evidence.Endpoint?.Reachable,
                UrlRewriteInstalled = evidence.Iis?.UrlRewriteInstalled,
                MitigationsApplied = applied,
                MitigationsBlocked = blocked,
                StaleMitigations = stale.ToArray(),
                MissingMitigations = missing.ToArray(),
                Checks = checks.ToArray(),
                Passed = checks.All(c => c.Outcome != CheckOutcome.Fail),
            };
        }

        private CheckResult Applicability(EmergencyMitigationFacts facts, BuildResolution resolution)
        {
            var product = resolution.Product;
            if (facts.Server.IsEdge)
            {
                return new CheckResult(ApplicabilityCheck, CheckOutcome.NotApplicable, "Edge Transport servers have no Emergency Mitigation service.", "Nothing to do: EM runs on Mailbox servers only.");
            }

            var firstCu = product.EmergencyMitigationFrom == null ? null : store.Catalog.CuRelease(product.Id, product.EmergencyMitigationFrom);
            if (firstCu == null)
            {
                return new CheckResult(ApplicabilityCheck, CheckOutcome.NotApplicable, $"{product.Name} never received the Emergency Mitigation service.", $"Move to a supported Exchange version{(product.Successor == null ? string.Empty : " (" + product.Successor + ")")}; until then apply mitigations with EOMT.");
            }

            if (resolution.CumulativeUpdate.Build < firstCu.Build)
            {
                return new CheckResult(ApplicabilityCheck, CheckOutcome.Fail, $"{product.Name} {resolution.CumulativeUpdate.CumulativeUpdate} has no Emergency Mitigation service; it arrived with {firstCu.CumulativeUpdate} ({firstCu.Build}).", $"Install {firstCu.CumulativeUpdate} or a later CU with its latest security update: without EM no mitigation reaches this server automatically.");
            }

            return new CheckResult(ApplicabilityCheck, CheckOutcome.Pass, $"{product.Name} {resolution.CumulativeUpdate.CumulativeUpdate} has the Emergency Mitigation service (from {firstCu.CumulativeUpdate}).", string.Empty);
        }

        private static CheckResult Switches(EmergencyMitigationFacts facts)
        {
            if (facts.OrganizationMitigationsEnabled == false)
            {
                return new CheckResult(SwitchesCheck, CheckOutcome.Fail, "Disabled on organisation level: Get-OrganizationConfig shows MitigationsEnabled False, so no server applies mitigations.", "Set-OrganizationConfig -MitigationsEnabled $true");
            }

            if (facts.ServerMitigationsEnabled == false)
            {
                return new CheckResult(SwitchesCheck, CheckOutcome.Fail, "Disabled on server level: Get-ExchangeServer shows MitigationsEnabled False.", $"Set-ExchangeServer -Identity {facts.Server.Name} -MitigationsEnabled $true");
            }

            if (facts.ServerMitigationsEnabled == null)
            {
                return new CheckResult(SwitchesCheck, CheckOutcome.Warn, "The server object carries no MitigationsEnabled value, so the switches could not be checked.", "Pipe Get-ExchangeServer objects and pass -OrganizationConfig (Get-OrganizationConfig).");
            }

            if (facts.OrganizationMitigationsEnabled == null)
            {
                return new CheckResult(SwitchesCheck, CheckOutcome.Warn, "Enabled on the server; the organisation switch was not checked.", "Pass -OrganizationConfig (Get-OrganizationConfig) to check it too.");
            }

            return new CheckResult(SwitchesCheck, CheckOutcome.Pass, "Enabled on organisation and server level.", string.Empty);
        }

        private static CheckResult Service(EmergencyMitigationFacts facts)
        {
            if (facts.ServiceMissing)
            {
                return new CheckResult(ServiceCheck, CheckOutcome.Fail, "The MSExchangeMitigation service does not exist on this server.", "Re-run Exchange setup for the installed CU (setup /m:upgrade) to restore the Microsoft Exchange Emergency Mitigation Service.");
            }

            if (facts.ServiceStatus == null)
            {
                return new CheckResult(ServiceCheck, CheckOutcome.Warn, "The MSExchangeMitigation service was not checked.", "Pass -Service (Get-Service MSExchangeMitigation -ComputerName <server>) or use -Local on the server.");
            }

            var running = string.Equals(facts.ServiceStatus, "Running", StringComparison.OrdinalIgnoreCase);
            var automatic = facts.ServiceStartType != null && facts.ServiceStartType.StartsWith("Automatic", StringComparison.OrdinalIgnoreCase);
            if (running && automatic)
            {
                return new CheckResult(ServiceCheck, CheckOutcome.Pass, "MSExchangeMitigation is running and starts automatically.", string.Empty);
            }

            return new CheckResult(ServiceCheck, CheckOutcome.Fail, $"MSExchangeMitigation is {facts.ServiceStatus} with start type {facts.ServiceStartType ?? "unknown"}; it must be Running and Automatic.", "Set-Service MSExchangeMitigation -StartupType Automatic; Start-Service MSExchangeMitigation");
        }

        private static CheckResult Endpoint(EmergencyMitigationEvidence evidence, BuildResolution resolution, CheckContext context)
        {
            var product = resolution.Product;
            if (product.EmergencyMitigationMinimumUpdate != null)
            {
                var state = context.KeyState(product.EmergencyMitigationMinimumUpdate);
                if (state == ExposureStatus.Vulnerable)
                {
                    return new CheckResult(EndpointCheck, CheckOutcome.Fail, $"Build {resolution.Build} is older than the {product.EmergencyMitigationMinimumUpdate} update and cannot validate Microsoft's current signing certificate: the service fetches nothing (Application event 1008, \"Exception encountered while fetching mitigations\").", $"Install the latest CU and security update; {product.Name} needs at least {product.EmergencyMitigationMinimumUpdate} on a CU that received it.");
                }

                if (state == ExposureStatus.Unknown)
                {
                    return new CheckResult(EndpointCheck, CheckOutcome.Warn, $"Only AdminDisplayVersion is known ({resolution.CumulativeUpdate.CumulativeUpdate}): whether the server has {product.EmergencyMitigationMinimumUpdate}, which the service needs to validate Microsoft's signing certificate, cannot be told.", "Pass -Build with the ExSetup.exe file version.");
                }
            }

            if (evidence.Endpoint == null)
            {
                return new CheckResult(EndpointCheck, CheckOutcome.NotApplicable, "The connectivity test was skipped.", "Run without -SkipConnectivityTest on a server that can reach the internet.");
            }

            var endpoint = evidence.Endpoint;
            if (!endpoint.Reachable)
            {
                return new CheckResult(EndpointCheck, CheckOutcome.Fail, $"{endpoint.Uri} is not reachable{(endpoint.Proxy == null ? string.Empty : " through proxy " + endpoint.Proxy)}: {endpoint.Error}", "Allow HTTPS to officeclient.microsoft.com (and HTTP to ctldl.windowsupdate.com for the certificate trust list); set both Set-ExchangeServer -InternetWebProxy and netsh winhttp set proxy when a proxy is needed; exclude the endpoint from SSL inspection.");
            }

            if (product.EmergencyMitigationDefinitionsUpdate != null && context.KeyState(product.EmergencyMitigationDefinitionsUpdate) != ExposureStatus.Patched)
            {
                return new CheckResult(EndpointCheck, CheckOutcome.Warn, $"{endpoint.Uri} is reachable, but build {resolution.Build} is below (or may be below) {product.EmergencyMitigationDefinitionsUpdate}: mitigation definitions released from July 2026 on cannot be used; mitigations already applied keep working.", $"Install {product.EmergencyMitigationDefinitionsUpdate} or later for this CU.");
            }

            return new CheckResult(EndpointCheck, CheckOutcome.Pass, $"{endpoint.Uri} answered HTTP {endpoint.StatusCode}{(endpoint.Proxy == null ? string.Empty : " through proxy " + endpoint.Proxy)}.", string.Empty);
        }

        private static CheckResult UrlRewrite(EmergencyMitigationEvidence evidence)
        {
            if (evidence.Iis == null)
            {
                return new CheckResult(UrlRewriteCheck, CheckOutcome.NotApplicable, "No IIS configuration was given.", "Pass -IisConfigPath with applicationHost.config and the web.config files (or a folder copy), or use -Local.");
            }

            if (evidence.Iis.UrlRewriteInstalled == null)
            {
                return new CheckResult(UrlRewriteCheck, CheckOutcome.NotApplicable, "applicationHost.config was not among the IIS files given, so the module list could not be read.", "Include %windir%\\System32\\inetsrv\\config\\applicationHost.config in -IisConfigPath.");
            }

            return evidence.Iis.UrlRewriteInstalled == true
                ? new CheckResult(UrlRewriteCheck, CheckOutcome.Pass, "The IIS URL Rewrite module is registered (" + evidence.Iis.UrlRewriteDetail + ").", string.Empty)
                : new CheckResult(UrlRewriteCheck, CheckOutcome.Fail, "The IIS URL Rewrite module is not registered in applicationHost.config; URL Rewrite mitigations cannot be applied.", "Install the IIS URL Rewrite Module 2.1 (and KB2999226 on Windows Server 2012/2012 R2).");
        }

        private CheckResult AppliedMitigations(string[] applied, EmergencyMitigationEvidence evidence)
        {
            var problems = new List<string>();
            var notes = new List<string>();
            foreach (var id in applied)
            {
                var definition = mitigations.FirstOrDefault(m => m.IsNamedBy(id));
                if (definition == null)
                {
                    notes.Add($"{id}: not described by the advisory data (update it to learn what {id} does)");
                    continue;
                }

                var what = definition.Mitigates.Length == 0 ? definition.Title : definition.Title + " (" + string.Join(", ", definition.Mitigates) + ")";
                if (!definition.HasRules)
                {
                    notes.Add($"{id}: {what}");
                    continue;
                }

                if (evidence.Iis == null)
                {
                    notes.Add($"{id}: {what}; its IIS rule was not checked");
                    continue;
                }

                var state = evidence.Iis.StateOf(definition.Id);
                switch (state.Status)
                {
                    case MitigationRuleStatus.Present:
                        notes.Add($"{id}: {what}; rule present ({state.Detail})");
                        break;
                    case MitigationRuleStatus.Disabled:
                        problems.Add($"{id}: {what}; its rule is disabled ({state.Detail})");
                        break;
                    case MitigationRuleStatus.Broken:
                        problems.Add($"{id}: {what}; its rule does not do what the mitigation needs ({state.Detail})");
                        break;
                    default:
                        problems.Add($"{id}: {what}; listed as applied but no rule with its behaviour exists (removed by hand?); the service applies it again within an hour unless it is blocked");
                        break;
                }
            }

            if (evidence.Iis != null)
            {
                foreach (var unlisted in evidence.Iis.UnlistedMitigations(applied, mitigations))
                {
                    notes.Add("not listed as applied but present in IIS: " + unlisted);
                }
            }

            if (applied.Length == 0 && notes.Count == 0)
            {
                return new CheckResult(AppliedMitigationsCheck, CheckOutcome.Pass, "No mitigation is applied.", string.Empty);
            }

            var detail = string.Join("; ", problems.Concat(notes));
            return problems.Count > 0
                ? new CheckResult(AppliedMitigationsCheck, CheckOutcome.Fail, detail, "Look at the URL Rewrite rules of the Default Web Site and the OWA virtual directory; restart MSExchangeMitigation to let the service re-apply, or install the fixing update and remove the mitigation.")
                : new CheckResult(AppliedMitigationsCheck, CheckOutcome.Pass, detail, string.Empty);
        }

        private CheckResult StaleMitigations(string[] applied, EmergencyMitigationEvidence evidence, CheckContext context, List<string> stale)
        {
            var steps = new List<string>();
            var seenRules = new HashSet<string>(StringComparer.Ordinal);
            foreach (var definition in mitigations.Where(m => m.FixedBy.Length > 0).OrderBy(m => m.Origin == MitigationOrigin.EmergencyMitigation ? 0 : 1))
            {
                var listed = applied.Any(definition.IsNamedBy);
                var inIis = evidence.Iis != null && evidence.Iis.StateOf(definition.Id).Status != MitigationRuleStatus.Absent;
                if (!listed && !inIis)
                {
                    continue;
                }

                if (definition.FixedBy.All(key => context.KeyState(key) == ExposureStatus.Patched))
                {
                    // EM's M1 rule also behaves like EOMTv2's: the same rules found twice are one leftover, named once.
                    var rules = evidence.Iis?.StateOf(definition.Id).Detail;
                    if (!listed && !string.IsNullOrEmpty(rules) && seenRules.Contains(rules!))
                    {
                        continue;
                    }

                    if (!string.IsNullOrEmpty(rules))
                    {
                        seenRules.Add(rules!);
                    }

                    stale.Add(definition.Id);
                    steps.Add($"{definition.Id} ({string.Join(", ", definition.Mitigates)}) is fixed by {string.Join(", ", definition.FixedBy)}, which this build has: {definition.Rollback}");
                }
            }

            return steps.Count == 0
                ? new CheckResult(StaleMitigationsCheck, CheckOutcome.Pass, "No mitigation outlived its fix.", string.Empty)
                : new CheckResult(StaleMitigationsCheck, CheckOutcome.Warn, "Still in place although the installed build fixes what they mitigate: " + string.Join(", ", stale) + ".", string.Join(" ", steps));
        }

        private CheckResult BlockedMitigations(string[] blocked, CheckContext context)
        {
            var open = new List<string>();
            foreach (var id in blocked)
            {
                var definition = mitigations.FirstOrDefault(m => m.IsNamedBy(id));
                if (definition != null && definition.FixedBy.Length > 0 && definition.FixedBy.Any(key => context.KeyState(key) != ExposureStatus.Patched))
                {
                    open.Add($"{id} ({string.Join(", ", definition.Mitigates)}, fixed by {string.Join(", ", definition.FixedBy)})");
                }
            }

            if (blocked.Length == 0)
            {
                return new CheckResult(BlockedMitigationsCheck, CheckOutcome.Pass, "No mitigation is blocked.", string.Empty);
            }

            return open.Count == 0
                ? new CheckResult(BlockedMitigationsCheck, CheckOutcome.Pass, "Blocked: " + string.Join(", ", blocked) + "; the build fixes what they mitigate.", string.Empty)
                : new CheckResult(BlockedMitigationsCheck, CheckOutcome.Fail, "Blocked although the build is still vulnerable (or its update is unknown): " + string.Join("; ", open) + ".", "Install the fixing update, or unblock: Set-ExchangeServer -Identity <server> -MitigationsBlocked @{Remove=\"<id>\"}.");
        }

        private CheckResult MissingMitigations(EmergencyMitigationFacts facts, string[] applied, string[] blocked, EmergencyMitigationEvidence evidence, CheckContext context, List<string> missing)
        {
            var unknown = new List<string>();
            foreach (var definition in mitigations.Where(m => m.Origin == MitigationOrigin.EmergencyMitigation && m.FixedBy.Length > 0))
            {
                var states = definition.FixedBy.Select(context.KeyState).ToList();
                if (states.All(s => s == ExposureStatus.Patched))
                {
                    continue;
                }

                var inIis = evidence.Iis != null && evidence.Iis.StateOf(definition.Id).Status == MitigationRuleStatus.Present;
                if (applied.Any(definition.IsNamedBy) || blocked.Any(definition.IsNamedBy) || inIis)
                {
                    continue;
                }

                if (states.Any(s => s == ExposureStatus.Vulnerable))
                {
                    missing.Add(definition.Id);
                }
                else
                {
                    unknown.Add(definition.Id);
                }
            }

            var enabled = facts.ServerMitigationsEnabled != false && facts.OrganizationMitigationsEnabled != false;
            if (missing.Count > 0)
            {
                return new CheckResult(MissingMitigationsCheck, enabled ? CheckOutcome.Fail : CheckOutcome.Warn, $"The build is vulnerable to what {string.Join(", ", missing)} mitigates, but {(missing.Count == 1 ? "it is" : "they are")} not applied{(enabled ? ": EM is not doing its job." : " (EM is switched off).")}", "Install the fixing update; until then check the service, its connectivity and its event log (event 1008), or apply the mitigation with EOMT.");
            }

            if (unknown.Count > 0)
            {
                return new CheckResult(MissingMitigationsCheck, CheckOutcome.Warn, $"Whether {string.Join(", ", unknown)} is needed cannot be told: only AdminDisplayVersion is known.", "Pass -Build with the ExSetup.exe file version.");
            }

            return new CheckResult(MissingMitigationsCheck, CheckOutcome.Pass, "Every published mitigation the build needs is applied.", string.Empty);
        }

        private static CheckResult Activity(EmergencyMitigationEvidence evidence)
        {
            var activity = evidence.Activity;
            if (activity == null)
            {
                return new CheckResult(ActivityCheck, CheckOutcome.NotApplicable, evidence.ActivityNote ?? "No EM events or logs were given.", "Pass -EventLogPath (exported Application events of \"MSExchange Mitigation Service\") or -MitigationLogPath, or pipe Get-WinEvent output.");
            }

            return activity.ToCheck(ActivityCheck);
        }
    }
}
