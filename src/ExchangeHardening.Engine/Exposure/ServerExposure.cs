using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Exposure
{
    /// <summary>The evaluation of one server: every record (patched ones included) and the summary.
    /// Results are shared between servers with the same facts, so the per-server copies are made on demand.</summary>
    public sealed class ServerExposure
    {
        private readonly IReadOnlyList<ExposureRecord> template;
        private readonly ServerExposureSummary summaryTemplate;
        private readonly string server;

        public ServerExposure(IReadOnlyList<ExposureRecord> records, ServerExposureSummary summary)
            : this(records, summary, summary.Server)
        {
        }

        private ServerExposure(IReadOnlyList<ExposureRecord> template, ServerExposureSummary summaryTemplate, string server)
        {
            this.template = template;
            this.summaryTemplate = summaryTemplate;
            this.server = server;
        }

        public IEnumerable<ExposureRecord> Records => template.Select(r => r.Server == server ? r : r.ForServer(server));

        public ServerExposureSummary Summary => summaryTemplate.Server == server ? summaryTemplate : summaryTemplate.ForServer(server);

        internal ServerExposure ForServer(string name) => new ServerExposure(template, summaryTemplate, name);
    }
}
