namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>Why the mitigation endpoint could not be confirmed reachable.</summary>
    public enum EndpointProbeFailure
    {
        /// <summary>The endpoint answered 200.</summary>
        None,

        /// <summary>The endpoint (or the proxy on its behalf) answered with another status code.</summary>
        HttpStatus,

        /// <summary>The endpoint's host name could not be resolved.</summary>
        NameResolution,

        /// <summary>No answer within the time allowed.</summary>
        Timeout,

        /// <summary>The TLS handshake or certificate validation failed (e.g. SSL inspection).</summary>
        Tls,

        /// <summary>The proxy could not be reached, refused the tunnel, or wants authentication (407).</summary>
        Proxy,

        /// <summary>The connection was refused, reset or could not be made.</summary>
        Connection,

        /// <summary>Anything else; see the error text.</summary>
        Other,
    }
}
