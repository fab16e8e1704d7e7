using System;
using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>The metadata block of a resource; <see cref="Name"/> is its id.</summary>
    public sealed class ResourceMetadata : LocatedNode
    {
        public string? Name { get; set; }

        public string? Title { get; set; }

        public string? Description { get; set; }

        public DateTime? Published { get; set; }

        public DateTime? Updated { get; set; }

        public List<string>? References { get; set; }
    }
}
