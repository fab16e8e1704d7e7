using System;
using System.Collections.Generic;

namespace ExchangeHardening.Engine.Reporting
{
    /// <summary>
    /// Every word of the report that is not data, in one language. Abstract members make a missing translation a
    /// compile error rather than an English sentence in a German report. Titles of vulnerabilities and findings come
    /// from the YAML data and stay in English, as Microsoft publishes them.
    /// </summary>
    public abstract class ReportText
    {
        public static ReportText For(ReportLanguage language) => language switch
        {
            ReportLanguage.German => new GermanReportText(),
            _ => new EnglishReportText(),
        };

        /// <summary>BCP 47 tag for the html lang attribute (hyphenation and screen readers).</summary>
        public abstract string LanguageTag { get; }

        public abstract string DocumentTitle { get; }

        public abstract string Prepared(string? organization, DateTimeOffset generatedAt);

        public abstract string Date(DateTime date);

        public string DateAndTime(DateTimeOffset value) => $"{Date(value.UtcDateTime.Date)}, {value.UtcDateTime:HH\\:mm} UTC";

        public abstract string InShortHeading { get; }

        public abstract string Overall(int servers, int actNow, int actSoon, int check, int fine, int notAssessed, int compromised);

        public abstract string TakeToAdministrator { get; }

        public abstract string LegendHeading { get; }

        public abstract string LevelLabel(ExposureLevel? level);

        public abstract string LevelMeaning(ExposureLevel? level);

        public abstract string ColumnServer { get; }

        public abstract string ColumnUpdates { get; }

        public abstract string ColumnEmergencyMitigation { get; }

        public abstract string ColumnReview { get; }

        public abstract string ColumnInstall { get; }

        public abstract string ProductLine(string product, string cumulativeUpdate, string securityUpdate, string build);

        public abstract string ServerSummaryHeading { get; }

        public abstract string ExposureNotAssessed(string server);

        public abstract string Unsupported(string server, string product, DateTime? endOfSupport, string successor);

        public abstract string Vulnerable(int vulnerable, int exploited);

        public abstract string NothingOpen { get; }

        public abstract string NotJudged(int unknown);

        public abstract string OnlyMitigated(int mitigated);

        public abstract string ConfigurationToCheck(int count);

        public abstract string InstallSentence(InstallAdvice advice);

        public abstract string EmergencyMitigationWorks { get; }

        public abstract string EmergencyMitigationFails(int failed, int warnings);

        public abstract string EmergencyMitigationWarns(int warnings);

        public abstract string EmergencyMitigationNotTested { get; }

        public abstract string ReviewSentence(ReviewVerdict verdict, int serious, int suspicious);

        public abstract string CoverageGapSentence { get; }

        public abstract string WhatToInstallHeading { get; }

        public abstract string Update { get; }

        public abstract string Build { get; }

        public abstract string Kb { get; }

        public abstract string CumulativeUpdateFirst(string cumulativeUpdate);

        public abstract string UpToDate { get; }

        public abstract string NoUpdateKnown { get; }

        public abstract string WhatIsOpenHeading { get; }

        public abstract string Cve { get; }

        public abstract string Vulnerability { get; }

        public abstract string SeverityHeader { get; }

        public abstract string ExploitedHeader { get; }

        public abstract string StatusHeader { get; }

        public abstract string FixedInHeader { get; }

        public abstract string YesNo(bool value);

        public abstract string SeverityName(Severity severity);

        public abstract string StatusName(ExposureStatus status);

        public abstract string NoOpenRecords { get; }

        public abstract string UnknownNote(int unknown);

        public abstract string OnlySummaryNote { get; }

        public abstract string EmergencyMitigationHeading { get; }

        public abstract string EmergencyMitigationShort(EmergencyMitigationResult? result);

        public abstract string Check { get; }

        public abstract string Outcome { get; }

        public abstract string Detail { get; }

        public abstract string WhatToDo { get; }

        public abstract string OutcomeName(CheckOutcome outcome);

        public abstract string AllChecksPassed { get; }

        public abstract string MitigationList(string kind, IReadOnlyList<string> ids);

        public abstract string StaleKind { get; }

        public abstract string BlockedKind { get; }

        public abstract string MissingKind { get; }

        public abstract string ReviewHeading { get; }

        public abstract string ReviewShort(ReviewVerdict verdict);

        public abstract string FindingsBySeverity { get; }

        public abstract string Finding { get; }

        public abstract string Count { get; }

        public abstract string When { get; }

        public abstract string ClientAddresses { get; }

        public abstract string WhereFound { get; }

        public abstract string NoTraces { get; }

        public abstract string MoreFindingGroups(int groups, int findings);

        public abstract string EvidenceGapsHeading { get; }

        public abstract string NotReviewedHint { get; }

        public abstract string DataLanguageNote { get; }

        public abstract string Footer(string moduleVersion, DateTimeOffset generatedAt);
    }
}
