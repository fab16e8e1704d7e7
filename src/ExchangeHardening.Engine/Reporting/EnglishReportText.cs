using System;
using System.Collections.Generic;
using System.Globalization;

namespace ExchangeHardening.Engine.Reporting
{
    /// <summary>The report in plain English for an office owner; the technical tables keep the admin's terms.</summary>
    public sealed class EnglishReportText : ReportText
    {
        private static readonly string[] Months =
        {
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        };

        public override string LanguageTag => "en";

        public override string DocumentTitle => "Exchange Server security report";

        public override string Prepared(string? organization, DateTimeOffset generatedAt) =>
            (string.IsNullOrWhiteSpace(organization) ? "Prepared" : $"Prepared for {organization}") + $" on {DateAndTime(generatedAt)}";

        // Month names are written out here, not taken from the culture data, so the report reads the same on every machine.
        public override string Date(DateTime date) => $"{date.Day.ToString(CultureInfo.InvariantCulture)} {Months[date.Month - 1]} {date.Year.ToString(CultureInfo.InvariantCulture)}";

        public override string InShortHeading => "In short";

        public override string Overall(int servers, int actNow, int actSoon, int check, int fine, int notAssessed, int compromised)
        {
            var text = servers == 1 ? "This report covers 1 Exchange server. " : $"This report covers {servers} Exchange servers. ";
            if (compromised > 0)
            {
                text += compromised == 1
                    ? "On 1 server the review found signs of an attack: treat it as a security incident and call your administrator or an incident-response service today. "
                    : $"On {compromised} servers the review found signs of an attack: treat them as a security incident and call your administrator or an incident-response service today. ";
            }

            if (actNow > 0)
            {
                text += actNow == 1 ? "1 server needs action now (red). " : $"{actNow} servers need action now (red). ";
            }

            if (actSoon > 0)
            {
                text += actSoon == 1 ? "1 server is missing updates (orange). " : $"{actSoon} servers are missing updates (orange). ";
            }

            if (check > 0)
            {
                text += check == 1 ? "1 server needs a closer look (yellow). " : $"{check} servers need a closer look (yellow). ";
            }

            if (fine > 0)
            {
                text += fine == 1 ? "1 server is up to date (green). " : $"{fine} servers are up to date (green). ";
            }

            if (notAssessed > 0)
            {
                text += notAssessed == 1 ? "For 1 server the update state was not assessed. " : $"For {notAssessed} servers the update state was not assessed. ";
            }

            return text.TrimEnd();
        }

        public override string TakeToAdministrator => "Give this report to the person who looks after your server. Each server's section below says, in plain words, what is wrong and what to do; the tables under it are for your administrator.";

        public override string LegendHeading => "What the colours mean";

        public override string LevelLabel(ExposureLevel? level) => level switch
        {
            ExposureLevel.Red => "Act now",
            ExposureLevel.Orange => "Update soon",
            ExposureLevel.Yellow => "Check",
            ExposureLevel.Green => "Up to date",
            _ => "Not assessed",
        };

        public override string LevelMeaning(ExposureLevel? level) => level switch
        {
            ExposureLevel.Red => "A security hole that attackers already use is open, or Microsoft no longer supports this Exchange version.",
            ExposureLevel.Orange => "Security updates are missing; none of the open holes is known to be used by attackers yet.",
            ExposureLevel.Yellow => "No open hole is known, but something could not be judged, needs a setting checked, or is held off only by a temporary mitigation.",
            ExposureLevel.Green => "Every known security hole is fixed.",
            _ => "No update information was given for this server.",
        };

        public override string ColumnServer => "Server";

        public override string ColumnUpdates => "Updates";

        public override string ColumnEmergencyMitigation => "Emergency Mitigation";

        public override string ColumnReview => "Signs of attack";

        public override string ColumnInstall => "To install";

        public override string ProductLine(string product, string cumulativeUpdate, string securityUpdate, string build)
        {
            var parts = new List<string>();
            if (product.Length > 0)
            {
                parts.Add(cumulativeUpdate.Length > 0 ? $"{product} {cumulativeUpdate}" : product);
            }

            if (securityUpdate.Length > 0 && securityUpdate != "Unknown")
            {
                parts.Add($"security update {securityUpdate}");
            }

            if (build.Length > 0)
            {
                parts.Add($"build {build}");
            }

            return string.Join(", ", parts);
        }

