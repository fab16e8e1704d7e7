using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>
    /// Works out which IIS level a web.config configures from where it lies. Paths are compared by their trailing
    /// folder names, case-insensitively and with either separator, so a copy of a server's tree under any folder
    /// (or a Windows path read on another system) resolves the same way as the live files.
    /// </summary>
    public static class IisScopeResolver
    {
        // Places named by Microsoft: the Default Web Site root (%SystemDrive%\inetpub\wwwroot) and the front-end OWA and
        // ECP virtual directories (<ExchangeInstallPath>\FrontEnd\HttpProxy\owa and \ecp).
        private static readonly (string[] Suffix, string Path)[] KnownPlaces =
        {
            (new[] { "inetpub", "wwwroot", "web.config" }, IisRuleScope.DefaultWebSite),
            (new[] { "FrontEnd", "HttpProxy", "owa", "web.config" }, IisRuleScope.DefaultWebSite + "/owa"),
            (new[] { "FrontEnd", "HttpProxy", "ecp", "web.config" }, IisRuleScope.DefaultWebSite + "/ecp"),
        };

        /// <summary>
        /// The level of a web.config: a known place first; then a virtual directory of applicationHost.config whose
        /// physical folder the file's folder ends with (longest match wins); then any other front-end folder
        /// FrontEnd\HttpProxy\&lt;name&gt; as "Default Web Site/&lt;name&gt;" (Exchange puts the front-end virtual
        /// directories of the Default Web Site there); otherwise unknown.
        /// </summary>
        public static IisRuleScope ForWebConfig(string filePath, IEnumerable<IisVirtualDirectory> virtualDirectories)
        {
            var segments = Segments(filePath);
            foreach (var (suffix, path) in KnownPlaces)
            {
                if (EndsWith(segments, suffix))
                {
                    return IisRuleScope.ForPath(path);
                }
            }

            var folder = segments.Take(Math.Max(0, segments.Length - 1)).ToArray();
            var mapped = virtualDirectories
                .Select(v => (Directory: v, Physical: PhysicalSegments(v.PhysicalPath)))
                .Where(v => v.Physical.Length > 0 && EndsWith(folder, v.Physical))
                .OrderByDescending(v => v.Physical.Length)
                .ThenBy(v => v.Directory.Scope.Path?.Length ?? 0)
                .Select(v => v.Directory.Scope)
                .FirstOrDefault();
            if (mapped != null)
            {
                return mapped;
            }

            if (segments.Length >= 4
                && string.Equals(segments[segments.Length - 4], "FrontEnd", StringComparison.OrdinalIgnoreCase)
                && string.Equals(segments[segments.Length - 3], "HttpProxy", StringComparison.OrdinalIgnoreCase))
            {
                return IisRuleScope.ForPath(IisRuleScope.DefaultWebSite + "/" + segments[segments.Length - 2]);
            }

            return IisRuleScope.Unknown(Path.GetDirectoryName(filePath) ?? filePath);
        }

        private static string[] Segments(string path) => path.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries);

        /// <summary>A physical path without its root: "C:", "%SystemDrive%", "%windir%" say nothing about a copied tree.</summary>
        private static string[] PhysicalSegments(string physicalPath)
        {
            var segments = Segments(physicalPath.Trim());
            if (segments.Length > 0 && (segments[0].EndsWith(":", StringComparison.Ordinal) || (segments[0].StartsWith("%", StringComparison.Ordinal) && segments[0].EndsWith("%", StringComparison.Ordinal))))
            {
                return segments.Skip(1).ToArray();
            }

            return segments;
        }

        private static bool EndsWith(string[] segments, string[] suffix)
        {
            if (suffix.Length > segments.Length)
            {
                return false;
            }

            var offset = segments.Length - suffix.Length;
            for (var i = 0; i < suffix.Length; i++)
            {
                if (!string.Equals(segments[offset + i], suffix[i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
