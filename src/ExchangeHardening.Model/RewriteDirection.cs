namespace ExchangeHardening
{
    /// <summary>Inbound (request) or outbound (response) URL Rewrite rule.</summary>
    public enum RewriteDirection
    {
        Inbound,
        Outbound,
    }
}
