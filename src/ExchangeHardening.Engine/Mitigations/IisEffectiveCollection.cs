using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>
    /// One URL Rewrite collection as IIS sees it at one level: the server's entries, then each level down to the
    /// requested one, applicationHost.config location sections before the level's own web.config, each in document
    /// order; &lt;clear/&gt; and &lt;remove&gt; drop what was inherited. Remembers which directive dropped which entry.
    /// </summary>
    internal sealed class IisEffectiveCollection
    {
        private readonly Dictionary<IisCollectionEntry, IisCollectionDirective> removedBy = new Dictionary<IisCollectionEntry, IisCollectionDirective>();

        private IisEffectiveCollection(IisRuleScope scope, List<IisCollectionEntry> items)
        {
            Scope = scope;
            Items = items;
        }

        public IisRuleScope Scope { get; }

        /// <summary>The entries in evaluation order (directives excluded).</summary>
        public List<IisCollectionEntry> Items { get; }

        public bool Contains(IisCollectionEntry entry) => Items.Contains(entry);

        public IisCollectionDirective? RemovedBy(IisCollectionEntry entry) => removedBy.TryGetValue(entry, out var directive) ? directive : null;

        /// <param name="entries">The entries and directives of one collection, from every file of known place.</param>
        public static IisEffectiveCollection Build(IEnumerable<IisCollectionEntry> entries, IisRuleScope scope)
        {
            var all = entries.Where(e => e.Scope.IsKnown).ToList();
            var result = new IisEffectiveCollection(scope, new List<IisCollectionEntry>());
            foreach (var level in scope.Ancestry())
            {
                foreach (var entry in all.Where(e => e.Scope.Equals(level)).OrderBy(e => e.FileOrder).ThenBy(e => e.Sequence))
                {
                    result.Apply(entry);
                }
            }

            return result;
        }

        private void Apply(IisCollectionEntry entry)
        {
            if (!(entry is IisCollectionDirective directive))
            {
                Items.Add(entry);
                return;
            }

            var dropped = directive.Kind == IisCollectionDirectiveKind.Clear
                ? Items.ToList()
                : Items.Where(i => string.Equals(i.Name, directive.Name, StringComparison.OrdinalIgnoreCase)).ToList();
            foreach (var item in dropped)
            {
                Items.Remove(item);
                removedBy[item] = directive;
            }
        }
    }
}
