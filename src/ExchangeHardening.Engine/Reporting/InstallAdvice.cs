using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Builds;

namespace ExchangeHardening.Engine.Reporting
{
    /// <summary>
    /// The update to install, split out of ServerExposureSummary.LatestUpdate ("Exchange2019 CU15 Aug26SU
    /// 15.2.1748.49 (KB5121574)") so the report can show update, build and KB in their own columns.
    /// </summary>
    public sealed class InstallAdvice
    {
        private static readonly Regex Shape = new Regex(
            @"^(?<product>\S+) (?<cu>\S+) (?<update>\S+) (?<build>\d+\.\d+\.\d+\.\d+)(?: \((?<kb>KB\d+)\))?$",
            RegexOptions.CultureInvariant);

        private InstallAdvice(string text, string cumulativeUpdate, string update, string build, string kb, bool needsCuUpgrade)
        {
            Text = text;
            CumulativeUpdate = cumulativeUpdate;
            Update = update;
            Build = build;
            Kb = kb;
            NeedsCumulativeUpdate = needsCuUpgrade;
        }

        public string Text { get; }

        public string CumulativeUpdate { get; }

        public string Update { get; }

        public string Build { get; }

        public string Kb { get; }

        /// <summary>The update belongs to a newer CU than the server runs: that CU must be installed first.</summary>
        public bool NeedsCumulativeUpdate { get; }

        /// <summary>Null when there is nothing to install or the text has another shape (then only the text is shown).</summary>
        public static InstallAdvice? From(string? latestUpdate, string? serverCumulativeUpdate, string? serverBuild)
        {
            if (string.IsNullOrWhiteSpace(latestUpdate))
            {
                return null;
            }

            var text = latestUpdate!.Trim();
            var match = Shape.Match(text);
            if (!match.Success)
            {
                return new InstallAdvice(text, string.Empty, text, string.Empty, string.Empty, false);
            }

            var build = match.Groups["build"].Value;
            if (ExchangeBuild.TryParse(serverBuild, out var installed) && ExchangeBuild.TryParse(build, out var latest) && installed >= latest)
            {
                return null; // the server already runs the latest update (or a newer one)
            }

            var cu = match.Groups["cu"].Value;
            var needsCu = !string.IsNullOrEmpty(serverCumulativeUpdate) && !string.Equals(cu, serverCumulativeUpdate, System.StringComparison.OrdinalIgnoreCase);
            return new InstallAdvice(text, cu, match.Groups["update"].Value, build, match.Groups["kb"].Value, needsCu);
        }
    }
}
