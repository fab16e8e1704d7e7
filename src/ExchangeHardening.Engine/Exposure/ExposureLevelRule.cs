using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Exposure
{
    /// <summary>
    /// The traffic light of one server from its records: Red when an exploited vulnerability is open or the product is
    /// out of support, Orange for other open vulnerabilities, Yellow when something could not be judged or is only
    /// mitigated, Green otherwise. Shared by the -Summary output and the report, so both always agree.
    /// </summary>
    public static class ExposureLevelRule
    {
        public static ExposureLevel Of(IReadOnlyCollection<ExposureRecord> records)
        {
            var vulnerable = records.Where(r => r.Status == ExposureStatus.Vulnerable).ToList();
            if (vulnerable.Any(r => r.Exploited) || records.Any(r => r.Status == ExposureStatus.Unsupported))
            {
                return ExposureLevel.Red;
            }

            if (vulnerable.Count > 0)
            {
                return ExposureLevel.Orange;
            }

            return records.Any(r => r.Status == ExposureStatus.Unknown || r.Status == ExposureStatus.ConfigurationRequired || r.Status == ExposureStatus.Mitigated)
                ? ExposureLevel.Yellow
                : ExposureLevel.Green;
        }
    }
}
