namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>What the hunter hands back to the caller's thread.</summary>
    public enum HuntEventKind
    {
        Finding,
        Error,
        Warning,
        Progress,
    }
}
