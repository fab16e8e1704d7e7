namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>An element that takes entries out of a collection inherited from a parent level.</summary>
    public enum IisCollectionDirectiveKind
    {
        /// <summary>&lt;clear/&gt;: removes every entry defined so far (at this and parent levels).</summary>
        Clear,

        /// <summary>&lt;remove name="..."/&gt;: removes the entry with that name.</summary>
        Remove,
    }
}
