namespace ExchangeHardening
{
    /// <summary>A BSI-style traffic light for one server.</summary>
    public enum ExposureLevel
    {
        /// <summary>A vulnerability exploited in the wild is open, or the product is unsupported.</summary>
        Red,

        /// <summary>Other vulnerabilities are open.</summary>
        Orange,

        /// <summary>Only Unknown, ConfigurationRequired or Mitigated remain.</summary>
        Yellow,

        /// <summary>Nothing open.</summary>
        Green,
    }
}
