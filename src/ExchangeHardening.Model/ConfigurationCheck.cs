namespace ExchangeHardening
{
    /// <summary>Configuration that decides, besides the build, whether a fix protects.</summary>
    public enum ConfigurationCheck
    {
        ExtendedProtection,
        SerializedDataSigning,
        SchemaUpdate,
        DomainPreparation,
        DownloadDomains,
        HybridApplication,
        FipFsOverride,
        WindowsUpdate,
        DotNetUpdate,
    }
}
