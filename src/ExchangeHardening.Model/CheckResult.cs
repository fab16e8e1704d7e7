namespace ExchangeHardening
{
    /// <summary>One check of Test-EmergencyMitigation: what was checked, the verdict, what was seen and what to do.</summary>
    public sealed class CheckResult
    {
        public CheckResult()
        {
        }

        public CheckResult(string name, CheckOutcome outcome, string detail, string recommendation)
        {
            Name = name;
            Outcome = outcome;
            Detail = detail;
            Recommendation = recommendation;
        }

        public string Name { get; set; } = string.Empty;

        public CheckOutcome Outcome { get; set; }

        public string Detail { get; set; } = string.Empty;

        public string Recommendation { get; set; } = string.Empty;

        public override string ToString() => $"{Name}: {Outcome}";
    }
}
