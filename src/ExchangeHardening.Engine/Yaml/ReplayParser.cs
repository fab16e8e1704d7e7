using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ExchangeHardening.Engine.Yaml
{
    /// <summary>Replays buffered parsing events, so one YAML document can be inspected (its kind)
    /// before it is deserialized into the class that kind asks for.</summary>
    internal sealed class ReplayParser : IParser
    {
        private readonly IReadOnlyList<ParsingEvent> events;
        private int index = -1;

        public ReplayParser(IReadOnlyList<ParsingEvent> events)
        {
            this.events = events;
        }

        public ParsingEvent? Current => index >= 0 && index < events.Count ? events[index] : null;

        public bool MoveNext()
        {
            if (index < events.Count)
            {
                index++;
            }

            return index < events.Count;
        }
    }
}
