using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Builds
{
    /// <summary>Turns BuildCatalog resources into a <see cref="BuildCatalog"/>; a bad row is reported and skipped.</summary>
    internal sealed class BuildCatalogBuilder
    {
        internal static readonly Regex UpdateKeyPattern = new Regex(@"^(RTM|[A-Z][a-z]{2}\d{2}(SU|SUv\d+|HU))$", RegexOptions.CultureInvariant);
        private static readonly Regex VersionPattern = new Regex(@"^\d+\.\d+$", RegexOptions.CultureInvariant);
        private static readonly Regex KbPattern = new Regex(@"^KB\d+$", RegexOptions.CultureInvariant);

        private readonly List<ResourceLoadError> errors;

        public BuildCatalogBuilder(List<ResourceLoadError> errors)
        {
            this.errors = errors;
        }

        public BuildCatalog Build(IEnumerable<ResourceRecord> records)
        {
            var products = new List<ProductInfo>();
            var builds = new List<BuildInfo>();
            foreach (var record in records)
            {
                var spec = (BuildCatalogSpec)record.Spec;
                var product = ReadProduct(record, spec);
                if (product == null)
                {
                    continue;
                }

                var existing = products.FirstOrDefault(p => string.Equals(p.Id, product.Id, StringComparison.OrdinalIgnoreCase));
                if (existing != null)
                {
                    Error(record.File, spec.Product!, $"Product '{product.Id}' is described by two catalogs; give each product one BuildCatalog.");
                    continue;
                }

                products.Add(product);
                builds.AddRange(ReadBuilds(record, spec, product));
            }

            return new BuildCatalog(products, builds);
        }

        private ProductInfo? ReadProduct(ResourceRecord record, BuildCatalogSpec spec)
        {
            var p = spec.Product;
            if (p == null)
            {
                Error(record.File, spec, "The catalog has no 'product'.");
                return null;
            }

            if (string.IsNullOrWhiteSpace(p.Id) || string.IsNullOrWhiteSpace(p.Name))
            {
                Error(record.File, p, "The product needs an 'id' and a 'name'.");
                return null;
            }

            if (p.Version == null || !VersionPattern.IsMatch(p.Version))
            {
                Error(record.File, p, $"The product version '{p.Version}' is not of the form major.minor (e.g. '15.2').");
                return null;
            }

            if (p.BuildFrom.HasValue && p.BuildBelow.HasValue && p.BuildFrom >= p.BuildBelow)
            {
                Error(record.File, p, "'buildFrom' must be lower than 'buildBelow'.");
                return null;
            }

            foreach (var key in new[] { p.EmergencyMitigationMinimumUpdate, p.EmergencyMitigationDefinitionsUpdate })
            {
                if (key != null && (!UpdateKeyPattern.IsMatch(key) || key == BuildInfo.CuRelease))
                {
                    Error(record.File, p, $"'{key}' is not an update key; expected MmmYYSU, MmmYYSUv2 or MmmYYHU.");
                    return null;
                }
            }

            return new ProductInfo(p.Id!, p.Name!, p.Version!, p.BuildFrom, p.BuildBelow, p.Released, p.MainstreamSupportEnd, p.EndOfSupport, p.EmergencyMitigationFrom, p.Successor, p.EmergencyMitigationMinimumUpdate, p.EmergencyMitigationDefinitionsUpdate);
        }

        private IEnumerable<BuildInfo> ReadBuilds(ResourceRecord record, BuildCatalogSpec spec, ProductInfo product)
        {
            var rows = new List<BuildInfo>();
            var seen = new Dictionary<string, BuildSpec>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in spec.Builds ?? new List<BuildSpec>())
            {
                if (string.IsNullOrWhiteSpace(row.Cu) || string.IsNullOrWhiteSpace(row.Update) || string.IsNullOrWhiteSpace(row.Build))
                {
                    Error(record.File, row, "A build row needs 'cu', 'update' and 'build'.");
                    continue;
                }

                if (!UpdateKeyPattern.IsMatch(row.Update))
                {
                    Error(record.File, row, $"'{row.Update}' is not an update key; expected RTM or MmmYYSU, MmmYYSUv2, MmmYYHU (e.g. Mar21SU).");
                    continue;
                }

                if (!ExchangeBuild.TryParse(row.Build, out var build, out var parseError) || ExchangeBuild.IsAdminDisplayVersion(row.Build))
                {
                    Error(record.File, row, parseError.Length > 0 ? parseError : $"'{row.Build}' must be a four-part build number.");
                    continue;
                }

                if (!product.Contains(build))
                {
                    Error(record.File, row, $"Build {build} does not belong to {product.Id} (version {product.VersionPrefix}" + RangeText(product) + ").");
                    continue;
                }

                if (row.Kb != null && !KbPattern.IsMatch(row.Kb))
                {
                    Error(record.File, row, $"'{row.Kb}' is not a KB number; expected KB followed by digits.");
                    continue;
                }

                var key = row.Cu + "|" + row.Update;
                if (seen.TryGetValue(key, out var first))
                {
                    Error(record.File, row, $"{product.Id} {row.Cu} {row.Update} is listed twice (first at line {first.Line}); keep one row and put the other value in a comment.");
                    continue;
                }

                seen[key] = row;
                rows.Add(new BuildInfo(product, row.Cu!, row.Update!, build, row.Released, row.Kb, row.Source, row.Note));
            }

            foreach (var cu in rows.GroupBy(r => r.CumulativeUpdate, StringComparer.OrdinalIgnoreCase))
            {
                if (!cu.Any(r => r.IsCuRelease))
                {
                    Error(record.File, spec, $"{product.Id} {cu.Key} has updates but no RTM row for the CU release itself.");
                }
            }

            return rows;
        }

        private static string RangeText(ProductInfo product) =>
            (product.BuildFrom.HasValue ? $", build from {product.BuildFrom}" : string.Empty)
            + (product.BuildBelow.HasValue ? $", build below {product.BuildBelow}" : string.Empty);

        private void Error(string file, LocatedNode node, string message) => errors.Add(new ResourceLoadError(node.LocationIn(file), message));
    }
}
