using System;
using System.Globalization;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>The outcome of one request to the mitigation endpoint.</summary>
    public sealed class MitigationEndpointProbeResult
    {
        public MitigationEndpointProbeResult(Uri endpoint, Uri? proxy, int? statusCode, EndpointProbeFailure failure, string? error, TimeSpan elapsed)
        {
            Endpoint = endpoint;
            Proxy = proxy;
            StatusCode = statusCode;
            Failure = failure;
            Error = error;
            Elapsed = elapsed;
        }

        public Uri Endpoint { get; }

        /// <summary>The proxy the request went through; null for a direct connection.</summary>
        public Uri? Proxy { get; }

        /// <summary>True only for HTTP 200, the answer Microsoft's connectivity check expects.</summary>
        public bool Reachable => Failure == EndpointProbeFailure.None;

        /// <summary>HTTP status of the answer; null when none came.</summary>
        public int? StatusCode { get; }

        public EndpointProbeFailure Failure { get; }

        /// <summary>What went wrong, in words; null when reachable.</summary>
        public string? Error { get; }

        public TimeSpan Elapsed { get; }

        public override string ToString() =>
            Reachable
                ? string.Format(CultureInfo.InvariantCulture, "{0}: 200 in {1:0} ms", Endpoint, Elapsed.TotalMilliseconds)
                : string.Format(CultureInfo.InvariantCulture, "{0}: {1} ({2})", Endpoint, Failure, Error);
    }
}
