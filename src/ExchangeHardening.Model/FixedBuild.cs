using System;

namespace ExchangeHardening
{
    /// <summary>The build that fixes a vulnerability on one CU: what to install, by name, build and KB.</summary>
    public sealed class FixedBuild
    {
        public FixedBuild(string product, string cumulativeUpdate, string update, string build, string? kb, DateTime? released)
        {
            Product = product;
            CumulativeUpdate = cumulativeUpdate;
            Update = update;
            Build = build;
            Kb = kb;
            Released = released;
        }

        public string Product { get; }

        public string CumulativeUpdate { get; }

        public string Update { get; }

        public string Build { get; }

        public string? Kb { get; }

        public DateTime? Released { get; }

        public override string ToString() => $"{Product} {CumulativeUpdate} {Update} {Build}" + (Kb == null ? string.Empty : " " + Kb);
    }
}
