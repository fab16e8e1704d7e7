using System;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ExchangeHardening.Engine.Builds
{
    /// <summary>
    /// An Exchange build number (major.minor.build.revision), parsed from any spelling admins meet:
    /// ExSetup.exe's zero-padded file version (15.02.1748.024), the plain form (15.2.1748.24)
    /// and AdminDisplayVersion ("Version 15.2 (Build 1748.24)").
    /// </summary>
    public readonly struct ExchangeBuild : IComparable<ExchangeBuild>, IEquatable<ExchangeBuild>
    {
        private static readonly Regex AdminDisplayVersionPattern = new Regex(
            @"^\s*Version\s+(?<major>\d+)\.(?<minor>\d+)\s*\(\s*Build\s+(?<build>\d+)\.(?<revision>\d+)\s*\)\s*$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex DottedPattern = new Regex(
            @"^\s*(?<major>\d{1,4})\.(?<minor>\d{1,4})\.(?<build>\d{1,6})\.(?<revision>\d{1,6})\s*$",
            RegexOptions.CultureInvariant);

        public ExchangeBuild(int major, int minor, int build, int revision)
        {
            if (major < 0 || minor < 0 || build < 0 || revision < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(major), "Build number parts cannot be negative.");
            }

            Major = major;
            Minor = minor;
            Build = build;
            Revision = revision;
        }

        public int Major { get; }

        public int Minor { get; }

        public int Build { get; }

        public int Revision { get; }

        /// <summary>The version prefix that names the product line, e.g. "15.2".</summary>
        public string VersionPrefix => Major.ToString(CultureInfo.InvariantCulture) + "." + Minor.ToString(CultureInfo.InvariantCulture);

        public static ExchangeBuild Parse(string text)
        {
            if (TryParse(text, out var build, out var error))
            {
                return build;
            }

            throw new FormatException(error);
        }

        public static bool TryParse(string? text, out ExchangeBuild build) => TryParse(text, out build, out _);

        public static bool TryParse(string? text, out ExchangeBuild build, out string error)
        {
            build = default;
            if (string.IsNullOrWhiteSpace(text))
            {
                error = "The build number is empty.";
                return false;
            }

            var match = DottedPattern.Match(text);
            if (!match.Success)
            {
                match = AdminDisplayVersionPattern.Match(text);
            }

            if (!match.Success)
            {
                error = $"'{text}' is not an Exchange build number; expected a form like 15.2.1748.24, 15.02.1748.024 or 'Version 15.2 (Build 1748.24)'.";
                return false;
            }

            build = new ExchangeBuild(
                ParsePart(match, "major"),
                ParsePart(match, "minor"),
                ParsePart(match, "build"),
                ParsePart(match, "revision"));
            error = string.Empty;
            return true;
        }

        /// <summary>True when the text is an AdminDisplayVersion string, which names only the CU, not the installed update.</summary>
        public static bool IsAdminDisplayVersion(string? text) => text != null && AdminDisplayVersionPattern.IsMatch(text);

        public static ExchangeBuild FromVersion(Version version) =>
            new ExchangeBuild(version.Major, version.Minor, Math.Max(version.Build, 0), Math.Max(version.Revision, 0));

        public int CompareTo(ExchangeBuild other)
        {
            var result = Major.CompareTo(other.Major);
            if (result == 0) result = Minor.CompareTo(other.Minor);
            if (result == 0) result = Build.CompareTo(other.Build);
            if (result == 0) result = Revision.CompareTo(other.Revision);
            return result;
        }

        public bool Equals(ExchangeBuild other) => CompareTo(other) == 0;

        public override bool Equals(object? obj) => obj is ExchangeBuild other && Equals(other);

        public override int GetHashCode() => ((Major * 31 + Minor) * 131071 + Build) * 8191 + Revision;

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}.{1}.{2}.{3}", Major, Minor, Build, Revision);

        /// <summary>The zero-padded spelling ExSetup.exe shows, e.g. 15.02.1748.024.</summary>
        public string ToFileVersionString() => string.Format(CultureInfo.InvariantCulture, "{0:00}.{1:00}.{2:0000}.{3:000}", Major, Minor, Build, Revision);

        public static bool operator ==(ExchangeBuild left, ExchangeBuild right) => left.Equals(right);

        public static bool operator !=(ExchangeBuild left, ExchangeBuild right) => !left.Equals(right);

        public static bool operator <(ExchangeBuild left, ExchangeBuild right) => left.CompareTo(right) < 0;

        public static bool operator >(ExchangeBuild left, ExchangeBuild right) => left.CompareTo(right) > 0;

        public static bool operator <=(ExchangeBuild left, ExchangeBuild right) => left.CompareTo(right) <= 0;

        public static bool operator >=(ExchangeBuild left, ExchangeBuild right) => left.CompareTo(right) >= 0;

        private static int ParsePart(Match match, string group) => int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);
    }
}
