using System;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace ExchangeHardening.Engine.Yaml
{
    /// <summary>Wraps YamlDotNet's object deserializer and stamps each <see cref="LocatedNode"/> with the
    /// position of the mapping it came from.</summary>
    internal sealed class LocatingNodeDeserializer : INodeDeserializer
    {
        private readonly INodeDeserializer inner;

        public LocatingNodeDeserializer(INodeDeserializer inner)
        {
            this.inner = inner;
        }

        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            var start = reader.Current?.Start;
            if (!inner.Deserialize(reader, expectedType, nestedObjectDeserializer, out value, rootDeserializer))
            {
                return false;
            }

            if (value is LocatedNode node && start.HasValue)
            {
                node.Line = start.Value.Line;
                node.Column = start.Value.Column;
            }

            return true;
        }
    }
}
