using System;
using System.Collections.Generic;
using System.Text;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>How rule texts are compared: what IIS treats as equal, nothing looser.</summary>
    internal static class RewriteText
    {
        // Regular expressions that match every URL or value; only used where no capture is referenced.
        private static readonly HashSet<string> MatchAllPatterns = new HashSet<string>(StringComparer.Ordinal)
        {
            ".*", "^.*", ".*$", "^.*$", "(.*)", "^(.*)", "(.*)$", "^(.*)$",
        };

        /// <summary>
        /// A condition input without the whitespace inside its braces: URL Rewrite ignores it there, and EOMTv2 once
        /// wrote "{UrlDecode: {REQUEST_URI}}" for what EM writes as "{UrlDecode:{REQUEST_URI}}".
        /// </summary>
        public static string NormaliseInput(string input)
        {
            var result = new StringBuilder(input.Length);
            var depth = 0;
            foreach (var c in input.Trim())
            {
                if (c == '{')
                {
                    depth++;
                }
                else if (c == '}' && depth > 0)
                {
                    depth--;
                }
                else if (depth > 0 && char.IsWhiteSpace(c))
                {
                    continue;
                }

                result.Append(c);
            }

            return result.ToString();
        }

        /// <summary>Server variable and function names are case-insensitive in URL Rewrite.</summary>
        public static bool InputsEqual(string a, string b) => string.Equals(NormaliseInput(a), NormaliseInput(b), StringComparison.OrdinalIgnoreCase);

        public static bool IsMatchAll(string? pattern) => pattern != null && MatchAllPatterns.Contains(pattern.Trim());

        /// <summary>True for regular-expression syntax: the attribute absent, empty or "ECMAScript".</summary>
        public static bool IsRegularExpressionSyntax(string? patternSyntax) =>
            string.IsNullOrEmpty(patternSyntax) || string.Equals(patternSyntax!.Trim(), "ECMAScript", StringComparison.OrdinalIgnoreCase);

        public static bool IsMatchAllGrouping(string logicalGrouping) => string.Equals(logicalGrouping.Trim(), "MatchAll", StringComparison.OrdinalIgnoreCase);

        public static bool NamesEqual(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
    }
}
