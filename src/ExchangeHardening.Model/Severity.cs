namespace ExchangeHardening
{
    /// <summary>How bad: Critical = code execution or web-shell placement; High = likely exploitation; Medium; Low.</summary>
    public enum Severity
    {
        Critical,
        High,
        Medium,
        Low,
    }
}
