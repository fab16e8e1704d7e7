using System;
using System.Text.RegularExpressions;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>Regular expressions from YAML data: compiled once, case-insensitive, and always run with a match timeout.</summary>
    internal static class IndicatorRegex
    {
        /// <summary>Long enough for any sane pattern on a bounded input; a catastrophic one is cut off.</summary>
        public static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(500);

        public static Regex? TryCreate(string pattern, out string? error)
        {
            try
            {
                error = null;
                return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout);
            }
            catch (ArgumentException ex)
            {
                error = ex.Message;
                return null;
            }
        }

        /// <summary>The match, or null; a timeout counts as no match and is reported through <paramref name="timedOut"/>.</summary>
        public static Match? Find(Regex regex, string text, out bool timedOut)
        {
            timedOut = false;
            try
            {
                var match = regex.Match(text);
                return match.Success ? match : null;
            }
            catch (RegexMatchTimeoutException)
            {
                timedOut = true;
                return null;
            }
        }
    }
}
