namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>How one record of the Emergency Mitigation service counts.</summary>
    public enum EmergencyMitigationActivityKind
    {
        /// <summary>Neither a success nor a problem (service start, informational line).</summary>
        Other,

        /// <summary>Mitigations fetched or applied (events 1005 and 1006; an informational fetch or apply line).</summary>
        Success,

        /// <summary>A warning, e.g. the text log's "Connection attempted against untrusted endpoint".</summary>
        Warning,

        /// <summary>An error (event 1008, an error-level event or line).</summary>
        Error,
    }
}
