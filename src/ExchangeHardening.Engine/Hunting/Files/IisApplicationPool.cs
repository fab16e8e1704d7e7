using System;
using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>An application pool of applicationHost.config with its attributes (applicationPoolDefaults filled in).</summary>
    internal sealed class IisApplicationPool
    {
        public IisApplicationPool(string name, IReadOnlyDictionary<string, string> attributes, SourceLocation location)
        {
            Name = name;
            Attributes = attributes;
            Location = location;
        }

        public string Name { get; }

        /// <summary>Attribute name to value, case-insensitive; "name" included.</summary>
        public IReadOnlyDictionary<string, string> Attributes { get; }

        public SourceLocation Location { get; }

        public string? this[string attribute] => Attributes.TryGetValue(attribute, out var value) ? value : null;

        public override string ToString() => Name + " (" + Location + ")";

        internal static Dictionary<string, string> NewAttributes() => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    }
}
