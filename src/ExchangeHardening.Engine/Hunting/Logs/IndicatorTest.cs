using System.Text.RegularExpressions;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// One indicator against one entry, as every log analyzer tests it: a pattern that runs out of time is reported
    /// against the line and counts as no match, so one pathological line never stops the file.
    /// </summary>
    internal static class IndicatorTest
    {
        public static bool Matches(EntryIndicator indicator, EntryRecord entry, FileProblemReporter problems, long line, out EntryIndicatorVariant? variant)
        {
            try
            {
                variant = indicator.Test(entry, out var matched);
                return matched;
            }
            catch (RegexMatchTimeoutException)
            {
                problems.Report(line, indicator.RuleId + ": a pattern took too long on this line; the line was not tested for it");
                variant = null;
                return false;
            }
        }
    }
}
