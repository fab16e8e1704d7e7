using ExchangeHardening.Engine.Resources;

namespace ExchangeHardening.Engine.Yaml
{
    /// <summary>A resource read from YAML and checked for its envelope; its spec is typed by kind.</summary>
    public sealed class ResourceRecord
    {
        public ResourceRecord(ResourceKind kind, string name, ResourceMetadata metadata, LocatedNode spec, SourceLocation location)
        {
            Kind = kind;
            Name = name;
            Metadata = metadata;
            Spec = spec;
            Location = location;
        }

        public ResourceKind Kind { get; }

        public string Name { get; }

        public ResourceMetadata Metadata { get; }

        public LocatedNode Spec { get; }

        public SourceLocation Location { get; }

        public string File => Location.File;
    }
}
