namespace ExchangeHardening
{
    /// <summary>Who applies a mitigation.</summary>
    public enum MitigationOrigin
    {
        EmergencyMitigation,
        Eomt,
        ExchangeMitigations,
        Manual,
    }
}
