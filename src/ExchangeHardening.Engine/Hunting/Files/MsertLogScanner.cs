using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Finds detections in msert.log / msert.old.log. The format is not documented, so the scanner relies only on
    /// the detection phrase (from the data) and reads leniently around it: the threat name follows the phrase on the
    /// same line; the path is the first file URL or drive path on that line or on the few lines after it, up to a
    /// blank line or the next detection. msert.old.log holds several scans; each "Started On" line dates the entries
    /// after it.
    /// </summary>
    internal sealed class MsertLogScanner
    {
        private const int LookAhead = 6;

        private static readonly Regex StartedOn = new Regex(@"Started\s+On\s+(?<time>.+?)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, IndicatorRegex.Timeout);
        private static readonly string[] StartFormats = { "ddd MMM d HH:mm:ss yyyy", "ddd MMM dd HH:mm:ss yyyy", "ddd MMM  d HH:mm:ss yyyy" };

        private readonly IReadOnlyList<string> phrases;
        private readonly List<MsertThreatEntry> entries = new List<MsertThreatEntry>();
        private MsertPendingEntry? pending;
        private DateTimeOffset? scanStarted;

        public MsertLogScanner(IEnumerable<string> phrases)
        {
            this.phrases = phrases.Where(p => !string.IsNullOrEmpty(p)).ToList();
        }

        /// <summary>Oldest and newest scan start seen (coverage).</summary>
        public DateTimeOffset? Oldest { get; private set; }

        public DateTimeOffset? Newest { get; private set; }

        /// <summary>Feeds the next line; returns the entries completed by it.</summary>
        public IReadOnlyList<MsertThreatEntry> Add(string line, long lineNumber)
        {
            entries.Clear();
            var started = IndicatorRegex.Find(StartedOn, line, out _);
            if (started != null && TryParseStart(started.Groups["time"].Value, out var time))
            {
                Flush();
                scanStarted = time;
                Oldest = Oldest == null || time < Oldest ? time : Oldest;
                Newest = Newest == null || time > Newest ? time : Newest;
                return entries;
            }

            var phraseEnd = PhraseEnd(line);
            if (phraseEnd >= 0)
            {
                Flush();
                pending = new MsertPendingEntry(lineNumber, ThreatName(line.Substring(phraseEnd)), line.Trim(), scanStarted);
                pending.TakePath(line.Substring(phraseEnd));
                return entries;
            }

            if (pending != null)
            {
                if (line.Trim().Length == 0 || pending.LinesSeen >= LookAhead)
                {
                    Flush();
                }
                else
                {
                    pending.LinesSeen++;
                    pending.Text += " | " + line.Trim();
                    pending.TakePath(line);
                }
            }

            return entries;
        }

        /// <summary>Ends the file: returns the entry still open, if any.</summary>
        public IReadOnlyList<MsertThreatEntry> Finish()
        {
            entries.Clear();
            Flush();
            return entries;
        }

        private void Flush()
        {
            if (pending != null)
            {
                entries.Add(new MsertThreatEntry(pending.Line, pending.Name, pending.Path, pending.Text, pending.Started));
                pending = null;
            }
        }

        private int PhraseEnd(string line)
        {
            foreach (var phrase in phrases)
            {
                var index = line.IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
                if (index >= 0)
                {
                    return index + phrase.Length;
                }
            }

            return -1;
        }

        /// <summary>"Threat Detected: Backdoor:ASP/Webshell.Y, not removed." gives "Backdoor:ASP/Webshell.Y".</summary>
        private static string ThreatName(string rest)
        {
            var text = rest.TrimStart(' ', '\t', ':', '-', '>', '=').Trim();
            var cut = text.IndexOfAny(new[] { ',', ';', '\t' });
            if (cut >= 0)
            {
                text = text.Substring(0, cut);
            }

            var space = text.IndexOf(' ');
            if (space > 0 && text.IndexOf(':') > 0 && text.IndexOf(':') < space)
            {
                text = text.Substring(0, space); // "Backdoor:ASP/Webshell.Y file://..." on one line
            }

            text = text.Trim().TrimEnd('.');

            // A garbled line must not become a huge title.
            return text.Length > 200 ? text.Substring(0, 200) : text;
        }

        private static bool TryParseStart(string text, out DateTimeOffset value)
        {
            if (DateTime.TryParseExact(text.Trim(), StartFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces | DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var exact))
            {
                value = new DateTimeOffset(DateTime.SpecifyKind(exact, DateTimeKind.Utc));
                return true;
            }

            return EvidenceTimestamp.TryParse(text, null, TimeSpan.Zero, out value);
        }
    }
}
