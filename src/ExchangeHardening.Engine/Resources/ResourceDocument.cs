using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>The envelope every YAML resource shares: apiVersion, kind, metadata, spec.</summary>
    public sealed class ResourceDocument<TSpec> : LocatedNode
        where TSpec : LocatedNode
    {
        public string? ApiVersion { get; set; }

        public string? Kind { get; set; }

        public ResourceMetadata? Metadata { get; set; }

        public TSpec? Spec { get; set; }
    }
}
