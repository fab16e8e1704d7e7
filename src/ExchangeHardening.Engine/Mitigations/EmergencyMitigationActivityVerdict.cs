namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>What the Emergency Mitigation service's own records say about its recent work.</summary>
    public enum EmergencyMitigationActivityVerdict
    {
        /// <summary>No event of the service and no line of its text log was given.</summary>
        NoEvidence,

        /// <summary>A successful action was recorded within the last 24 hours of the evidence.</summary>
        RecentSuccess,

        /// <summary>The evidence holds the service's records, but no success within its last 24 hours.</summary>
        NoRecentSuccess,
    }
}
