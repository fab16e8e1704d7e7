namespace ExchangeHardening
{
    /// <summary>Where a server's build came from; only the file version tells the installed update.</summary>
    public enum BuildSource
    {
        /// <summary>ExSetup.exe's file version: the exact build, update included.</summary>
        FileVersion,

        /// <summary>Get-ExchangeServer's AdminDisplayVersion: names the CU only.</summary>
        AdminDisplayVersion,
    }
}
