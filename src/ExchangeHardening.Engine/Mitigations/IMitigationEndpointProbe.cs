using System;
using System.Threading;
using System.Threading.Tasks;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>Checks whether the Emergency Mitigation endpoint answers; a seam so evaluators can be tested without a network.</summary>
    public interface IMitigationEndpointProbe
    {
        /// <summary>
        /// GETs <paramref name="endpoint"/>, through <paramref name="proxy"/> when given (the server's
        /// <c>InternetWebProxy</c>), giving up after <paramref name="timeout"/>. Never throws for network
        /// problems: they are in the result. Cancelling <paramref name="cancellationToken"/> does throw.
        /// </summary>
        Task<MitigationEndpointProbeResult> ProbeAsync(Uri endpoint, Uri? proxy, TimeSpan timeout, CancellationToken cancellationToken = default);
    }
}