        public override string ServerSummaryHeading => "In plain words";

        public override string ExposureNotAssessed(string server) => $"The update state of {server} was not part of this report.";

        public override string Unsupported(string server, string product, DateTime? endOfSupport, string successor) =>
            $"{server} runs {product}, which Microsoft stopped supporting" + (endOfSupport.HasValue ? $" on {Date(endOfSupport.Value)}" : string.Empty) +
            ": new security holes in it are no longer fixed for everyone. " +
            (successor.Length > 0 ? $"Plan the move to {successor} now." : "Plan the move to a supported version now.");

        public override string Vulnerable(int vulnerable, int exploited)
        {
            var holes = vulnerable == 1 ? "1 known security hole is open because an update is missing" : $"{vulnerable} known security holes are open because updates are missing";
            var used = vulnerable == 1 ? (exploited == 0 ? "it is not known to be used by attackers yet." : "attackers already use it.")
                : exploited == 0 ? "none of them is known to be used by attackers yet."
                : exploited == 1 ? "attackers already use 1 of them." : $"attackers already use {exploited} of them.";
            return $"{holes}; {used}";
        }

        public override string NothingOpen => "Every known security hole is fixed on this server.";

        public override string NotJudged(int unknown) => unknown == 1
            ? "1 vulnerability could not be judged because the server's exact version (build) was not given."
            : $"{unknown} vulnerabilities could not be judged because the server's exact version (build) was not given.";

        public override string OnlyMitigated(int mitigated) => mitigated == 1
            ? "1 security hole is held off only by a temporary mitigation until its update is installed."
            : $"{mitigated} security holes are held off only by a temporary mitigation until their updates are installed.";

        public override string ConfigurationToCheck(int count) => count == 1
            ? "1 fix needs a setting that your administrator should check."
            : $"{count} fixes need settings that your administrator should check.";

        public override string InstallSentence(InstallAdvice advice) => advice.NeedsCumulativeUpdate
            ? $"To fix it, first upgrade the server to {advice.CumulativeUpdate}, then install {advice.Update}" + KbPart(advice) + "."
            : $"To fix it, install {advice.Update}" + KbPart(advice) + ".";

        public override string EmergencyMitigationWorks => "The Emergency Mitigation service works: Microsoft can block new attacks on this server automatically until updates are installed.";

        public override string EmergencyMitigationFails(int failed, int warnings) =>
            "The Emergency Mitigation service does not work as it should (" + (failed == 1 ? "1 check failed" : $"{failed} checks failed") +
            "), so Microsoft cannot protect this server automatically against new attacks.";

        public override string EmergencyMitigationWarns(int warnings) =>
            "The Emergency Mitigation service works, but " + (warnings == 1 ? "1 check gave a warning" : $"{warnings} checks gave warnings") + " that your administrator should look at.";

        public override string EmergencyMitigationNotTested => "The Emergency Mitigation service was not tested for this server.";

        public override string ReviewSentence(ReviewVerdict verdict, int serious, int suspicious) => verdict switch
        {
            ReviewVerdict.SignsOfCompromise =>
                $"The review of the server's logs and files found signs that it was attacked ({(serious == 1 ? "1 serious finding" : $"{serious} serious findings")}). " +
                "Treat this as a security incident: involve your administrator or an incident-response service now, and do not clean up or restore anything before the evidence is secured.",
            ReviewVerdict.Suspicious =>
                $"The review of the server's logs and files found {(suspicious == 1 ? "1 suspicious entry" : $"{suspicious} suspicious entries")} that your administrator should look at; none of them proves an attack.",
            ReviewVerdict.NoSigns => "The review of the server's logs and files found no signs of an attack.",
            _ => "The server's logs and files were not reviewed for signs of an attack.",
        };

        public override string CoverageGapSentence => "The logs do not reach back to the start of every attack wave this server was exposed to, so an older attack cannot be ruled out.";

        public override string WhatToInstallHeading => "What to install";

        public override string Update => "Update";

        public override string Build => "Build";

        public override string Kb => "Knowledge Base article";

