using System.Collections.Generic;

namespace ExchangeHardening.Engine.Exposure
{
    /// <summary>The evaluation of one server: every record (patched ones included) and the summary.</summary>
    public sealed class ServerExposure
    {
        public ServerExposure(IReadOnlyList<ExposureRecord> records, ServerExposureSummary summary)
        {
            Records = records;
            Summary = summary;
        }

        public IReadOnlyList<ExposureRecord> Records { get; }

        public ServerExposureSummary Summary { get; }
    }
}
