using System;
using System.Globalization;
using System.Linq;
using ExchangeHardening.Engine.Builds;

namespace ExchangeHardening.Engine.Exposure
{
    /// <summary>
    /// Microsoft's rule (as Health Checker applies it) for one update key K:
    /// a product without any K build is not affected; a build at or above K on the newest CU that received K is
    /// patched; otherwise the server is patched only when its own CU received K and the build is at or above it;
    /// a CU that never received K stays vulnerable. Keys older than the year of the server's CU are not evaluated.
    /// </summary>
    internal static class FixRule
    {
        public static KeyOutcome? Check(BuildCatalog catalog, BuildResolution server, BuildSource source, string key)
        {
            var newest = catalog.NewestUpdateBuild(server.Product.Id, key);
            if (newest == null)
            {
                return null; // the product never received the key: not affected
            }

            var cuYear = server.CumulativeUpdate.Released?.Year;
            var keyYear = KeyYear(key);
            if (cuYear.HasValue && keyYear.HasValue && keyYear.Value < cuYear.Value % 100)
            {
                return new KeyOutcome(ExposureStatus.Patched, null, $"{server.CumulativeUpdate.CumulativeUpdate} was released after {key} and contains its fixes.");
            }

            if (server.Build >= newest.Build)
            {
                return new KeyOutcome(ExposureStatus.Patched, newest, $"Build {server.Build} is at or above {Describe(newest)}.");
            }

            var own = catalog.UpdateBuild(server.Product.Id, key, server.CumulativeUpdate.CumulativeUpdate);
            if (own != null)
            {
                if (server.Build >= own.Build)
                {
                    return new KeyOutcome(ExposureStatus.Patched, own, $"Build {server.Build} is at or above {Describe(own)}.");
                }

                if (source == BuildSource.AdminDisplayVersion)
                {
                    return new KeyOutcome(ExposureStatus.Unknown, own, $"Only AdminDisplayVersion is known, which names the CU ({server.CumulativeUpdate.CumulativeUpdate}) but not the installed update; {Describe(own)} fixes it.");
                }

                return new KeyOutcome(ExposureStatus.Vulnerable, own, $"Build {server.Build} is below {Describe(own)}.");
            }

            var cus = string.Join(", ", catalog.UpdateBuilds(server.Product.Id, key).Select(b => b.CumulativeUpdate).Distinct());
            return new KeyOutcome(ExposureStatus.Vulnerable, newest, $"{server.Product.Id} {server.CumulativeUpdate.CumulativeUpdate} never received {key}; it exists only for {cus}, so the server must move to one of those CUs (or a later one) and install it.");
        }

        public static string Describe(BuildInfo build) => build.Label;

        private static int? KeyYear(string key) =>
            key.Length >= 5 && int.TryParse(key.Substring(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : (int?)null;
    }
}
