namespace ExchangeHardening
{
    /// <summary>The verdict of one check.</summary>
    public enum CheckOutcome
    {
        Pass,
        Warn,
        Fail,
        NotApplicable,
    }
}
