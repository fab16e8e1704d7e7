using System;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace ExchangeHardening.Engine.Yaml
{
    /// <summary>Enum values must be one of the names, spelled out: YamlDotNet alone would also take
    /// numbers ("severity: 7") and turn them into values no code expects.</summary>
    internal sealed class StrictEnumNodeDeserializer : INodeDeserializer
    {
        public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
        {
            value = null;
            var enumType = Nullable.GetUnderlyingType(expectedType) ?? expectedType;
            if (!enumType.IsEnum || !(reader.Current is Scalar scalar))
            {
                return false;
            }

            foreach (var name in Enum.GetNames(enumType))
            {
                if (string.Equals(name, scalar.Value, StringComparison.OrdinalIgnoreCase))
                {
                    reader.MoveNext();
                    value = Enum.Parse(enumType, name);
                    return true;
                }
            }

            throw new YamlException(scalar.Start, scalar.End, $"'{scalar.Value}' is not a valid value; expected one of {string.Join(", ", Enum.GetNames(enumType))}.");
        }
    }
}
