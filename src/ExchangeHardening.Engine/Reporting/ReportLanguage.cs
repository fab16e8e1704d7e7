namespace ExchangeHardening.Engine.Reporting
{
    /// <summary>The languages the decision-maker's report is written in.</summary>
    public enum ReportLanguage
    {
        English,
        German,
    }
}
