namespace ExchangeHardening.Engine.Resources
{
    /// <summary>What an Indicator inspects inside its evidence source, when that is not the file or record itself.</summary>
    public enum IndicatorSubject
    {
        /// <summary>The file: its path, name, hash or content (the default for file sources).</summary>
        File,

        /// <summary>IisConfiguration: each virtual directory of applicationHost.config; paths test its physicalPath.</summary>
        VirtualDirectory,

        /// <summary>IisConfiguration: each applicationPools/add element; condition fields are its attribute names.</summary>
        ApplicationPool,

        /// <summary>IisConfiguration: the URL Rewrite mitigations (Mitigation resources) that mitigate the indicator's CVEs, recognised by behaviour.</summary>
        MitigationRule,
    }
}
