using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ExchangeHardening.Engine.Tests.Mitigations
{
    /// <summary>An HttpListener on 127.0.0.1 and a free port that answers every request with a fixed status, optionally after a delay.</summary>
    internal sealed class LocalHttpServer : IDisposable
    {
        private readonly HttpListener listener = new HttpListener();
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly int status;
        private readonly TimeSpan delay;
        private readonly Task loop;

        public LocalHttpServer(int status, TimeSpan delay = default)
        {
            this.status = status;
            this.delay = delay;
            Port = FreePort();
            listener.Prefixes.Add("http://127.0.0.1:" + Port + "/");
            listener.Start();
            loop = Task.Run(ServeAsync);
        }

        public int Port { get; }

        public Uri Endpoint => new Uri("http://127.0.0.1:" + Port + "/GetExchangeMitigations");

        public int Requests { get; private set; }

        /// <summary>A port nobody listens on right now.</summary>
        public static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }

        public void Dispose()
        {
            stopping.Cancel();
            listener.Close();
            try
            {
                loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }

            stopping.Dispose();
        }

        private async Task ServeAsync()
        {
            while (!stopping.IsCancellationRequested)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpListenerException || ex is ObjectDisposedException || ex is InvalidOperationException)
                {
                    return;
                }

                Requests++;
                _ = Task.Run(() => AnswerAsync(context));
            }
        }

        private async Task AnswerAsync(HttpListenerContext context)
        {
            try
            {
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, stopping.Token).ConfigureAwait(false);
                }

                context.Response.StatusCode = status;
                context.Response.Close();
            }
            catch (Exception ex) when (ex is OperationCanceledException || ex is HttpListenerException || ex is ObjectDisposedException || ex is InvalidOperationException)
            {
                context.Response.Abort();
            }
        }
    }
}
