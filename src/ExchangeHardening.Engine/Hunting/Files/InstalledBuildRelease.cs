using System;
using System.Globalization;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// When the installed build came out: the release date of the server's update (or CU) in the catalog. It stands
    /// in for the install date, which no evidence here records; the server cannot have been updated before it.
    /// </summary>
    internal sealed class InstalledBuildRelease
    {
        private InstalledBuildRelease(DateTime releasedUtc, string label)
        {
            ReleasedUtc = releasedUtc;
            Label = label;
        }

        /// <summary>The release day, as midnight UTC.</summary>
        public DateTime ReleasedUtc { get; }

        /// <summary>"Exchange2019 CU14 Apr24HU (15.2.1544.11), released 2024-04-23".</summary>
        public string Label { get; }

        /// <summary>Null when the build is not given, not in the catalog, newer than every build the catalog knows for its CU, or undated.</summary>
        public static InstalledBuildRelease? Of(HuntContext context)
        {
            if (context.Build == null)
            {
                return null;
            }

            var resolution = context.Store.Catalog.Resolve(context.Build.Value);
            if (resolution == null || resolution.IsBeyondCatalog)
            {
                return null;
            }

            var installed = resolution.Update ?? resolution.CumulativeUpdate;
            if (installed.Released == null)
            {
                return null;
            }

            var released = DateTime.SpecifyKind(installed.Released.Value.Date, DateTimeKind.Utc);
            return new InstalledBuildRelease(released, $"{installed.DisplayName} ({context.Build.Value}), released {released.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        }
    }
}
