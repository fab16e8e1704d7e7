using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Advisories
{
    /// <summary>Everything the module knows, loaded and validated: catalog, advisories, mitigations, indicators.</summary>
    public sealed class AdvisoryStore
    {
        private readonly Dictionary<string, Vulnerability> vulnerabilities;

        public AdvisoryStore(BuildCatalog catalog, IReadOnlyList<Advisory> advisories, IReadOnlyList<ResourceRecord> mitigations, IReadOnlyList<ResourceRecord> indicators, IReadOnlyList<CampaignHunt>? hunts = null)
        {
            Hunts = hunts ?? new List<CampaignHunt>();
            Catalog = catalog;
            Advisories = advisories;
            Mitigations = mitigations;
            Indicators = indicators;
            vulnerabilities = advisories.SelectMany(a => a.Vulnerabilities).ToDictionary(v => v.Cve, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Builds a store that also knows the campaigns' hunting data.</summary>
        public static AdvisoryStore WithHunts(IReadOnlyList<CampaignHunt> hunts, BuildCatalog catalog, IReadOnlyList<Advisory> advisories, IReadOnlyList<ResourceRecord> mitigations, IReadOnlyList<ResourceRecord> indicators) =>
            new AdvisoryStore(catalog, advisories, mitigations, indicators, hunts);

        public BuildCatalog Catalog { get; }

        public IReadOnlyList<Advisory> Advisories { get; }

        public IReadOnlyList<ResourceRecord> Mitigations { get; }

        public IReadOnlyList<ResourceRecord> Indicators { get; }

        /// <summary>Campaigns with a hunting block: exploitation start, sources to cover, attack chain.</summary>
        public IReadOnlyList<CampaignHunt> Hunts { get; }

        public IEnumerable<Vulnerability> Vulnerabilities => Advisories.SelectMany(a => a.Vulnerabilities);

        public Vulnerability? FindVulnerability(string cve) => vulnerabilities.TryGetValue(cve, out var v) ? v : null;
    }
}
