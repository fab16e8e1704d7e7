using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;

namespace ExchangeHardening.Engine.Tests.Mitigations
{
    /// <summary>
    /// A forward proxy stand-in on 127.0.0.1: it answers 200 to a plain-HTTP request and records the request line,
    /// which through a proxy carries the absolute URI. HttpListener cannot play this part: it rejects requests for
    /// host names it was not given a prefix for.
    /// </summary>
    internal sealed class FakeHttpProxy : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Task loop;

        public FakeHttpProxy()
        {
            listener.Start();
            Address = new Uri("http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port + "/");
            loop = Task.Run(ServeAsync);
        }

        public Uri Address { get; }

        /// <summary>The first line of the last request, e.g. <c>GET http://host/path HTTP/1.1</c>.</summary>
        public string? RequestLine { get; private set; }

        public void Dispose()
        {
            listener.Stop();
            try
            {
                loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }
        }

        private async Task ServeAsync()
        {
            while (true)
            {
                TcpClient client;
                try
                {
                    client = await listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException || ex is InvalidOperationException)
                {
                    return;
                }

                using (client)
                using (var stream = client.GetStream())
                {
                    // Read the request head; the probe sends a GET without a body.
                    var head = new StringBuilder();
                    var buffer = new byte[4096];
                    while (head.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal) < 0)
                    {
                        var read = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false);
                        if (read == 0)
                        {
                            break;
                        }

                        head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    var text = head.ToString();
                    var lineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
                    RequestLine = lineEnd >= 0 ? text.Substring(0, lineEnd) : text;
                    var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(answer, 0, answer.Length).ConfigureAwait(false);
                }
            }
        }
    }
}
