using System;
using System.Diagnostics;
using System.Globalization;
using ExchangeHardening.Engine.Builds;

namespace ExchangeHardening.Input
{
    /// <summary>
    /// Turns every spelling of an Exchange build into an <see cref="ExchangeBuild"/>: strings (15.02.1748.024,
    /// 15.2.1748.24, "Version 15.2 (Build 1118.7)"), System.Version, FileVersionInfo (live or deserialized) and
    /// AdminDisplayVersion (a ServerVersion, its property bag, or its string).
    /// </summary>
    internal static class BuildReader
    {
        public static bool TryRead(object? value, out ExchangeBuild build, out BuildSource source, out string error)
        {
            build = default;
            source = BuildSource.FileVersion;
            value = PowerShellValue.Unwrap(value);
            switch (value)
            {
                case null:
                    error = "No build was given.";
                    return false;
                case ExchangeBuild exchangeBuild:
                    build = exchangeBuild;
                    error = string.Empty;
                    return true;
                case Version version:
                    build = ExchangeBuild.FromVersion(version);
                    error = string.Empty;
                    return true;
                case FileVersionInfo info:
                    return FromParts(info.FileMajorPart, info.FileMinorPart, info.FileBuildPart, info.FilePrivatePart, info.FileVersion, out build, out error);
                case string text:
                    return FromText(text, out build, out source, out error);
            }

            // A deserialized FileVersionInfo (remoting, Import-Clixml) keeps its numeric parts.
            if (PowerShellValue.HasProperty(value, "FileMajorPart"))
            {
                return FromParts(
                    Number(PowerShellValue.Property(value, "FileMajorPart")),
                    Number(PowerShellValue.Property(value, "FileMinorPart")),
                    Number(PowerShellValue.Property(value, "FileBuildPart")),
                    Number(PowerShellValue.Property(value, "FilePrivatePart")),
                    PowerShellValue.Property(value, "FileVersion") as string,
                    out build,
                    out error);
            }

            if (PowerShellValue.Property(value, "FileVersion") is string fileVersion)
            {
                return FromText(fileVersion, out build, out source, out error);
            }

            // AdminDisplayVersion: a live ServerVersion or its property bag; its text names the CU build.
            var shown = PowerShellValue.Text(value);
            if (shown != null && ExchangeBuild.IsAdminDisplayVersion(shown))
            {
                return FromText(shown, out build, out source, out error);
            }

            if (PowerShellValue.HasProperty(value, "Major") && PowerShellValue.HasProperty(value, "Build"))
            {
                build = new ExchangeBuild(
                    Number(PowerShellValue.Property(value, "Major")),
                    Number(PowerShellValue.Property(value, "Minor")),
                    Number(PowerShellValue.Property(value, "Build")),
                    Math.Max(0, Number(PowerShellValue.Property(value, "Revision"))));
                error = string.Empty;
                return true;
            }

            error = $"'{shown}' is not an Exchange build; expected a build such as 15.2.1748.24, an ExSetup.exe FileVersionInfo or an AdminDisplayVersion.";
            return false;
        }

        private static bool FromText(string text, out ExchangeBuild build, out BuildSource source, out string error)
        {
            source = ExchangeBuild.IsAdminDisplayVersion(text) ? BuildSource.AdminDisplayVersion : BuildSource.FileVersion;
            return ExchangeBuild.TryParse(text, out build, out error);
        }

        private static bool FromParts(int major, int minor, int buildPart, int revision, string? fallback, out ExchangeBuild build, out string error)
        {
            if (major > 0)
            {
                build = new ExchangeBuild(major, minor, buildPart, revision);
                error = string.Empty;
                return true;
            }

            build = default;
            if (fallback != null && ExchangeBuild.TryParse(fallback, out build, out error))
            {
                return true;
            }

            error = "The file version information carries no version; is it really ExSetup.exe?";
            return false;
        }

        private static int Number(object? value)
        {
            value = PowerShellValue.Unwrap(value);
            try
            {
                return value == null ? 0 : Convert.ToInt32(value, CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is FormatException || ex is InvalidCastException || ex is OverflowException)
            {
                return 0;
            }
        }
    }
}
