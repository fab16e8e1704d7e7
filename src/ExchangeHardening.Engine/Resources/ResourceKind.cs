namespace ExchangeHardening.Engine.Resources
{
    /// <summary>The kinds of YAML resource the module reads.</summary>
    public enum ResourceKind
    {
        BuildCatalog,
        Advisory,
        Mitigation,
        Indicator,
    }
}
