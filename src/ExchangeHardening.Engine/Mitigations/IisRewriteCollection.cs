namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>The URL Rewrite collection an entry belongs to (each has its own order, clear and remove).</summary>
    public enum IisRewriteCollection
    {
        /// <summary>system.webServer/rewrite/rules: inbound rules of a site or virtual directory ("distributed" rules).</summary>
        InboundRules,

        /// <summary>system.webServer/rewrite/globalRules: inbound rules of the whole server (applicationHost.config only).</summary>
        GlobalRules,

        /// <summary>system.webServer/rewrite/outboundRules: rules that change responses.</summary>
        OutboundRules,

        /// <summary>system.webServer/rewrite/outboundRules/preConditions: named preconditions of outbound rules.</summary>
        OutboundPreConditions,
    }
}
