using System;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>One detection in a Safety Scanner log: the line that reports it, the threat name and the path as far as the log shows them.</summary>
    internal sealed class MsertThreatEntry
    {
        public MsertThreatEntry(long line, string threatName, string path, string text, DateTimeOffset? scanStarted)
        {
            Line = line;
            ThreatName = threatName;
            Path = path;
            Text = text;
            ScanStarted = scanStarted;
        }

        public long Line { get; }

        /// <summary>Empty when the line does not show it.</summary>
        public string ThreatName { get; }

        /// <summary>The detected file (or other resource) from the entry's lines; empty when none is shown.</summary>
        public string Path { get; }

        /// <summary>The detection line and the lines read with it.</summary>
        public string Text { get; }

        /// <summary>The start of the scan the entry belongs to, when the log says it ("Started On ...").</summary>
        public DateTimeOffset? ScanStarted { get; }
    }
}
