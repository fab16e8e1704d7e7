using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>Probes the mitigation endpoint over HTTP(S) with HttpClient.</summary>
    public sealed class MitigationEndpointProbe : IMitigationEndpointProbe
    {
        /// <summary>The URL Microsoft's Health Checker uses; HTTP 200 means reachable.</summary>
        public static readonly Uri DefaultEndpoint = new Uri("https://officeclient.microsoft.com/GetExchangeMitigations");

        public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

        /// <summary>Synchronous form for callers without an async context (cmdlets).</summary>
        public MitigationEndpointProbeResult Probe(Uri endpoint, Uri? proxy, TimeSpan timeout) =>
            ProbeAsync(endpoint, proxy, timeout, CancellationToken.None).ConfigureAwait(false).GetAwaiter().GetResult();

        public async Task<MitigationEndpointProbeResult> ProbeAsync(Uri endpoint, Uri? proxy, TimeSpan timeout, CancellationToken cancellationToken = default)
        {
            if (endpoint == null)
            {
                throw new ArgumentNullException(nameof(endpoint));
            }

            if (timeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(timeout), "The timeout must be positive.");
            }

            // Without a configured proxy the request goes direct, not through this machine's proxy settings: the
            // question is what the server's own configuration allows. Redirects are not followed, so a captive
            // portal answering 200 after a redirect does not pass for the endpoint.
            var handler = new HttpClientHandler
            {
                UseProxy = proxy != null,
                Proxy = proxy != null ? new WebProxy(proxy) : null,
                AllowAutoRedirect = false,
            };
            var watch = Stopwatch.StartNew();
            using (var client = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan })
            using (var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeoutSource.CancelAfter(timeout);
                try
                {
                    using (var request = new HttpRequestMessage(HttpMethod.Get, endpoint))
                    using (var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false))
                    {
                        var status = (int)response.StatusCode;
                        watch.Stop();
                        if (status == 200)
                        {
                            return new MitigationEndpointProbeResult(endpoint, proxy, status, EndpointProbeFailure.None, null, watch.Elapsed);
                        }

                        var failure = status == 407 && proxy != null ? EndpointProbeFailure.Proxy : EndpointProbeFailure.HttpStatus;
                        var text = string.Format(CultureInfo.InvariantCulture, "HTTP {0} {1}{2}", status, response.ReasonPhrase, status == 407 ? " (the proxy wants authentication)" : string.Empty);
                        return new MitigationEndpointProbeResult(endpoint, proxy, status, failure, text, watch.Elapsed);
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    watch.Stop();
                    var text = string.Format(CultureInfo.InvariantCulture, "no answer within {0:0.#} s", timeout.TotalSeconds);
                    return new MitigationEndpointProbeResult(endpoint, proxy, null, EndpointProbeFailure.Timeout, text, watch.Elapsed);
                }
                catch (HttpRequestException ex)
                {
                    watch.Stop();
                    return new MitigationEndpointProbeResult(endpoint, proxy, null, Classify(ex, proxy != null), Describe(ex), watch.Elapsed);
                }
                catch (Exception ex) when (ex is InvalidOperationException || ex is NotSupportedException || ex is ArgumentException)
                {
                    // An unusable URL or proxy scheme, refused by HttpClient before any network traffic.
                    watch.Stop();
                    return new MitigationEndpointProbeResult(endpoint, proxy, null, EndpointProbeFailure.Other, Describe(ex), watch.Elapsed);
                }
            }
        }

        private static EndpointProbeFailure Classify(Exception ex, bool viaProxy)
        {
            for (var e = ex; e != null; e = e.InnerException)
            {
                if (e is AuthenticationException)
                {
                    return EndpointProbeFailure.Tls;
                }

                if (e is SocketException socket)
                {
                    // Through a proxy, this machine only ever connects to the proxy: any socket failure is the proxy's.
                    if (viaProxy)
                    {
                        return EndpointProbeFailure.Proxy;
                    }

                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.HostNotFound:
                        case SocketError.NoData:
                        case SocketError.TryAgain:
                            return EndpointProbeFailure.NameResolution;
                        case SocketError.TimedOut:
                            return EndpointProbeFailure.Timeout;
                        default:
                            return EndpointProbeFailure.Connection;
                    }
                }

                if (e is WebException web)
                {
                    // .NET Framework reports through WebException statuses instead of socket errors.
                    switch (web.Status)
                    {
                        case WebExceptionStatus.NameResolutionFailure:
                            return EndpointProbeFailure.NameResolution;
                        case WebExceptionStatus.ProxyNameResolutionFailure:
                            return EndpointProbeFailure.Proxy;
                        case WebExceptionStatus.TrustFailure:
                        case WebExceptionStatus.SecureChannelFailure:
                            return EndpointProbeFailure.Tls;
                        case WebExceptionStatus.Timeout:
                            return EndpointProbeFailure.Timeout;
                        case WebExceptionStatus.ConnectFailure:
                            return viaProxy ? EndpointProbeFailure.Proxy : EndpointProbeFailure.Connection;
                    }
                }

                if (viaProxy && e.Message.IndexOf("proxy", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return EndpointProbeFailure.Proxy;
                }
            }

            return viaProxy ? EndpointProbeFailure.Proxy : EndpointProbeFailure.Connection;
        }

        private static string Describe(Exception ex)
        {
            var parts = new List<string>();
            for (var e = ex; e != null; e = e.InnerException)
            {
                var message = e.Message.Trim();
                if (message.Length > 0 && !parts.Contains(message))
                {
                    parts.Add(message);
                }
            }

            return string.Join(" -> ", parts);
        }
    }
}
