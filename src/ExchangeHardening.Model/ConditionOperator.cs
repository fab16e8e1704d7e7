namespace ExchangeHardening
{
    /// <summary>How an indicator condition compares a field.</summary>
    public enum ConditionOperator
    {
        Equals,
        Contains,
        StartsWith,
        EndsWith,
        Matches,
        IsEmpty,
        IsNotEmpty,
        In,
    }
}
