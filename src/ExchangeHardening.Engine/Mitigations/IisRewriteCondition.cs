using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>A &lt;conditions&gt;/&lt;add&gt; of a rule, or an &lt;add&gt; of a preCondition, as written.</summary>
    public sealed class IisRewriteCondition
    {
        public IisRewriteCondition(string input, string pattern, bool negate, bool ignoreCase, string matchType, SourceLocation location)
        {
            Input = input;
            Pattern = pattern;
            Negate = negate;
            IgnoreCase = ignoreCase;
            MatchType = matchType;
            Location = location;
        }

        /// <summary>The input, e.g. "{UrlDecode:{REQUEST_URI}}".</summary>
        public string Input { get; }

        public string Pattern { get; }

        public bool Negate { get; }

        /// <summary>IIS default: true.</summary>
        public bool IgnoreCase { get; }

        /// <summary>"Pattern" (default), "IsFile" or "IsDirectory"; only "Pattern" looks at <see cref="Pattern"/>.</summary>
        public string MatchType { get; }

        public SourceLocation Location { get; }

        public override string ToString() => (Negate ? "not " : string.Empty) + Input + " ~ '" + Pattern + "'";
    }
}
