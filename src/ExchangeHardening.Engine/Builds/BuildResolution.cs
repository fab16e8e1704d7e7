namespace ExchangeHardening.Engine.Builds
{
    /// <summary>What the catalog says about one build: product, CU and the update installed on it.</summary>
    public sealed class BuildResolution
    {
        public BuildResolution(ExchangeBuild build, ProductInfo product, BuildInfo cumulativeUpdate, BuildInfo? update, bool isExact, bool isBeyondCatalog)
        {
            Build = build;
            Product = product;
            CumulativeUpdate = cumulativeUpdate;
            Update = update;
            IsExact = isExact;
            IsBeyondCatalog = isBeyondCatalog;
        }

        public ExchangeBuild Build { get; }

        public ProductInfo Product { get; }

        /// <summary>The CU release row: the highest CU whose release build is at or below the build.</summary>
        public BuildInfo CumulativeUpdate { get; }

        /// <summary>The newest update of that CU at or below the build; null when only the CU itself is installed.</summary>
        public BuildInfo? Update { get; }

        /// <summary>True when the catalog lists this exact build.</summary>
        public bool IsExact { get; }

        /// <summary>True when the build is newer than every build the catalog knows for its CU.</summary>
        public bool IsBeyondCatalog { get; }
    }
}
