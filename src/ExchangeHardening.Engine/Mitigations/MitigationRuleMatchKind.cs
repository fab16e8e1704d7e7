namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>How an IIS rule relates to a mitigation rule.</summary>
    public enum MitigationRuleMatchKind
    {
        /// <summary>Enabled, in effect where the mitigation belongs, and behaves like it.</summary>
        Implements,

        /// <summary>Behaves like it but enabled="false".</summary>
        Disabled,

        /// <summary>Behaves like it but a &lt;clear/&gt; or &lt;remove&gt; takes it out where the mitigation belongs.</summary>
        Removed,

        /// <summary>In effect where the mitigation belongs, but a level below (a virtual directory) clears or removes it.</summary>
        RemovedInChild,

        /// <summary>Never reached: an earlier enabled rule matches every request and stops processing.</summary>
        Shadowed,

        /// <summary>Behaves like it but sits below its level (one virtual directory), so the rest of the site is not covered.</summary>
        Partial,

        /// <summary>Has one of the mitigation's names, or its distinctive condition, but behaves otherwise.</summary>
        DifferentBehaviour,
    }
}
