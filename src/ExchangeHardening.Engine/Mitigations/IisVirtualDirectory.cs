using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>A virtual directory of a site in applicationHost.config: which folder serves which IIS path.</summary>
    public sealed class IisVirtualDirectory
    {
        public IisVirtualDirectory(string siteName, string siteId, IisRuleScope scope, string physicalPath, SourceLocation location)
        {
            SiteName = siteName;
            SiteId = siteId;
            Scope = scope;
            PhysicalPath = physicalPath;
            Location = location;
        }

        public string SiteName { get; }

        public string SiteId { get; }

        /// <summary>The IIS path it serves, e.g. "Default Web Site/owa".</summary>
        public IisRuleScope Scope { get; }

        /// <summary>As written, environment variables unexpanded ("%SystemDrive%\inetpub\wwwroot").</summary>
        public string PhysicalPath { get; }

        public SourceLocation Location { get; }

        public override string ToString() => Scope + " -> " + PhysicalPath;
    }
}
