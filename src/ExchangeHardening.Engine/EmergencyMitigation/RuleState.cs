using ExchangeHardening.Engine.Mitigations;

namespace ExchangeHardening.Engine.EmergencyMitigation
{
    /// <summary>A mitigation's status in IIS and the rules (names, files) behind it.</summary>
    public sealed class RuleState
    {
        public RuleState(MitigationRuleStatus status, string detail)
        {
            Status = status;
            Detail = detail;
        }

        public static RuleState Absent { get; } = new RuleState(MitigationRuleStatus.Absent, string.Empty);

        public MitigationRuleStatus Status { get; }

        public string Detail { get; }
    }
}
