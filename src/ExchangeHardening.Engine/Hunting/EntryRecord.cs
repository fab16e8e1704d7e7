using System;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// The entry an indicator is tested on (a log line or an event), read lazily: a field is only extracted, decoded
    /// or URL-decoded when a condition asks for it, and then kept for the other indicators testing the same entry.
    /// </summary>
    internal abstract class EntryRecord
    {
        private string?[] cache = Array.Empty<string?>();

        /// <summary>Forgets the previous entry's values; call before testing a new entry.</summary>
        public void Reset(int slots)
        {
            if (cache.Length < slots)
            {
                cache = new string?[slots];
            }
            else
            {
                Array.Clear(cache, 0, slots);
            }
        }

        /// <summary>The value of a field; empty when the entry has none (a missing column, IIS '-').</summary>
        public string Get(EntryField field)
        {
            var value = cache[field.Slot];
            if (value == null)
            {
                value = Read(field) ?? string.Empty;
                if (field.UrlDecode)
                {
                    value = UrlDecoding.Decode(value);
                }

                cache[field.Slot] = value;
            }

            return value;
        }

        /// <summary>The field as the source holds it (not URL-decoded); null when absent.</summary>
        protected abstract string? Read(EntryField field);
    }
}
