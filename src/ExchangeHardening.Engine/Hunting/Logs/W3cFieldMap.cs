using System;
using System.Collections.Generic;
using System.Text;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>The columns of an IIS W3C log as named by the #Fields directive in force.</summary>
    internal sealed class W3cFieldMap
    {
        public static readonly W3cFieldMap Default = new W3cFieldMap(EntryFields.IisDefaultColumns);

        private readonly Dictionary<string, int> ordinals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        public W3cFieldMap(IReadOnlyList<string> names)
        {
            Names = names;
            for (var i = 0; i < names.Count; i++)
            {
                if (!ordinals.ContainsKey(names[i]))
                {
                    ordinals.Add(names[i], i);
                }
            }

            Date = IndexOf("date");
            Time = IndexOf("time");
            ClientIp = IndexOf("c-ip");
            Computer = IndexOf("s-computername");
        }

        public IReadOnlyList<string> Names { get; }

        public int Count => Names.Count;

        public int Date { get; }

        public int Time { get; }

        public int ClientIp { get; }

        public int Computer { get; }

        /// <summary>Lines start with "date time": the time of a line can be read from its first bytes.</summary>
        public bool StartsWithDateTime => Date == 0 && Time == 1;

        /// <summary>From a "#Fields: date time ..." line.</summary>
        public static W3cFieldMap Parse(ReadOnlySpan<byte> directive)
        {
            var text = Encoding.UTF8.GetString(directive.ToArray());
            var colon = text.IndexOf(':');
            var names = text.Substring(colon + 1).Split(new[] { ' ', '\t' }, StringSplitOptions.RemoveEmptyEntries);
            return new W3cFieldMap(names);
        }

        public int IndexOf(string name) => ordinals.TryGetValue(name, out var index) ? index : -1;
    }
}
