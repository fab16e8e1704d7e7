namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>How a mitigation stands in the IIS configuration.</summary>
    public enum MitigationRuleStatus
    {
        /// <summary>The mitigation has no IIS rule to look for (PING1, service and app pool mitigations).</summary>
        NotApplicable,

        /// <summary>For each of its rules an enabled, effective IIS rule with that behaviour exists.</summary>
        Present,

        /// <summary>Only disabled rules with its behaviour exist.</summary>
        Disabled,

        /// <summary>
        /// Something of it is there but does not work: a rule with one of its names (or its distinctive condition)
        /// behaves otherwise, a behaving rule is removed by a clear/remove, shadowed by an earlier rule or placed
        /// only in a virtual directory below the mitigation's level, or only some of its rules are present.
        /// </summary>
        Broken,

        /// <summary>Nothing of it exists.</summary>
        Absent,
    }
}
