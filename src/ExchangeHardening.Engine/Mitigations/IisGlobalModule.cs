using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>A native module registered in applicationHost.config (system.webServer/globalModules/add).</summary>
    public sealed class IisGlobalModule
    {
        /// <summary>The name under which IIS registers the URL Rewrite module.</summary>
        public const string UrlRewriteModuleName = "RewriteModule";

        public IisGlobalModule(string name, string image, SourceLocation location)
        {
            Name = name;
            Image = image;
            Location = location;
        }

        public string Name { get; }

        /// <summary>The DLL as written, e.g. "%SystemRoot%\system32\inetsrv\rewrite.dll".</summary>
        public string Image { get; }

        public SourceLocation Location { get; }

        public override string ToString() => Name + " (" + Image + ")";
    }
}
