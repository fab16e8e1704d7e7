using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Advisories
{
    /// <summary>
    /// Turns Advisory resources into <see cref="Advisory"/> objects and checks their references against the
    /// catalog. A bad vulnerability entry is reported and left out; its advisory keeps the valid ones.
    /// </summary>
    internal sealed class AdvisoryBuilder
    {
        private static readonly Regex VulnerabilityIdPattern = new Regex(@"^(CVE-\d{4}-\d{4,}|ADV\d{6,})$", RegexOptions.CultureInvariant);

        private readonly BuildCatalog catalog;
        private readonly List<ResourceLoadError> errors;
        private readonly Dictionary<string, SourceLocation> seenIds = new Dictionary<string, SourceLocation>(StringComparer.OrdinalIgnoreCase);

        public AdvisoryBuilder(BuildCatalog catalog, List<ResourceLoadError> errors)
        {
            this.catalog = catalog;
            this.errors = errors;
        }

        /// <summary>The campaigns with a hunting block, filled by <see cref="Build"/>.</summary>
        public List<CampaignHunt> Hunts { get; } = new List<CampaignHunt>();

        public IReadOnlyList<Advisory> Build(IEnumerable<ResourceRecord> records)
        {
            var advisories = new List<Advisory>();
            foreach (var record in records)
            {
                var spec = (AdvisorySpec)record.Spec;
                if (string.IsNullOrWhiteSpace(record.Metadata.Title))
                {
                    Error(record.File, record.Metadata, $"Advisory '{record.Name}' needs 'metadata.title'.");
                    continue;
                }

                if (spec.Vulnerabilities == null || spec.Vulnerabilities.Count == 0)
                {
                    Error(record.File, spec, $"Advisory '{record.Name}' lists no vulnerabilities.");
                    continue;
                }

                var vulnerabilities = spec.Vulnerabilities
                    .Select(v => ReadVulnerability(record, v))
                    .Where(v => v != null)
                    .Select(v => v!)
                    .ToArray();
                if (vulnerabilities.Length == 0)
                {
                    continue;
                }

                if (spec.Hunting != null)
                {
                    var hunt = ReadHunt(record, spec.Hunting, vulnerabilities);
                    if (hunt != null)
                    {
                        Hunts.Add(hunt);
                    }
                }

                advisories.Add(new Advisory(
                    record.Name,
                    record.Metadata.Title!,
                    spec.Campaign,
                    record.Metadata.Published,
                    spec.Summary,
                    spec.Recommendation,
                    (record.Metadata.References ?? new List<string>()).ToArray(),
                    vulnerabilities,
                    record.File));
            }

            return advisories;
        }

        private CampaignHunt? ReadHunt(ResourceRecord record, HuntingSpec hunting, Vulnerability[] vulnerabilities)
        {
            if (hunting.ExploitedFrom == null)
            {
                Error(record.File, hunting, $"Advisory '{record.Name}': hunting needs 'exploitedFrom', the date exploitation began.");
                return null;
            }

            var sources = new List<EvidenceSourceType>();
            foreach (var name in hunting.Sources ?? new List<string>())
            {
                if (!Enum.TryParse<EvidenceSourceType>(name, ignoreCase: false, out var source) || !Enum.IsDefined(typeof(EvidenceSourceType), source) || name.All(char.IsDigit))
                {
                    Error(record.File, hunting, $"Advisory '{record.Name}': '{name}' is not an evidence source; expected one of {string.Join(", ", Enum.GetNames(typeof(EvidenceSourceType)))}.");
                    return null;
                }

                sources.Add(source);
            }

            var chain = (hunting.Chain ?? new List<List<string>>()).Select(step => (IReadOnlyList<string>)step.ToArray()).ToList();
            if (chain.Any(step => step.Count == 0))
            {
                Error(record.File, hunting, $"Advisory '{record.Name}': every step of the hunting chain needs at least one indicator id.");
                return null;
            }

            var exploitedFrom = new DateTimeOffset(DateTime.SpecifyKind(hunting.ExploitedFrom.Value.Date, DateTimeKind.Utc));
            return new CampaignHunt(
                record.Name,
                record.Metadata.Title!,
                exploitedFrom,
                sources,
                chain,
                vulnerabilities.Select(v => v.Cve).ToArray(),
                vulnerabilities.SelectMany(v => v.FixedBy).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(),
                record.Metadata.Published);
        }

        private Vulnerability? ReadVulnerability(ResourceRecord record, VulnerabilitySpec v)
        {
            var file = record.File;
            if (string.IsNullOrWhiteSpace(v.Id) || !VulnerabilityIdPattern.IsMatch(v.Id))
            {
                Error(file, v, $"'{v.Id}' is not a vulnerability id; expected CVE-yyyy-nnnn or ADVnnnnnn.");
                return null;
            }

            if (seenIds.TryGetValue(v.Id!, out var first))
            {
                Error(file, v, $"{v.Id} is already listed at {first}; a vulnerability belongs to exactly one advisory.");
                return null;
            }

            if (string.IsNullOrWhiteSpace(v.Title) || v.Severity == null)
            {
                Error(file, v, $"{v.Id} needs a 'title' and a 'severity'.");
                return null;
            }

            if (v.Cvss.HasValue && (v.Cvss < 0 || v.Cvss > 10))
            {
                Error(file, v, $"{v.Id}: cvss {v.Cvss} is outside 0 to 10.");
                return null;
            }

            var products = v.Products ?? new List<string>();
            if (products.Count == 0)
            {
                Error(file, v, $"{v.Id} lists no products.");
                return null;
            }

            var unknownProduct = products.FirstOrDefault(p => catalog.FindProduct(p) == null);
            if (unknownProduct != null)
            {
                Error(file, v, $"{v.Id} names product '{unknownProduct}', which no build catalog describes.");
                return null;
            }

            var fixedBy = (v.FixedBy ?? new List<string>()).ToArray();
            foreach (var key in fixedBy)
            {
                if (!BuildCatalogBuilder.UpdateKeyPattern.IsMatch(key) || key == BuildInfo.CuRelease)
                {
                    Error(file, v, $"{v.Id}: '{key}' is not an update key; expected MmmYYSU, MmmYYSUv2 or MmmYYHU.");
                    return null;
                }

                if (!products.Any(p => catalog.HasUpdate(p, key)))
                {
                    Error(file, v, $"{v.Id} is fixed by '{key}', but the catalog has no {key} build for {string.Join(", ", products)}.");
                    return null;
                }
            }

            var requires = new List<ConfigurationRequirement>();
            foreach (var r in v.Requires ?? new List<ConfigurationRequirementSpec>())
            {
                if (r.Check == null || string.IsNullOrWhiteSpace(r.Description))
                {
                    Error(file, r, $"{v.Id}: a 'requires' entry needs 'check' and 'description'.");
                    return null;
                }

                var satisfiedFrom = (r.SatisfiedFrom ?? new List<string>()).ToArray();
                var unknownCu = satisfiedFrom.FirstOrDefault(entry => !IsKnownCu(entry));
                if (unknownCu != null)
                {
                    Error(file, r, $"{v.Id}: satisfiedFrom '{unknownCu}' is not a CU the catalog knows; write it as '<product> <CU>', e.g. 'Exchange2019 CU10'.");
                    return null;
                }

                requires.Add(new ConfigurationRequirement(r.Check.Value, r.Description!.Trim(), satisfiedFrom));
            }

            var disabledBy = new List<SettingOverrideCondition>();
            foreach (var o in v.DisabledBy ?? new List<SettingOverrideSpec>())
            {
                if (string.IsNullOrWhiteSpace(o.Component) || string.IsNullOrWhiteSpace(o.Section) || string.IsNullOrWhiteSpace(o.Parameter) || o.Value == null)
                {
                    Error(file, o, $"{v.Id}: a 'disabledBy' entry needs 'component', 'section', 'parameter' and 'value'.");
                    return null;
                }

                disabledBy.Add(new SettingOverrideCondition(o.Component!, o.Section!, o.Parameter!, o.Value));
            }

            if (fixedBy.Length == 0 && requires.Count == 0)
            {
                Error(file, v, $"{v.Id} has neither 'fixedBy' nor 'requires': nothing would tell an admin how to close it.");
                return null;
            }

            seenIds[v.Id!] = v.LocationIn(file);
            var fixedIn = fixedBy
                .SelectMany(key => products.SelectMany(p => catalog.UpdateBuilds(p, key)))
                .Select(b => new FixedBuild(b.Product.Id, b.CumulativeUpdate, b.Update, b.Build.ToString(), b.Kb, b.Released))
                .ToArray();
            return new Vulnerability(
                v.Id!,
                record.Name,
                v.Title!.Trim(),
                v.Severity.Value,
                v.Cvss,
                v.Exploited ?? false,
                products.ToArray(),
                fixedBy,
                fixedIn,
                requires.ToArray(),
                disabledBy.ToArray(),
                v.Note?.Trim(),
                (v.References ?? new List<string>()).ToArray());
        }

        private bool IsKnownCu(string entry)
        {
            var parts = entry.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length == 2 && catalog.CuRelease(parts[0], parts[1]) != null;
        }

        private void Error(string file, LocatedNode node, string message) => errors.Add(new ResourceLoadError(node.LocationIn(file), message));
    }
}
