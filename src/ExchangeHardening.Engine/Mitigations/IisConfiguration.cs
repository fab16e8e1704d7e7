using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>
    /// The IIS configuration of one server as read from its files: every rule, preCondition and clear/remove
    /// element with its place, the URL Rewrite module registration, and the errors of files that could not be read.
    /// Effective collections are computed on demand and cached, so an instance is not meant for concurrent use.
    /// </summary>
    public sealed class IisConfiguration
    {
        private readonly Dictionary<string, IisEffectiveCollection> effective = new Dictionary<string, IisEffectiveCollection>(StringComparer.OrdinalIgnoreCase);

        /// <param name="files">The files read; applicationHost.config files are ordered first (IIS applies them before any web.config).</param>
        /// <param name="errors">Problems not tied to one file's content, such as a path that does not exist.</param>
        public IisConfiguration(IEnumerable<IisConfigurationFile> files, IEnumerable<ResourceLoadError> errors)
        {
            Files = files.OrderBy(f => f.Kind == IisConfigurationFileKind.ApplicationHost ? 0 : 1).ToList();
            for (var i = 0; i < Files.Count; i++)
            {
                foreach (var entry in EntriesOf(Files[i]))
                {
                    entry.FileOrder = i;
                }
            }

            Errors = errors.Concat(Files.SelectMany(f => f.Errors)).ToList();
            Rules = Files.SelectMany(f => f.Rules).ToList();
            PreConditions = Files.SelectMany(f => f.PreConditions).ToList();
            Directives = Files.SelectMany(f => f.Directives).ToList();
            VirtualDirectories = Files.SelectMany(f => f.VirtualDirectories).ToList();
            var applicationHosts = Files.Where(f => f.Kind == IisConfigurationFileKind.ApplicationHost && f.IsLoaded).ToList();
            HasApplicationHost = applicationHosts.Count > 0;
            UrlRewriteModule = applicationHosts.SelectMany(f => f.GlobalModules)
                .LastOrDefault(m => string.Equals(m.Name, IisGlobalModule.UrlRewriteModuleName, StringComparison.OrdinalIgnoreCase));
            ResolvePreConditions();
        }

        public IReadOnlyList<IisConfigurationFile> Files { get; }

        /// <summary>Every problem, with file, line and column where known. The other files were still read.</summary>
        public IReadOnlyList<ResourceLoadError> Errors { get; }

        /// <summary>Every inbound, global and outbound rule of every file.</summary>
        public IReadOnlyList<IisRewriteRule> Rules { get; }

        public IReadOnlyList<IisPreCondition> PreConditions { get; }

        public IReadOnlyList<IisCollectionDirective> Directives { get; }

        public IReadOnlyList<IisVirtualDirectory> VirtualDirectories { get; }

        /// <summary>True when a readable applicationHost.config was among the files.</summary>
        public bool HasApplicationHost { get; }

        /// <summary>The RewriteModule entry of globalModules, or null when it is not registered (or no applicationHost.config was read).</summary>
        public IisGlobalModule? UrlRewriteModule { get; }

        /// <summary>Whether the URL Rewrite module is registered; null when no applicationHost.config was read.</summary>
        public bool? UrlRewriteInstalled => HasApplicationHost ? UrlRewriteModule != null : (bool?)null;

        /// <summary>The rules or preConditions of a collection in the order IIS evaluates them at <paramref name="scope"/>, after inheritance, clear and remove.</summary>
        public IReadOnlyList<IisCollectionEntry> EffectiveEntries(IisRewriteCollection collection, IisRuleScope scope) => Effective(collection, scope).Items;

        internal IisEffectiveCollection Effective(IisRewriteCollection collection, IisRuleScope scope)
        {
            // An unknown place inherits nothing that can be worked out.
            if (!scope.IsKnown)
            {
                return IisEffectiveCollection.Build(Array.Empty<IisCollectionEntry>(), scope);
            }

            var key = collection + "|" + scope.Path;
            if (!effective.TryGetValue(key, out var result))
            {
                IEnumerable<IisCollectionEntry> entries = collection == IisRewriteCollection.OutboundPreConditions
                    ? PreConditions.Cast<IisCollectionEntry>()
                    : Rules.Where(r => r.Collection == collection);
                result = IisEffectiveCollection.Build(entries.Concat(Directives.Where(d => d.Collection == collection)), scope);
                effective[key] = result;
            }

            return result;
        }

        /// <summary>The levels below <paramref name="scope"/> that have entries or directives of the collection.</summary>
        internal IEnumerable<IisRuleScope> ConfiguredLevelsBelow(IisRewriteCollection collection, IisRuleScope scope) =>
            Rules.Where(r => r.Collection == collection).Cast<IisCollectionEntry>()
                .Concat(Directives.Where(d => d.Collection == collection))
                .Select(e => e.Scope)
                .Where(s => s.IsKnown && scope.Contains(s) && !s.Equals(scope))
                .Distinct();

        private static IEnumerable<IisCollectionEntry> EntriesOf(IisConfigurationFile file) =>
            file.Rules.Cast<IisCollectionEntry>().Concat(file.PreConditions).Concat(file.Directives);

        // A rule may name a preCondition defined at a parent level (the preConditions collection is inherited too).
        private void ResolvePreConditions()
        {
            foreach (var rule in Rules.Where(r => r.PreConditionName != null && r.PreCondition == null && r.Scope.IsKnown))
            {
                rule.PreCondition = Effective(IisRewriteCollection.OutboundPreConditions, rule.Scope).Items
                    .OfType<IisPreCondition>()
                    .LastOrDefault(p => string.Equals(p.Name, rule.PreConditionName, StringComparison.OrdinalIgnoreCase));
            }
        }
    }
}
