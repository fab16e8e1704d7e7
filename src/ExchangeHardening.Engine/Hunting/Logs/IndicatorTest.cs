using System.Text.RegularExpressions;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// One indicator against one entry, as every log and event analyzer tests it: a pattern that runs out of time is
    /// reported against the line or event and counts as no match, so one pathological entry never stops the file.
    /// </summary>
    internal static class IndicatorTest
    {
        public static bool Matches(EntryIndicator indicator, EntryRecord entry, FileProblemReporter problems, long line, string noun, out EntryIndicatorVariant? variant)
        {
            try
            {
                variant = indicator.Test(entry, out var matched);
                return matched;
            }
            catch (RegexMatchTimeoutException)
            {
                problems.Report(line, $"{indicator.RuleId}: a pattern took too long on this {noun}; the {noun} was not tested for it");
                variant = null;
                return false;
            }
        }
    }
}
