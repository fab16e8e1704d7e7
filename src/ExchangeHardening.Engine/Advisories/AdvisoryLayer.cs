using System.Collections.Generic;

namespace ExchangeHardening.Engine.Advisories
{
    /// <summary>One source of YAML data (shipped, environment variable, -AdvisoryPath). Later layers override earlier ones.</summary>
    public sealed class AdvisoryLayer
    {
        public AdvisoryLayer(string name, IReadOnlyList<string> paths)
        {
            Name = name;
            Paths = paths;
        }

        public string Name { get; }

        public IReadOnlyList<string> Paths { get; }
    }
}
