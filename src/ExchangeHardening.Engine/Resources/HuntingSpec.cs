using System;
using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>spec.hunting of an Advisory: what a compromise review needs to know about the campaign.</summary>
    public sealed class HuntingSpec : LocatedNode
    {
        /// <summary>The earliest reported exploitation: logs that start later cannot rule the campaign out.</summary>
        public DateTime? ExploitedFrom { get; set; }

        /// <summary>The evidence sources (EvidenceSourceType names) whose coverage matters for it.</summary>
        public List<string>? Sources { get; set; }

        /// <summary>The attack chain: steps in order, each a list of indicator ids; two or more steps from one client IP make a correlation.</summary>
        public List<List<string>>? Chain { get; set; }
    }
}
