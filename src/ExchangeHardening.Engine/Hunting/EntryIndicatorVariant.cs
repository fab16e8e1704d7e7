namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>A graded outcome of an indicator (a failed attempt, a scanner's shape): other severity, confidence or title when its conditions hold.</summary>
    internal sealed class EntryIndicatorVariant
    {
        public EntryIndicatorVariant(EntryCondition when, Severity? severity, Confidence? confidence, string? titleSuffix)
        {
            When = when;
            Severity = severity;
            Confidence = confidence;
            TitleSuffix = titleSuffix;
        }

        public EntryCondition When { get; }

        public Severity? Severity { get; }

        public Confidence? Confidence { get; }

        public string? TitleSuffix { get; }
    }
}
