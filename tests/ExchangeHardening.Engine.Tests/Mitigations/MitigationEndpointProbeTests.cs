using System;
using System.Threading.Tasks;
using ExchangeHardening.Engine.Mitigations;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Mitigations
{
    /// <summary>The endpoint probe against local listeners: reachable, server error, timeout, proxy, refused connections.</summary>
    public class MitigationEndpointProbeTests
    {
        private static readonly TimeSpan ShortTimeout = TimeSpan.FromSeconds(5);

        [Fact]
        public void Defaults_are_microsofts_endpoint_and_15_seconds()
        {
            Assert.Equal("https://officeclient.microsoft.com/GetExchangeMitigations", MitigationEndpointProbe.DefaultEndpoint.AbsoluteUri);
            Assert.Equal(TimeSpan.FromSeconds(15), MitigationEndpointProbe.DefaultTimeout);
        }

        [Fact]
        public async Task Status_200_is_reachable()
        {
            using (var server = new LocalHttpServer(200))
            {
                var result = await new MitigationEndpointProbe().ProbeAsync(server.Endpoint, null, ShortTimeout);

                Assert.True(result.Reachable, result.ToString());
                Assert.Equal(200, result.StatusCode);
                Assert.Equal(EndpointProbeFailure.None, result.Failure);
                Assert.Null(result.Error);
                Assert.Equal(server.Endpoint, result.Endpoint);
                Assert.Null(result.Proxy);
                Assert.True(result.Elapsed > TimeSpan.Zero);
                Assert.Equal(1, server.Requests);
            }
        }

        [Fact]
        public async Task Status_500_is_not_reachable()
        {
            using (var server = new LocalHttpServer(500))
            {
                var result = await new MitigationEndpointProbe().ProbeAsync(server.Endpoint, null, ShortTimeout);

                Assert.False(result.Reachable);
                Assert.Equal(500, result.StatusCode);
                Assert.Equal(EndpointProbeFailure.HttpStatus, result.Failure);
                Assert.Contains("500", result.Error);
            }
        }

        [Fact]
        public async Task Slow_endpoint_times_out_within_the_bound()
        {
            using (var server = new LocalHttpServer(200, TimeSpan.FromSeconds(30)))
            {
                var result = await new MitigationEndpointProbe().ProbeAsync(server.Endpoint, null, TimeSpan.FromSeconds(1));

                Assert.False(result.Reachable);
                Assert.Null(result.StatusCode);
                Assert.Equal(EndpointProbeFailure.Timeout, result.Failure);
                Assert.Contains("within 1 s", result.Error);
                Assert.InRange(result.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
            }
        }

        // The endpoint's host does not exist: only a request that went to the proxy can come back 200, and the
        // proxy saw the absolute URI that a forward proxy gets.
        [Fact]
        public async Task Proxy_is_used_when_given()
        {
            using (var proxy = new FakeHttpProxy())
            {
                var endpoint = new Uri("http://unreachable.invalid/GetExchangeMitigations");
                var result = await new MitigationEndpointProbe().ProbeAsync(endpoint, proxy.Address, ShortTimeout);

                Assert.True(result.Reachable, result.ToString());
                Assert.Equal(proxy.Address, result.Proxy);
                Assert.Equal("GET http://unreachable.invalid/GetExchangeMitigations HTTP/1.1", proxy.RequestLine);
            }
        }

        [Fact]
        public void Proxy_that_refuses_connections_is_a_proxy_failure()
        {
            var deadProxy = new Uri("http://127.0.0.1:" + LocalHttpServer.FreePort() + "/");
            var result = new MitigationEndpointProbe().Probe(new Uri("http://unreachable.invalid/GetExchangeMitigations"), deadProxy, ShortTimeout);

            Assert.False(result.Reachable);
            Assert.Equal(EndpointProbeFailure.Proxy, result.Failure);
            Assert.False(string.IsNullOrEmpty(result.Error));
        }

        [Fact]
        public void Endpoint_that_refuses_connections_is_a_connection_failure()
        {
            var closed = new Uri("http://127.0.0.1:" + LocalHttpServer.FreePort() + "/GetExchangeMitigations");
            var result = new MitigationEndpointProbe().Probe(closed, null, ShortTimeout);

            Assert.False(result.Reachable);
            Assert.Equal(EndpointProbeFailure.Connection, result.Failure);
        }

        // ".invalid" never resolves (RFC 6761). Without a DNS server the lookup may instead hang until the timeout.
        [Fact]
        public void Unresolvable_host_without_proxy_is_a_name_resolution_failure()
        {
            var result = new MitigationEndpointProbe().Probe(new Uri("http://unreachable.invalid/GetExchangeMitigations"), null, ShortTimeout);

            Assert.False(result.Reachable);
            Assert.Contains(result.Failure, new[] { EndpointProbeFailure.NameResolution, EndpointProbeFailure.Timeout });
        }
    }
}
