using System;

namespace ExchangeHardening.Engine.Builds
{
    /// <summary>One catalog row: a CU release (Update = RTM) or a security/hotfix update for that CU.</summary>
    public sealed class BuildInfo
    {
        public const string CuRelease = "RTM";

        public BuildInfo(ProductInfo product, string cumulativeUpdate, string update, ExchangeBuild build, DateTime? released, string? kb, string? source, string? note)
        {
            Product = product;
            CumulativeUpdate = cumulativeUpdate;
            Update = update;
            Build = build;
            Released = released;
            Kb = kb;
            Source = source;
            Note = note;
        }

        private string? label;
        private string? installName;

        public ProductInfo Product { get; }

        public string CumulativeUpdate { get; }

        public string Update { get; }

        public ExchangeBuild Build { get; }

        public DateTime? Released { get; }

        public string? Kb { get; }

        public string? Source { get; }

        public string? Note { get; }

        public bool IsCuRelease => Update == CuRelease;

        /// <summary>A readable name such as "Exchange2019 CU15 Feb26SU".</summary>
        public string DisplayName => IsCuRelease ? $"{Product.Id} {CumulativeUpdate}" : $"{Product.Id} {CumulativeUpdate} {Update}";

        /// <summary>"Feb26SU for CU15 (15.2.1748.43, KB5074993)": how reasons name a fixing build (made once, used in many records).</summary>
        public string Label => label ?? (label = $"{Update} for {CumulativeUpdate} ({Build}{(Kb == null ? string.Empty : ", " + Kb)})");

        /// <summary>"Exchange2019 CU15 Feb26SU 15.2.1748.43 (KB5074993)": what to install.</summary>
        public string InstallName => installName ?? (installName = $"{Product.Id} {CumulativeUpdate} {Update} {Build}" + (Kb == null ? string.Empty : " (" + Kb + ")"));

        public override string ToString() => $"{DisplayName} ({Build})";
    }
}
