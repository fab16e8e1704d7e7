using System;
using System.Text;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>The Evidence text of a finding: the entry on one line, at most <see cref="MaxLength"/> characters, cut around what matched.</summary>
    internal static class EntryExcerpt
    {
        public const int MaxLength = 300;

        /// <summary>An excerpt of <paramref name="text"/>; when it is too long the window starts a little before <paramref name="focus"/>.</summary>
        public static string Create(ReadOnlySpan<char> text, int focus)
        {
            var untrimmed = text.Length;
            text = text.TrimStart();
            focus -= untrimmed - text.Length;
            text = text.TrimEnd();
            if (text.Length <= MaxLength)
            {
                return Flatten(text);
            }

            // Room for the ellipses is taken from the window, so the result never exceeds MaxLength.
            var start = Math.Max(0, Math.Min(focus - 60, text.Length - (MaxLength - 1)));
            var lead = start > 0;
            var budget = MaxLength - (lead ? 1 : 0);
            var take = Math.Min(budget, text.Length - start);
            var tail = start + take < text.Length;
            if (tail)
            {
                take = Math.Min(take, budget - 1);
            }

            var builder = new StringBuilder(MaxLength);
            if (lead)
            {
                builder.Append('…');
            }

            builder.Append(Flatten(text.Slice(start, take)));
            if (tail)
            {
                builder.Append('…');
            }

            return builder.ToString();
        }

        private static string Flatten(ReadOnlySpan<char> text)
        {
            var chars = new char[text.Length];
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                chars[i] = c == '\r' || c == '\n' || c == '\t' || c == '\0' ? ' ' : c;
            }

            return new string(chars);
        }
    }
}
