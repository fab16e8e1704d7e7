using System;
using System.Globalization;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// Reads the timestamp shapes found in exported events and Exchange logs: Windows PowerShell 5.1
    /// <c>ConvertTo-Json</c>'s <c>/Date(ms)/</c>, ISO 8601 (PowerShell 7, shippers, Exchange logs), Sysmon's
    /// <c>yyyy-MM-dd HH:mm:ss.fff</c>, and the culture-formatted local time <c>Export-Csv</c> writes.
    /// </summary>
    internal static class EvidenceTimestamp
    {
        private const DateTimeStyles Styles = DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal;

        private static readonly string[] IsoFormats =
        {
            "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd'T'HH:mmK",
        };

        /// <summary>
        /// Parses <paramref name="text"/>. A time without zone is taken to be at <paramref name="assumedOffset"/>
        /// (exports write the exporting machine's local time, which the file does not record). Non-ISO text is
        /// read with <paramref name="culture"/> first (when given), then the invariant culture (en-US order).
        /// </summary>
        public static bool TryParse(string? text, CultureInfo? culture, TimeSpan assumedOffset, out DateTimeOffset value)
        {
            value = default;
            if (text == null)
            {
                return false;
            }

            var s = text.Trim();
            if (s.Length < 6)
            {
                return false;
            }

            if (TryParseMicrosoftJsonDate(s, out value))
            {
                return true;
            }

            if (!char.IsDigit(s[0]) && !char.IsLetter(s[0]))
            {
                return false;
            }

            if (!DateTimeOffset.TryParseExact(s, IsoFormats, CultureInfo.InvariantCulture, Styles, out value)
                && !(culture != null && DateTimeOffset.TryParse(s, culture, Styles, out value))
                && !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, Styles, out value))
            {
                return false;
            }

            if (assumedOffset != TimeSpan.Zero && !HasZone(s))
            {
                value = new DateTimeOffset(DateTime.SpecifyKind(value.DateTime, DateTimeKind.Unspecified), assumedOffset);
            }

            return true;
        }

        /// <summary>The <c>/Date(1615000000000)/</c> or <c>/Date(1615000000000+0100)/</c> form; the number is always UTC milliseconds.</summary>
        private static bool TryParseMicrosoftJsonDate(string s, out DateTimeOffset value)
        {
            value = default;
            var start = s.IndexOf("/Date(", StringComparison.Ordinal);
            if (start < 0 || start > 1)
            {
                return false;
            }

            var open = start + 6;
            var close = s.IndexOf(')', open);
            if (close < 0)
            {
                return false;
            }

            var inner = s.Substring(open, close - open);
            var zone = TimeSpan.Zero;
            var sign = inner.LastIndexOfAny(new[] { '+', '-' });
            if (sign > 0)
            {
                var digits = inner.Substring(sign + 1);
                if (digits.Length != 4
                    || !int.TryParse(digits.Substring(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                    || !int.TryParse(digits.Substring(2, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes))
                {
                    return false;
                }

                zone = new TimeSpan(hours, minutes, 0);
                if (inner[sign] == '-')
                {
                    zone = zone.Negate();
                }

                inner = inner.Substring(0, sign);
            }

            if (!long.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var milliseconds)
                || milliseconds < -62135596800000L
                || milliseconds > 253402300799999L)
            {
                return false;
            }

            value = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).ToOffset(zone);
            return true;
        }

        private static bool HasZone(string s)
        {
            var last = s[s.Length - 1];
            if (last == 'Z' || last == 'z' || s.EndsWith("GMT", StringComparison.OrdinalIgnoreCase) || s.EndsWith("UTC", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            // +hh:mm or +hhmm after the time of day.
            var n = s.Length;
            return (n > 6 && (s[n - 6] == '+' || s[n - 6] == '-') && s[n - 3] == ':' && char.IsDigit(s[n - 5]) && char.IsDigit(s[n - 1]) && s.IndexOf(':') < n - 6)
                || (n > 5 && (s[n - 5] == '+' || s[n - 5] == '-') && char.IsDigit(s[n - 4]) && char.IsDigit(s[n - 1]) && s.IndexOf(':') < n - 5 && s.IndexOf(':') >= 0);
        }
    }
}
