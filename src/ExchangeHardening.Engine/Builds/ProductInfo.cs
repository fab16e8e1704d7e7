using System;

namespace ExchangeHardening.Engine.Builds
{
    /// <summary>A product line (Exchange 2013, 2016, 2019, SE): how to recognise its builds and its lifecycle.</summary>
    public sealed class ProductInfo
    {
        public ProductInfo(string id, string name, string versionPrefix, int? buildFrom, int? buildBelow, DateTime? released, DateTime? mainstreamSupportEnd, DateTime? endOfSupport, string? emergencyMitigationFrom, string? successor, string? emergencyMitigationMinimumUpdate = null, string? emergencyMitigationDefinitionsUpdate = null)
        {
            EmergencyMitigationMinimumUpdate = emergencyMitigationMinimumUpdate;
            EmergencyMitigationDefinitionsUpdate = emergencyMitigationDefinitionsUpdate;
            Id = id;
            Name = name;
            VersionPrefix = versionPrefix;
            BuildFrom = buildFrom;
            BuildBelow = buildBelow;
            Released = released;
            MainstreamSupportEnd = mainstreamSupportEnd;
            EndOfSupport = endOfSupport;
            EmergencyMitigationFrom = emergencyMitigationFrom;
            Successor = successor;
        }

        public string Id { get; }

        public string Name { get; }

        public string VersionPrefix { get; }

        public int? BuildFrom { get; }

        public int? BuildBelow { get; }

        public DateTime? Released { get; }

        public DateTime? MainstreamSupportEnd { get; }

        public DateTime? EndOfSupport { get; }

        public string? EmergencyMitigationFrom { get; }

        public string? Successor { get; }

        /// <summary>Update key below which the EM service cannot validate Microsoft's signing certificate (Mar23SU).</summary>
        public string? EmergencyMitigationMinimumUpdate { get; }

        /// <summary>Update key below which the EM service cannot use newer mitigation definitions (Jun26SU).</summary>
        public string? EmergencyMitigationDefinitionsUpdate { get; }

        /// <summary>True when the build belongs to this product (version prefix and third-number range).</summary>
        public bool Contains(ExchangeBuild build) =>
            build.VersionPrefix == VersionPrefix
            && (!BuildFrom.HasValue || build.Build >= BuildFrom.Value)
            && (!BuildBelow.HasValue || build.Build < BuildBelow.Value);

        public bool IsSupportedOn(DateTime date) => !EndOfSupport.HasValue || date.Date <= EndOfSupport.Value.Date;

        public override string ToString() => Id;
    }
}
