using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>A &lt;clear/&gt; or &lt;remove name="..."/&gt; in a URL Rewrite collection: a child level can drop a parent's rule.</summary>
    public sealed class IisCollectionDirective : IisCollectionEntry
    {
        internal IisCollectionDirective(IisCollectionDirectiveKind kind, IisRewriteCollection collection, string name, IisRuleScope scope, SourceLocation location, int position)
            : base(collection, name, scope, location, position)
        {
            Kind = kind;
        }

        public IisCollectionDirectiveKind Kind { get; }

        public override string ToString() =>
            (Kind == IisCollectionDirectiveKind.Clear ? "<clear/>" : "<remove name=\"" + Name + "\"/>") + " at " + Scope + " (" + Location + ")";
    }
}
