using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>spec of kind BuildCatalog: one product and all its builds.</summary>
    public sealed class BuildCatalogSpec : LocatedNode
    {
        public ProductSpec? Product { get; set; }

        public List<BuildSpec>? Builds { get; set; }
    }
}
