using System.Collections.Generic;

namespace ExchangeHardening.Engine.Reporting
{
    /// <summary>Everything the three cmdlets produced, in any order and for any number of servers.</summary>
    public sealed class ReportInput
    {
        public List<ServerExposureSummary> Summaries { get; } = new List<ServerExposureSummary>();

        public List<ExposureRecord> Records { get; } = new List<ExposureRecord>();

        public List<EmergencyMitigationResult> EmergencyMitigation { get; } = new List<EmergencyMitigationResult>();

        public List<Finding> Findings { get; } = new List<Finding>();

        public bool IsEmpty => Summaries.Count == 0 && Records.Count == 0 && EmergencyMitigation.Count == 0 && Findings.Count == 0;
    }
}
