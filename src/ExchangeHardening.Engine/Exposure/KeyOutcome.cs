using ExchangeHardening.Engine.Builds;

namespace ExchangeHardening.Engine.Exposure
{
    /// <summary>The result of Microsoft's rule for one update key: status, the build that fixes it, and why.</summary>
    internal sealed class KeyOutcome
    {
        public KeyOutcome(ExposureStatus status, BuildInfo? fix, string reason)
        {
            Status = status;
            Fix = fix;
            Reason = reason;
        }

        public ExposureStatus Status { get; }

        /// <summary>The build to install: the key on the server's CU, else on the newest CU that received it.</summary>
        public BuildInfo? Fix { get; }

        public string Reason { get; }
    }
}
