namespace ExchangeHardening
{
    /// <summary>What kind of thing a review finding is.</summary>
    public enum FindingCategory
    {
        Exploitation,
        WebShell,
        CredentialTheft,
        Mitigation,
        Eomt,
        Coverage,
        Correlation,
    }
}
