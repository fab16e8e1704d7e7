namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>Which kind of IIS configuration file was read.</summary>
    public enum IisConfigurationFileKind
    {
        /// <summary>%WINDIR%\System32\inetsrv\config\applicationHost.config: server level, sites, global modules.</summary>
        ApplicationHost,

        /// <summary>A site's or virtual directory's web.config.</summary>
        WebConfig,
    }
}
