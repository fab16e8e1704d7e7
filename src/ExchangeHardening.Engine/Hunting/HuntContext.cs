using System;
using ExchangeHardening.Engine.Advisories;
using ExchangeHardening.Engine.Builds;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>What every analyzer may need: the server label, the time filter, the data, and what is known of the server.</summary>
    public sealed class HuntContext
    {
        public HuntContext(string server, AdvisoryStore store)
        {
            Server = server;
            Store = store;
        }

        /// <summary>The server name put on findings when the evidence does not say.</summary>
        public string Server { get; }

        public AdvisoryStore Store { get; }

        /// <summary>Only evidence at or after this time is reported (entries without a time are kept).</summary>
        public DateTimeOffset? Since { get; set; }

        /// <summary>The installed build (-Build), to judge whether mitigations are still needed; null when unknown.</summary>
        public ExchangeBuild? Build { get; set; }

        /// <summary>
        /// The Exchange installation folder as the server sees it (registry MsiInstallPath on a live server, e.g.
        /// <c>C:\Program Files\Microsoft\Exchange Server\V15\</c>); null when unknown. Indicators that name it (OABGenerator
        /// download paths) then accept any folder's <c>ClientAccess\OAB</c>.
        /// </summary>
        public string? ExchangeInstallPath { get; set; }

        /// <summary>Whether an entry's time passes the -Since filter.</summary>
        public bool InWindow(DateTimeOffset? timestamp) => !Since.HasValue || !timestamp.HasValue || timestamp.Value >= Since.Value;
    }
}
