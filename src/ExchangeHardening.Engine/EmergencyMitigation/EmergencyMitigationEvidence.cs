namespace ExchangeHardening.Engine.EmergencyMitigation
{
    /// <summary>The optional evidence of the checks that look beyond the server object.</summary>
    public sealed class EmergencyMitigationEvidence
    {
        /// <summary>Null when the connectivity test was skipped.</summary>
        public EndpointEvidence? Endpoint { get; set; }

        /// <summary>Null when no IIS configuration was given.</summary>
        public IisMitigationEvidence? Iis { get; set; }

        /// <summary>Null when no events or logs were given.</summary>
        public ActivityEvidence? Activity { get; set; }

        /// <summary>Why there is no activity evidence although some was given (for example: only other servers' events).</summary>
        public string? ActivityNote { get; set; }
    }
}