        public override string CumulativeUpdateFirst(string cumulativeUpdate) => $"This update is for {cumulativeUpdate}: install the cumulative update {cumulativeUpdate} first.";

        public override string UpToDate => "The server runs the latest update the advisory data knows.";

        public override string NoUpdateKnown => "No update information was given for this server.";

        public override string WhatIsOpenHeading => "What is open";

        public override string Cve => "CVE";

        public override string Vulnerability => "Vulnerability";

        public override string SeverityHeader => "Severity";

        public override string ExploitedHeader => "Used by attackers";

        public override string StatusHeader => "Status";

        public override string FixedInHeader => "Fixed in";

        public override string YesNo(bool value) => value ? "Yes" : "No";

        public override string SeverityName(Severity severity) => severity.ToString();

        public override string StatusName(ExposureStatus status) => status switch
        {
            ExposureStatus.Vulnerable => "Vulnerable",
            ExposureStatus.Unknown => "Unknown",
            ExposureStatus.ConfigurationRequired => "Setting to check",
            ExposureStatus.Mitigated => "Mitigated only",
            ExposureStatus.Unsupported => "Out of support",
            _ => "Fixed",
        };

        public override string NoOpenRecords => "Nothing is open.";

        public override string UnknownNote(int unknown) =>
            $"{unknown} further vulnerabilities could not be judged from the version the server reports (AdminDisplayVersion). Run Get-ExchangeExposure with the file version of ExSetup.exe to judge them.";

        public override string OnlySummaryNote => "Only the one-line summary was given for this server; run Get-ExchangeExposure without -Summary and add its output to list each vulnerability.";

        public override string EmergencyMitigationHeading => "Emergency Mitigation service";

        public override string EmergencyMitigationShort(EmergencyMitigationResult? result) =>
            result == null ? "Not tested" : result.Passed ? "Works" : "Does not work";

        public override string Check => "Check";

        public override string Outcome => "Result";

        public override string Detail => "Detail";

        public override string WhatToDo => "What to do";

        public override string OutcomeName(CheckOutcome outcome) => outcome switch
        {
            CheckOutcome.Pass => "Passed",
            CheckOutcome.Warn => "Warning",
            CheckOutcome.Fail => "Failed",
            _ => "Not applicable",
        };

        public override string AllChecksPassed => "Every check passed.";

        public override string MitigationList(string kind, IReadOnlyList<string> ids) => $"{kind}: {string.Join(", ", ids)}";

        public override string StaleKind => "Mitigations no longer needed (the fixing update is installed)";

        public override string BlockedKind => "Mitigations blocked by an administrator";

        public override string MissingKind => "Mitigations the server should have but does not";

        public override string ReviewHeading => "Signs of attack (compromise review)";

        public override string ReviewShort(ReviewVerdict verdict) => verdict switch
        {
            ReviewVerdict.SignsOfCompromise => "Signs of attack",
            ReviewVerdict.Suspicious => "Suspicious entries",
            ReviewVerdict.NoSigns => "None found",
            _ => "Not reviewed",
        };

        public override string FindingsBySeverity => "Findings by severity";

        public override string Finding => "Finding";

        public override string Count => "Count";

        public override string When => "When (UTC)";

        public override string ClientAddresses => "Client addresses";

        public override string WhereFound => "Where";

        public override string NoTraces => "No traces of an attack were found in the evidence reviewed.";

        public override string MoreFindingGroups(int groups, int findings) => $"{groups} further kinds of finding ({findings} findings) are not listed; run Invoke-EomtReview to see all of them.";

        public override string EvidenceGapsHeading => "What the evidence could not show";

        public override string NotReviewedHint => "Run Invoke-EomtReview on the server (or on a copy of its logs and files) and add its output to this report.";

        public override string DataLanguageNote => string.Empty;

        public override string Footer(string moduleVersion, DateTimeOffset generatedAt) =>
            $"Made with the PowerShell module ExchangeHardening {moduleVersion} on {DateAndTime(generatedAt)}. The report describes what its input showed at that time; it does not replace a forensic investigation.";

        private static string KbPart(InstallAdvice advice) => advice.Kb.Length > 0 ? $" ({advice.Kb}, build {advice.Build})" : advice.Build.Length > 0 ? $" (build {advice.Build})" : string.Empty;
    }
}
