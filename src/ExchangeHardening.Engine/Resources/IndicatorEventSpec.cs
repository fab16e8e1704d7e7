using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>Which exported Windows events an indicator tests: channel, provider, event ids and levels (each optional).</summary>
    public sealed class IndicatorEventSpec : LocatedNode
    {
        /// <summary>LogName / Channel, e.g. Application or MSExchange Management.</summary>
        public string? Channel { get; set; }

        /// <summary>ProviderName / SourceName, e.g. MSExchange CmdletLogs.</summary>
        public string? Provider { get; set; }

        public List<int>? Ids { get; set; }

        /// <summary>2 Error, 3 Warning, 4 Information.</summary>
        public List<int>? Levels { get; set; }
    }
}
