using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// Reads one JSON event object into a flat, case-insensitive property bag: strings as they are, numbers as
    /// written, booleans as <c>True</c>/<c>False</c> (what <c>Export-Csv</c> writes), nested objects flattened as
    /// <c>Parent.Child</c>, arrays kept as their JSON text, nulls left out. One instance per file: events from
    /// one producer repeat their property names in the same order, so names are compared in place and reused
    /// instead of being allocated again for every event.
    /// </summary>
    internal sealed class JsonEventObjectParser
    {
        private const int MaxFlattenDepth = 8;
        private const int MaxRememberedNames = 256;
        private readonly List<KeyValuePair<byte[], string>> recentNames = new List<KeyValuePair<byte[], string>>();
        private int nameIndex;
        private int lastCount = 16;

        /// <summary>Parses a complete object; throws <see cref="JsonException"/> or <see cref="InvalidOperationException"/> (bad UTF-8) on bad input.</summary>
        public Dictionary<string, string> Parse(ReadOnlySpan<byte> utf8Object)
        {
            var fields = new Dictionary<string, string>(lastCount, StringComparer.OrdinalIgnoreCase);
            nameIndex = 0;
            var reader = new Utf8JsonReader(utf8Object, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("expected a JSON object");
            }

            ReadObject(ref reader, utf8Object, string.Empty, 0, fields);
            lastCount = fields.Count;
            return fields;
        }

        private static string Utf8(ReadOnlySpan<byte> bytes)
        {
#if NETSTANDARD2_0
            return Encoding.UTF8.GetString(bytes.ToArray());
#else
            return Encoding.UTF8.GetString(bytes);
#endif
        }

        private void ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8, string prefix, int depth, Dictionary<string, string> fields)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = prefix.Length == 0 ? PropertyName(ref reader) : prefix + reader.GetString();
                reader.Read();
                switch (reader.TokenType)
                {
                    case JsonTokenType.String:
                        fields[name] = reader.GetString()!;
                        break;
                    case JsonTokenType.Number:
                        fields[name] = Utf8(reader.ValueSpan);
                        break;
                    case JsonTokenType.True:
                        fields[name] = "True";
                        break;
                    case JsonTokenType.False:
                        fields[name] = "False";
                        break;
                    case JsonTokenType.Null:
                        break;
                    case JsonTokenType.StartObject when depth < MaxFlattenDepth:
                        ReadObject(ref reader, utf8, name + ".", depth + 1, fields);
                        break;
                    default:
                        fields[name] = RawValue(ref reader, utf8);
                        break;
                }
            }
        }

        private static string RawValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> utf8)
        {
            var start = (int)reader.TokenStartIndex;
            reader.Skip();
            var end = (int)reader.BytesConsumed;
            return Utf8(utf8.Slice(start, end - start));
        }

        /// <summary>The current property name, reused from the previous event when it sits at the same position.</summary>
        private string PropertyName(ref Utf8JsonReader reader)
        {
            var index = nameIndex++;
            // ValueTextEquals compares the unescaped name, so escaped spellings of a name match too.
            if (index < recentNames.Count && reader.ValueTextEquals(recentNames[index].Key))
            {
                return recentNames[index].Value;
            }

            var name = reader.GetString()!;
            if (index < MaxRememberedNames)
            {
                var entry = new KeyValuePair<byte[], string>(Encoding.UTF8.GetBytes(name), name);
                if (index < recentNames.Count)
                {
                    recentNames[index] = entry;
                }
                else if (index == recentNames.Count)
                {
                    recentNames.Add(entry);
                }
            }

            return name;
        }
    }
}
