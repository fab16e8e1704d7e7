namespace ExchangeHardening
{
    /// <summary>Where an IIS URL Rewrite rule lives.</summary>
    public enum RewriteLocation
    {
        Server,
        DefaultWebSite,
        OwaVirtualDirectory,
        EcpVirtualDirectory,
    }
}
