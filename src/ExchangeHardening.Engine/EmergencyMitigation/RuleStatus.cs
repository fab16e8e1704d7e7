namespace ExchangeHardening.Engine.EmergencyMitigation
{
    /// <summary>How a mitigation stands in the IIS configuration.</summary>
    public enum RuleStatus
    {
        /// <summary>An enabled rule with the mitigation's behaviour exists.</summary>
        Present,

        /// <summary>Only disabled rules with its behaviour exist.</summary>
        Disabled,

        /// <summary>A rule with one of its names exists but behaves otherwise, or is removed or shadowed.</summary>
        Broken,

        /// <summary>Nothing of it exists.</summary>
        Absent,
    }
}
