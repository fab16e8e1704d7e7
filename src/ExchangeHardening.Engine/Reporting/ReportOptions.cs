using System;

namespace ExchangeHardening.Engine.Reporting
{
    /// <summary>How the report is written: language, headings and the moment it describes.</summary>
    public sealed class ReportOptions
    {
        public ReportLanguage Language { get; set; } = ReportLanguage.English;

        /// <summary>Replaces the default title; null keeps it.</summary>
        public string? Title { get; set; }

        /// <summary>The organisation the report is for (the office's name), shown under the title.</summary>
        public string? Organization { get; set; }

        public DateTimeOffset GeneratedAt { get; set; } = DateTimeOffset.UtcNow;

        public string ModuleVersion { get; set; } = string.Empty;

        /// <summary>Findings groups listed per server before the rest is only counted (keeps a compromised server's section readable).</summary>
        public int MaxFindingGroups { get; set; } = 40;
    }
}
