using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>One child element of a URL Rewrite collection: a rule, a preCondition, or a clear/remove directive.</summary>
    public abstract class IisCollectionEntry
    {
        protected IisCollectionEntry(IisRewriteCollection collection, string name, IisRuleScope scope, SourceLocation location, int position)
        {
            Collection = collection;
            Name = name;
            Scope = scope;
            Location = location;
            Position = position;
        }

        public IisRewriteCollection Collection { get; }

        /// <summary>The entry's name; for &lt;remove&gt; the name it removes; empty for &lt;clear/&gt;.</summary>
        public string Name { get; }

        public IisRuleScope Scope { get; }

        /// <summary>File, line and column of the element.</summary>
        public SourceLocation Location { get; }

        public string File => Location.File;

        public long Line => Location.Line;

        /// <summary>1-based position among the elements of the same kind in its collection element (rule 1, rule 2, ...).</summary>
        public int Position { get; }

        // Document order within the file and the file's order in the configuration: the replay of inherited
        // collections (clear, remove, add) depends on both.
        internal int Sequence { get; set; }

        internal int FileOrder { get; set; }
    }
}
