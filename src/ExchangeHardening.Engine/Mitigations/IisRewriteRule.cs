using System;
using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>An IIS URL Rewrite rule as written in a configuration file, IIS defaults filled in.</summary>
    public sealed class IisRewriteRule : IisCollectionEntry
    {
        internal IisRewriteRule(IisRewriteCollection collection, string name, IisRuleScope scope, SourceLocation location, int position)
            : base(collection, name, scope, location, position)
        {
        }

        public RewriteDirection Direction => Collection == IisRewriteCollection.OutboundRules ? RewriteDirection.Outbound : RewriteDirection.Inbound;

        /// <summary>Attribute enabled; IIS default true.</summary>
        public bool Enabled { get; internal set; } = true;

        /// <summary>"ECMAScript" (IIS default, "Regular Expressions" in IIS Manager), "Wildcard" or "ExactMatch".</summary>
        public string PatternSyntax { get; internal set; } = "ECMAScript";

        public bool StopProcessing { get; internal set; }

        /// <summary>Inbound: &lt;match url&gt;.</summary>
        public string? MatchUrl { get; internal set; }

        /// <summary>Outbound: &lt;match serverVariable&gt; (a response header such as RESPONSE_Content_Security_Policy).</summary>
        public string? ServerVariable { get; internal set; }

        /// <summary>Outbound: &lt;match pattern&gt;.</summary>
        public string? MatchPattern { get; internal set; }

        /// <summary>&lt;match ignoreCase&gt;; IIS default true.</summary>
        public bool IgnoreCase { get; internal set; } = true;

        /// <summary>&lt;match negate&gt;.</summary>
        public bool Negate { get; internal set; }

        /// <summary>&lt;conditions logicalGrouping&gt;: "MatchAll" (IIS default) or "MatchAny".</summary>
        public string LogicalGrouping { get; internal set; } = "MatchAll";

        public IReadOnlyList<IisRewriteCondition> Conditions { get; internal set; } = Array.Empty<IisRewriteCondition>();

        /// <summary>&lt;action type&gt; as written; "None" when there is no action element.</summary>
        public string ActionType { get; internal set; } = "None";

        /// <summary><see cref="ActionType"/> parsed; null when IIS would not know it either.</summary>
        public RewriteAction? Action { get; internal set; } = RewriteAction.None;

        /// <summary>&lt;action value&gt; (outbound Rewrite) or &lt;action url&gt; (inbound Rewrite/Redirect).</summary>
        public string? ActionValue { get; internal set; }

        /// <summary>Outbound: the preCondition attribute (a name).</summary>
        public string? PreConditionName { get; internal set; }

        /// <summary>The preCondition the name refers to, looked up through the inherited levels; null when not found.</summary>
        public IisPreCondition? PreCondition { get; internal set; }

        public override string ToString() => "'" + Name + "' (" + Location + ")";
    }
}
