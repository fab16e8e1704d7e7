namespace ExchangeHardening
{
    /// <summary>How sure a finding is.</summary>
    public enum Confidence
    {
        High,
        Medium,
        Low,
    }
}
