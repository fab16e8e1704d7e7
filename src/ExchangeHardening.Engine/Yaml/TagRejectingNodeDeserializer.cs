using System;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace ExchangeHardening.Engine.Yaml
{
    /// <summary>Safe deserialization: data files may not carry YAML tags, because a tag is how a
    /// document asks a deserializer to build an arbitrary .NET type. Only the core YAML tags pass.</summary>
    internal sealed class TagRejectingNodeDeserializer : INodeDeserializer
    {
        private const string CoreTagPrefix = "tag:yaml.org,2002:";

        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            value = null;
            if (reader.Current is NodeEvent node && !node.Tag.IsEmpty && !node.Tag.IsNonSpecific
                && !node.Tag.Value.StartsWith(CoreTagPrefix, StringComparison.Ordinal))
            {
                throw new YamlException(node.Start, node.End, $"The tag '{node.Tag.Value}' is not allowed: data files may not name .NET types or custom tags.");
            }

            return false;
        }
    }
}
