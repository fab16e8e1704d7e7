using System;
using System.Collections.Generic;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>The fields the indicators of one source read, each with its cache slot; the same field read twice shares a slot.</summary>
    internal sealed class EntryFieldTable
    {
        private readonly Dictionary<string, EntryField> fields = new Dictionary<string, EntryField>(StringComparer.OrdinalIgnoreCase);

        public EntryFieldTable(EvidenceSourceType source)
        {
            Source = source;
        }

        public EvidenceSourceType Source { get; }

        public int Count => fields.Count;

        /// <summary>The field for <paramref name="name"/>; null when the source has no such field.</summary>
        public EntryField? Resolve(string name, bool urlDecode)
        {
            var key = (urlDecode ? "decoded:" : "raw:") + name;
            if (fields.TryGetValue(key, out var field))
            {
                return field;
            }

            if (!EntryFields.TryResolve(Source, name, out var kind, out var nativeName))
            {
                return null;
            }

            field = new EntryField(name, kind, nativeName, urlDecode, fields.Count);
            fields.Add(key, field);
            return field;
        }
    }
}
