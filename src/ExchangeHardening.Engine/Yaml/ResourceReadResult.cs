using System.Collections.Generic;

namespace ExchangeHardening.Engine.Yaml
{
    /// <summary>What a YAML file gave: the resources that passed and the errors of those that did not.</summary>
    public sealed class ResourceReadResult
    {
        public List<ResourceRecord> Resources { get; } = new List<ResourceRecord>();

        public List<ResourceLoadError> Errors { get; } = new List<ResourceLoadError>();
    }
}
