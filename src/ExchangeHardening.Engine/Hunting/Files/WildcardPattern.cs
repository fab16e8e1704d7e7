using System;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>A file or folder name pattern with '*' (any run) and '?' (one character), compared case-insensitively.</summary>
    internal sealed class WildcardPattern
    {
        private readonly string pattern;
        private readonly bool hasWildcards;

        public WildcardPattern(string pattern)
        {
            this.pattern = pattern.Trim();
            hasWildcards = this.pattern.IndexOfAny(new[] { '*', '?' }) >= 0;
        }

        public override string ToString() => pattern;

        public bool IsMatch(string name)
        {
            if (!hasWildcards)
            {
                return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
            }

            // Greedy matching with one backtrack point per '*': linear in practice, never exponential.
            int p = 0, n = 0, star = -1, resume = 0;
            while (n < name.Length)
            {
                if (p < pattern.Length && (pattern[p] == '?' || SameChar(pattern[p], name[n])))
                {
                    p++;
                    n++;
                }
                else if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    resume = n;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    n = ++resume;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }

        private static bool SameChar(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
    }
}
