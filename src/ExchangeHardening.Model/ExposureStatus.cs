namespace ExchangeHardening
{
    /// <summary>How a server stands against one vulnerability.</summary>
    public enum ExposureStatus
    {
        /// <summary>The fixing update is missing, or a setting override switched the fix off.</summary>
        Vulnerable,

        /// <summary>The evidence cannot decide (only AdminDisplayVersion known, or a build the data does not know).</summary>
        Unknown,

        /// <summary>The build has the fix, but the fix also needs configuration that must be checked.</summary>
        ConfigurationRequired,

        /// <summary>Not patched, but an Emergency Mitigation or EOMT mitigation is applied.</summary>
        Mitigated,

        /// <summary>The product is past its end of support.</summary>
        Unsupported,

        /// <summary>The build has the fix.</summary>
        Patched,
    }
}
