using ExchangeHardening.Engine.Mitigations;

namespace ExchangeHardening.Engine.EmergencyMitigation
{
    /// <summary>What the connectivity test saw.</summary>
    public sealed class EndpointEvidence
    {
        public EndpointEvidence(string uri, string? proxy, bool reachable, int? statusCode, string error)
        {
            Uri = uri;
            Proxy = proxy;
            Reachable = reachable;
            StatusCode = statusCode;
            Error = error;
        }

        public string Uri { get; }

        public string? Proxy { get; }

        /// <summary>True when the endpoint answered HTTP 200.</summary>
        public bool Reachable { get; }

        public int? StatusCode { get; }

        public string Error { get; }

        public static EndpointEvidence From(MitigationEndpointProbeResult result) =>
            new EndpointEvidence(result.Endpoint.ToString(), result.Proxy?.ToString(), result.Reachable, result.StatusCode, result.Reachable ? string.Empty : result.Failure + (result.Error == null ? string.Empty : ": " + result.Error));
    }
}
