namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>A field an indicator condition reads, resolved for one source type; <see cref="Slot"/> indexes the per-entry value cache.</summary>
    internal sealed class EntryField
    {
        public EntryField(string name, EntryFieldKind kind, string nativeName, bool urlDecode, int slot)
        {
            Name = name;
            Kind = kind;
            NativeName = nativeName;
            UrlDecode = urlDecode;
            Slot = slot;
        }

        /// <summary>The name as the YAML wrote it.</summary>
        public string Name { get; }

        public EntryFieldKind Kind { get; }

        /// <summary>For <see cref="EntryFieldKind.Native"/>: the column or property name in this source (Stem is cs-uri-stem in IIS, UrlStem in HttpProxy).</summary>
        public string NativeName { get; }

        /// <summary>The value is URL-decoded before it is tested.</summary>
        public bool UrlDecode { get; }

        public int Slot { get; }
    }
}
