using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Resources;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>One compiled spec.contentTraits entry: leading bytes, literals and a pattern, tested on a file's content.</summary>
    internal sealed class ContentTrait
    {
        private readonly byte[] prefix;
        private readonly IReadOnlyList<ByteLiteral> literals;
        private readonly Regex? pattern;

        private ContentTrait(string name, byte[] prefix, IReadOnlyList<ByteLiteral> literals, Regex? pattern)
        {
            Name = name;
            this.prefix = prefix;
            this.literals = literals;
            this.pattern = pattern;
        }

        public string Name { get; }

        /// <summary>Null and an error when the spec cannot be used (bad hex, bad pattern, nothing to test).</summary>
        public static ContentTrait? Compile(ContentTraitSpec spec, int index, out string? error)
        {
            error = null;
            var name = string.IsNullOrWhiteSpace(spec.Name) ? "trait " + (index + 1).ToString(CultureInfo.InvariantCulture) : spec.Name!.Trim();
            var prefix = Array.Empty<byte>();
            if (!string.IsNullOrWhiteSpace(spec.StartsWithHex) && !TryParseHex(spec.StartsWithHex!, out prefix))
            {
                error = $"contentTraits '{name}': startsWithHex '{spec.StartsWithHex}' is not a sequence of hex bytes.";
                return null;
            }

            Regex? regex = null;
            if (!string.IsNullOrEmpty(spec.Pattern))
            {
                regex = IndicatorRegex.TryCreate(spec.Pattern!, out var regexError);
                if (regex == null)
                {
                    error = $"contentTraits '{name}': the pattern is not a valid regular expression: {regexError}";
                    return null;
                }
            }

            var literals = (spec.AnyOf ?? new List<string>()).Where(l => !string.IsNullOrEmpty(l)).Select(l => new ByteLiteral(l)).ToList();
            if (prefix.Length == 0 && regex == null && literals.Count == 0)
            {
                error = $"contentTraits '{name}': give anyOf, pattern or startsWithHex.";
                return null;
            }

            return new ContentTrait(name, prefix, literals, regex);
        }

        /// <summary>True when the content shows the trait; <paramref name="excerpt"/> then says what matched.</summary>
        public bool Holds(FileContent content, out string excerpt, out bool timedOut)
        {
            excerpt = string.Empty;
            timedOut = false;
            if (prefix.Length > 0)
            {
                if (content.Length < prefix.Length)
                {
                    return false;
                }

                for (var i = 0; i < prefix.Length; i++)
                {
                    if (content.Bytes[i] != prefix[i])
                    {
                        return false;
                    }
                }

                excerpt = "starts with " + BitConverter.ToString(prefix).Replace('-', ' ');
                if (literals.Count == 0 && pattern == null)
                {
                    return true;
                }
            }

            foreach (var literal in literals)
            {
                var index = literal.IndexIn(content.Bytes, content.Length, out var isWide);
                if (index >= 0)
                {
                    excerpt = content.ExcerptAt(index, literal.Text.Length, isWide);
                    return true;
                }
            }

            if (pattern != null)
            {
                var match = IndicatorRegex.Find(pattern, content.Text, out timedOut);
                if (match != null)
                {
                    excerpt = EvidenceExcerpt.Trim(match.Value);
                    return true;
                }
            }

            return false;
        }

        private static bool TryParseHex(string text, out byte[] bytes)
        {
            var digits = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
            bytes = Array.Empty<byte>();
            if (digits.Length == 0 || digits.Length % 2 != 0)
            {
                return false;
            }

            var result = new byte[digits.Length / 2];
            for (var i = 0; i < result.Length; i++)
            {
                if (!byte.TryParse(digits.Substring(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out result[i]))
                {
                    return false;
                }
            }

            bytes = result;
            return true;
        }
    }
}
