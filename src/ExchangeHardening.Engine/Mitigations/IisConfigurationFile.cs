using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>What one applicationHost.config or web.config holds for URL Rewrite, or why it could not be read.</summary>
    public sealed class IisConfigurationFile
    {
        private int sequence;

        internal IisConfigurationFile(string path, IisConfigurationFileKind kind, IisRuleScope scope)
        {
            Path = path;
            Kind = kind;
            Scope = scope;
        }

        public string Path { get; }

        public IisConfigurationFileKind Kind { get; }

        /// <summary>The level the file configures: Server for applicationHost.config, the site/vdir for a web.config.</summary>
        public IisRuleScope Scope { get; }

        /// <summary>False when the file itself could not be read or parsed; see <see cref="Errors"/>.</summary>
        public bool IsLoaded { get; internal set; }

        /// <summary>Problems with file, line and column: malformed XML, unreadable file, unreadable configSource.</summary>
        public List<ResourceLoadError> Errors { get; } = new List<ResourceLoadError>();

        /// <summary>Inbound, global and outbound rules in document order.</summary>
        public List<IisRewriteRule> Rules { get; } = new List<IisRewriteRule>();

        public List<IisPreCondition> PreConditions { get; } = new List<IisPreCondition>();

        /// <summary>The &lt;clear/&gt; and &lt;remove&gt; elements of the rewrite collections.</summary>
        public List<IisCollectionDirective> Directives { get; } = new List<IisCollectionDirective>();

        /// <summary>applicationHost.config: the native modules still registered after its add/remove/clear elements.</summary>
        public List<IisGlobalModule> GlobalModules { get; } = new List<IisGlobalModule>();

        /// <summary>applicationHost.config: the virtual directories of its sites.</summary>
        public List<IisVirtualDirectory> VirtualDirectories { get; } = new List<IisVirtualDirectory>();

        // Document order of the file's entries, across configSource files it pulls in.
        internal int NextSequence() => ++sequence;

        public override string ToString() => Path + " (" + Kind + ", " + Scope + ")";
    }
}
