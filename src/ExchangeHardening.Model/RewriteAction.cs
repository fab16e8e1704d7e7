namespace ExchangeHardening
{
    /// <summary>The action of an IIS URL Rewrite rule.</summary>
    public enum RewriteAction
    {
        AbortRequest,
        CustomResponse,
        Rewrite,
        Redirect,
        None,
    }
}
