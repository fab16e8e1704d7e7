namespace ExchangeHardening.Engine.EmergencyMitigation
{
    /// <summary>A mitigation's status in IIS and the rules (names, files) behind it.</summary>
    public sealed class RuleState
    {
        public RuleState(RuleStatus status, string detail)
        {
            Status = status;
            Detail = detail;
        }

        public static RuleState Absent { get; } = new RuleState(RuleStatus.Absent, string.Empty);

        public RuleStatus Status { get; }

        public string Detail { get; }
    }
}
