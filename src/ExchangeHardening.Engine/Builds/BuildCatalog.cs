using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Builds
{
    /// <summary>Every known product, CU and update build, with the lookups evaluation needs
    /// (built once, then read many times).</summary>
    public sealed class BuildCatalog
    {
        private readonly Dictionary<string, ProductInfo> products;
        private readonly Dictionary<string, BuildInfo[]> buildsByProduct;
        private readonly Dictionary<string, BuildInfo[]> updatesByKey;
        private readonly Dictionary<string, BuildInfo> cuReleases;
        private readonly Dictionary<string, BuildInfo> newestByKey;
        private readonly Dictionary<string, BuildInfo> updateByCu;

        public BuildCatalog(IEnumerable<ProductInfo> products, IEnumerable<BuildInfo> builds)
        {
            this.products = products.ToDictionary(p => p.Id, StringComparer.OrdinalIgnoreCase);
            var all = builds.ToList();
            buildsByProduct = all
                .GroupBy(b => b.Product.Id, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.OrderBy(b => b.Build).ThenBy(b => b.IsCuRelease ? 0 : 1).ToArray(), StringComparer.OrdinalIgnoreCase);
            updatesByKey = all
                .Where(b => !b.IsCuRelease)
                .GroupBy(b => b.Product.Id + "|" + b.Update, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.OrderBy(b => b.Build).ToArray(), StringComparer.OrdinalIgnoreCase);
            cuReleases = new Dictionary<string, BuildInfo>(StringComparer.OrdinalIgnoreCase);
            foreach (var release in all.Where(b => b.IsCuRelease))
            {
                cuReleases[release.Product.Id + "|" + release.CumulativeUpdate] = release;
            }

            updateByCu = new Dictionary<string, BuildInfo>(StringComparer.OrdinalIgnoreCase);
            foreach (var update in all.Where(b => !b.IsCuRelease))
            {
                updateByCu[update.Product.Id + "|" + update.Update + "|" + update.CumulativeUpdate] = update;
            }

            // The newest CU (by CU release date) that received each key: the threshold of Microsoft's rule.
            newestByKey = updatesByKey.ToDictionary(
                p => p.Key,
                p => p.Value.OrderBy(b => CuRelease(b.Product.Id, b.CumulativeUpdate)?.Released ?? DateTime.MinValue).ThenBy(b => b.Build).Last(),
                StringComparer.OrdinalIgnoreCase);
        }

        public static BuildCatalog Empty { get; } = new BuildCatalog(Array.Empty<ProductInfo>(), Array.Empty<BuildInfo>());

        public IReadOnlyCollection<ProductInfo> Products => products.Values;

        public IEnumerable<BuildInfo> Builds => buildsByProduct.Values.SelectMany(b => b);

        public ProductInfo? FindProduct(string id) => products.TryGetValue(id, out var product) ? product : null;

        /// <summary>The product a build belongs to, by version prefix and build range (15.2.2562+ is SE).</summary>
        public ProductInfo? FindProduct(ExchangeBuild build) => products.Values.FirstOrDefault(p => p.Contains(build));

        public IReadOnlyList<BuildInfo> BuildsOf(string productId) =>
            buildsByProduct.TryGetValue(productId, out var builds) ? builds : Array.Empty<BuildInfo>();

        /// <summary>The builds (one per CU that received it) of an update key for one product.</summary>
        public IReadOnlyList<BuildInfo> UpdateBuilds(string productId, string updateKey) =>
            updatesByKey.TryGetValue(productId + "|" + updateKey, out var builds) ? builds : Array.Empty<BuildInfo>();

        public bool HasUpdate(string productId, string updateKey) => updatesByKey.ContainsKey(productId + "|" + updateKey);

        /// <summary>
        /// Resolves a build to product, CU and installed update. The CU is the highest CU whose release
        /// build is at or below the build (Health Checker's rule); null when no product or CU fits.
        /// </summary>
        public BuildResolution? Resolve(ExchangeBuild build)
        {
            var product = FindProduct(build);
            if (product == null)
            {
                return null;
            }

            var builds = BuildsOf(product.Id);
            var cu = builds.Where(b => b.IsCuRelease && b.Build <= build).OrderBy(b => b.Build).LastOrDefault();
            if (cu == null)
            {
                return null;
            }

            var ofCu = builds.Where(b => string.Equals(b.CumulativeUpdate, cu.CumulativeUpdate, StringComparison.OrdinalIgnoreCase)).ToList();
            // Among updates with the same build (the Feb19SU alias of a CU release) the CU release counts as installed.
            var update = ofCu.Where(b => !b.IsCuRelease && b.Build <= build && b.Build > cu.Build).OrderBy(b => b.Build).LastOrDefault();
            var isExact = ofCu.Any(b => b.Build == build);
            var isBeyond = build > ofCu.Max(b => b.Build);
            return new BuildResolution(build, product, cu, update, isExact, isBeyond);
        }

        /// <summary>The CU release row of a CU, or null.</summary>
        public BuildInfo? CuRelease(string productId, string cumulativeUpdate) =>
            cuReleases.TryGetValue(productId + "|" + cumulativeUpdate, out var release) ? release : null;

        /// <summary>The build of an update key on the newest CU (by CU release date) that received it, or null.</summary>
        public BuildInfo? NewestUpdateBuild(string productId, string updateKey) =>
            newestByKey.TryGetValue(productId + "|" + updateKey, out var build) ? build : null;

        /// <summary>The build of an update key on one CU, or null when that CU never received it.</summary>
        public BuildInfo? UpdateBuild(string productId, string updateKey, string cumulativeUpdate) =>
            updateByCu.TryGetValue(productId + "|" + updateKey + "|" + cumulativeUpdate, out var build) ? build : null;
    }
}
