using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>
    /// Where in the IIS configuration hierarchy an entry applies: the server (applicationHost.config outside any
    /// location), a site ("Default Web Site") or a path below it ("Default Web Site/owa"). A web.config whose place
    /// could not be worked out has an unknown scope (<see cref="Path"/> null).
    /// </summary>
    public sealed class IisRuleScope : IEquatable<IisRuleScope>
    {
        public const string DefaultWebSite = "Default Web Site";

        private IisRuleScope(string? path, string description)
        {
            Path = path;
            Description = description;
        }

        /// <summary>The server level: applicationHost.config outside a location, or &lt;location path=""&gt;.</summary>
        public static IisRuleScope Server { get; } = new IisRuleScope(string.Empty, "Server");

        /// <summary>IIS configuration path below the server ("" = server, "Default Web Site/owa"); null when unknown.</summary>
        public string? Path { get; }

        public bool IsKnown => Path != null;

        /// <summary>Human text: "Server", "Default Web Site/owa" or "unknown place (folder)".</summary>
        public string Description { get; }

        /// <summary>The mitigation location this scope is, if it is one of the four the data names; null otherwise.</summary>
        public RewriteLocation? Location
        {
            get
            {
                foreach (RewriteLocation location in Enum.GetValues(typeof(RewriteLocation)))
                {
                    if (Equals(ForLocation(location)))
                    {
                        return location;
                    }
                }

                return null;
            }
        }

        /// <summary>A site path such as "Default Web Site/owa"; slashes and backslashes both separate, ends are trimmed.</summary>
        public static IisRuleScope ForPath(string path)
        {
            var segments = Split(path);
            if (segments.Length == 0 || (segments.Length == 1 && segments[0] == "."))
            {
                return Server;
            }

            var normalised = string.Join("/", segments);
            return new IisRuleScope(normalised, normalised);
        }

        /// <summary>A web.config (or location) whose place in IIS is not known; compared as if it were in place.</summary>
        public static IisRuleScope Unknown(string where) => new IisRuleScope(null, "unknown place (" + where + ")");

        public static IisRuleScope ForLocation(RewriteLocation location)
        {
            switch (location)
            {
                case RewriteLocation.Server:
                    return Server;
                case RewriteLocation.DefaultWebSite:
                    return ForPath(DefaultWebSite);
                case RewriteLocation.OwaVirtualDirectory:
                    return ForPath(DefaultWebSite + "/owa");
                case RewriteLocation.EcpVirtualDirectory:
                    return ForPath(DefaultWebSite + "/ecp");
                default:
                    throw new ArgumentOutOfRangeException(nameof(location), location, null);
            }
        }

        /// <summary>A location path relative to this scope, as in a web.config &lt;location path="owa"&gt;.</summary>
        public IisRuleScope Child(string relativePath)
        {
            if (Path == null)
            {
                return this;
            }

            var relative = Split(relativePath);
            if (relative.Length == 0 || (relative.Length == 1 && relative[0] == "."))
            {
                return this;
            }

            return ForPath(Path.Length == 0 ? string.Join("/", relative) : Path + "/" + string.Join("/", relative));
        }

        /// <summary>True when <paramref name="other"/> is this scope or below it, i.e. inherits what is defined here.</summary>
        public bool Contains(IisRuleScope other)
        {
            if (Path == null || other.Path == null)
            {
                return false;
            }

            if (Path.Length == 0)
            {
                return true;
            }

            return string.Equals(Path, other.Path, StringComparison.OrdinalIgnoreCase)
                || other.Path.StartsWith(Path + "/", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The levels a request at this scope inherits from, server first, this scope last; empty when unknown.</summary>
        public IReadOnlyList<IisRuleScope> Ancestry()
        {
            if (Path == null)
            {
                return Array.Empty<IisRuleScope>();
            }

            var levels = new List<IisRuleScope> { Server };
            var segments = Split(Path);
            for (var i = 1; i <= segments.Length; i++)
            {
                levels.Add(ForPath(string.Join("/", segments.Take(i))));
            }

            return levels;
        }

        // IIS configuration paths are case-insensitive ("Default Web Site/OWA" is the OWA vdir).
        public bool Equals(IisRuleScope? other) =>
            other != null && (Path == null ? other.Path == null && Description == other.Description : string.Equals(Path, other.Path, StringComparison.OrdinalIgnoreCase));

        public override bool Equals(object? obj) => Equals(obj as IisRuleScope);

        public override int GetHashCode() => Path == null ? Description.GetHashCode() : StringComparer.OrdinalIgnoreCase.GetHashCode(Path);

        public override string ToString() => Description;

        private static string[] Split(string path) => path.Split(new[] { '/', '\\' }, StringSplitOptions.RemoveEmptyEntries);
    }
}
