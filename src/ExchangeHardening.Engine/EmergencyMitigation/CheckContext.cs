using System.Collections.Generic;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Exposure;

namespace ExchangeHardening.Engine.EmergencyMitigation
{
    /// <summary>Answers "does this server have update K?" with Microsoft's rule, once per key.</summary>
    internal sealed class CheckContext
    {
        private readonly BuildCatalog catalog;
        private readonly BuildResolution resolution;
        private readonly BuildSource source;
        private readonly Dictionary<string, ExposureStatus> states = new Dictionary<string, ExposureStatus>();

        public CheckContext(BuildCatalog catalog, BuildResolution resolution, BuildSource source)
        {
            this.catalog = catalog;
            this.resolution = resolution;
            this.source = source;
        }

        /// <summary>Patched, Vulnerable or Unknown (AdminDisplayVersion only). A key the product never received counts as
        /// patched: the product's builds already contain that fix (SE and Nov22SU) or were never affected.</summary>
        public ExposureStatus KeyState(string key)
        {
            if (!states.TryGetValue(key, out var state))
            {
                state = FixRule.Check(catalog, resolution, source, key)?.Status ?? ExposureStatus.Patched;
                states[key] = state;
            }

            return state;
        }
    }
}
