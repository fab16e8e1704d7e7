using System;
using System.Collections.Generic;
using System.Globalization;

namespace ExchangeHardening.Engine.Reporting
{
    /// <summary>
    /// Der Bericht auf Deutsch: many of the small law and medical offices hit hardest in March 2021 were German, and
    /// the person who decides there reads German. Formal address (Sie), as in a letter from an IT service provider.
    /// </summary>
    public sealed class GermanReportText : ReportText
    {
        private static readonly string[] Months =
        {
            "Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember",
        };

        public override string LanguageTag => "de";

        public override string DocumentTitle => "Sicherheitsbericht Exchange Server";

        public override string Prepared(string? organization, DateTimeOffset generatedAt) =>
            (string.IsNullOrWhiteSpace(organization) ? "Erstellt" : $"Erstellt für {organization}") + $" am {DateAndTime(generatedAt)}";

        public override string Date(DateTime date) => $"{date.Day.ToString(CultureInfo.InvariantCulture)}. {Months[date.Month - 1]} {date.Year.ToString(CultureInfo.InvariantCulture)}";

        public override string InShortHeading => "Das Wichtigste in Kürze";

        public override string Overall(int servers, int actNow, int actSoon, int check, int fine, int notAssessed, int compromised)
        {
            var text = servers == 1 ? "Dieser Bericht umfasst 1 Exchange-Server. " : $"Dieser Bericht umfasst {servers} Exchange-Server. ";
            if (compromised > 0)
            {
                text += compromised == 1
                    ? "Auf 1 Server hat die Prüfung Spuren eines Angriffs gefunden: Behandeln Sie das als Sicherheitsvorfall und verständigen Sie noch heute Ihren Administrator oder einen Dienstleister für Vorfallbehandlung. "
                    : $"Auf {compromised} Servern hat die Prüfung Spuren eines Angriffs gefunden: Behandeln Sie das als Sicherheitsvorfall und verständigen Sie noch heute Ihren Administrator oder einen Dienstleister für Vorfallbehandlung. ";
            }

            if (actNow > 0)
            {
                text += actNow == 1 ? "1 Server muss sofort abgesichert werden (rot). " : $"{actNow} Server müssen sofort abgesichert werden (rot). ";
            }

            if (actSoon > 0)
            {
                text += actSoon == 1 ? "Auf 1 Server fehlen Updates (orange). " : $"Auf {actSoon} Servern fehlen Updates (orange). ";
            }

            if (check > 0)
            {
                text += check == 1 ? "1 Server sollte genauer geprüft werden (gelb). " : $"{check} Server sollten genauer geprüft werden (gelb). ";
            }

            if (fine > 0)
            {
                text += fine == 1 ? "1 Server ist auf dem aktuellen Stand (grün). " : $"{fine} Server sind auf dem aktuellen Stand (grün). ";
            }

            if (notAssessed > 0)
            {
                text += notAssessed == 1 ? "Für 1 Server wurde der Update-Stand nicht geprüft. " : $"Für {notAssessed} Server wurde der Update-Stand nicht geprüft. ";
            }

            return text.TrimEnd();
        }

        public override string TakeToAdministrator => "Geben Sie diesen Bericht der Person, die Ihren Server betreut. Der Abschnitt zu jedem Server sagt in einfachen Worten, was nicht stimmt und was zu tun ist; die Tabellen darunter sind für Ihren Administrator.";

        public override string LegendHeading => "Was die Farben bedeuten";

        public override string LevelLabel(ExposureLevel? level) => level switch
        {
            ExposureLevel.Red => "Sofort handeln",
            ExposureLevel.Orange => "Bald aktualisieren",
            ExposureLevel.Yellow => "Prüfen",
            ExposureLevel.Green => "Aktuell",
            _ => "Nicht geprüft",
        };

        public override string LevelMeaning(ExposureLevel? level) => level switch
        {
            ExposureLevel.Red => "Eine Sicherheitslücke, die Angreifer bereits ausnutzen, ist offen, oder Microsoft unterstützt diese Exchange-Version nicht mehr.",
            ExposureLevel.Orange => "Sicherheitsupdates fehlen; von keiner der offenen Lücken ist bekannt, dass sie schon ausgenutzt wird.",
            ExposureLevel.Yellow => "Keine offene Lücke ist bekannt, aber etwas ließ sich nicht beurteilen, eine Einstellung muss geprüft werden oder eine Lücke ist nur vorübergehend abgeschirmt.",
            ExposureLevel.Green => "Alle bekannten Sicherheitslücken sind geschlossen.",
            _ => "Für diesen Server lagen keine Angaben zum Update-Stand vor.",
        };

        public override string ColumnServer => "Server";

        public override string ColumnUpdates => "Updates";

        public override string ColumnEmergencyMitigation => "Notfall-Abwehr (EM)";

        public override string ColumnReview => "Angriffsspuren";

        public override string ColumnInstall => "Zu installieren";

        public override string ProductLine(string product, string cumulativeUpdate, string securityUpdate, string build)
        {
            var parts = new List<string>();
            if (product.Length > 0)
            {
                parts.Add(cumulativeUpdate.Length > 0 ? $"{product} {cumulativeUpdate}" : product);
            }

            if (securityUpdate.Length > 0 && securityUpdate != "Unknown")
            {
                parts.Add($"Sicherheitsupdate {securityUpdate}");
            }

            if (build.Length > 0)
            {
                parts.Add($"Build {build}");
            }

            return string.Join(", ", parts);
        }

        public override string ServerSummaryHeading => "In einfachen Worten";

        public override string ExposureNotAssessed(string server) => $"Der Update-Stand von {server} war nicht Teil dieses Berichts.";

        public override string Unsupported(string server, string product, DateTime? endOfSupport, string successor) =>
            $"Auf {server} läuft {product}; Microsoft hat die Unterstützung dafür" + (endOfSupport.HasValue ? $" am {Date(endOfSupport.Value)}" : string.Empty) +
            " beendet: Neue Sicherheitslücken darin werden nicht mehr für alle geschlossen. " +
            (successor.Length > 0 ? $"Planen Sie jetzt den Umstieg auf {successor}." : "Planen Sie jetzt den Umstieg auf eine unterstützte Version.");

        public override string Vulnerable(int vulnerable, int exploited)
        {
            var holes = vulnerable == 1 ? "1 bekannte Sicherheitslücke ist offen, weil ein Update fehlt" : $"{vulnerable} bekannte Sicherheitslücken sind offen, weil Updates fehlen";
            var used = vulnerable == 1 ? (exploited == 0 ? "es ist nicht bekannt, dass Angreifer sie schon ausnutzen." : "Angreifer nutzen sie bereits aus.")
                : exploited == 0 ? "von keiner ist bekannt, dass Angreifer sie schon ausnutzen."
                : exploited == 1 ? "1 davon nutzen Angreifer bereits aus." : $"{exploited} davon nutzen Angreifer bereits aus.";
            return $"{holes}; {used}";
        }

        public override string NothingOpen => "Alle bekannten Sicherheitslücken sind auf diesem Server geschlossen.";

        public override string NotJudged(int unknown) => unknown == 1
            ? "1 Sicherheitslücke ließ sich nicht beurteilen, weil die genaue Version (Build) des Servers nicht angegeben war."
            : $"{unknown} Sicherheitslücken ließen sich nicht beurteilen, weil die genaue Version (Build) des Servers nicht angegeben war.";

        public override string OnlyMitigated(int mitigated) => mitigated == 1
            ? "1 Sicherheitslücke ist nur vorübergehend abgeschirmt, bis ihr Update installiert ist."
            : $"{mitigated} Sicherheitslücken sind nur vorübergehend abgeschirmt, bis ihre Updates installiert sind.";

        public override string ConfigurationToCheck(int count) => count == 1
            ? "1 Korrektur braucht zusätzlich eine Einstellung, die Ihr Administrator prüfen sollte."
            : $"{count} Korrekturen brauchen zusätzlich Einstellungen, die Ihr Administrator prüfen sollte.";

        public override string InstallSentence(InstallAdvice advice) => advice.NeedsCumulativeUpdate
            ? $"Abhilfe: Zuerst den Server auf {advice.CumulativeUpdate} aktualisieren, dann {advice.Update} installieren" + KbPart(advice) + "."
            : $"Abhilfe: {advice.Update} installieren" + KbPart(advice) + ".";

        public override string EmergencyMitigationWorks => "Der Notfall-Abwehrdienst (Emergency Mitigation) arbeitet: Microsoft kann neue Angriffe auf diesen Server automatisch abblocken, bis Updates installiert sind.";

        public override string EmergencyMitigationFails(int failed, int warnings) =>
            "Der Notfall-Abwehrdienst (Emergency Mitigation) arbeitet nicht wie vorgesehen (" + (failed == 1 ? "1 Prüfung fehlgeschlagen" : $"{failed} Prüfungen fehlgeschlagen") +
            "), daher kann Microsoft diesen Server nicht automatisch vor neuen Angriffen schützen.";

        public override string EmergencyMitigationWarns(int warnings) =>
            "Der Notfall-Abwehrdienst (Emergency Mitigation) arbeitet, aber " + (warnings == 1 ? "1 Prüfung ergab eine Warnung" : $"{warnings} Prüfungen ergaben Warnungen") + ", die Ihr Administrator ansehen sollte.";

        public override string EmergencyMitigationNotTested => "Der Notfall-Abwehrdienst (Emergency Mitigation) wurde für diesen Server nicht geprüft.";

        public override string ReviewSentence(ReviewVerdict verdict, int serious, int suspicious) => verdict switch
        {
            ReviewVerdict.SignsOfCompromise =>
                $"Die Prüfung der Protokolle und Dateien des Servers hat Spuren eines Angriffs gefunden ({(serious == 1 ? "1 schwerwiegender Fund" : $"{serious} schwerwiegende Funde")}). " +
                "Behandeln Sie das als Sicherheitsvorfall: Ziehen Sie jetzt Ihren Administrator oder einen Dienstleister für Vorfallbehandlung hinzu, und bereinigen oder stellen Sie nichts wieder her, bevor die Spuren gesichert sind.",
            ReviewVerdict.Suspicious =>
                $"Die Prüfung der Protokolle und Dateien des Servers hat {(suspicious == 1 ? "1 auffälligen Eintrag" : $"{suspicious} auffällige Einträge")} gefunden, die Ihr Administrator ansehen sollte; keiner davon beweist einen Angriff.",
            ReviewVerdict.NoSigns => "Die Prüfung der Protokolle und Dateien des Servers hat keine Spuren eines Angriffs gefunden.",
            _ => "Die Protokolle und Dateien des Servers wurden nicht auf Angriffsspuren geprüft.",
        };

        public override string CoverageGapSentence => "Die Protokolle reichen nicht bis zum Beginn jeder Angriffswelle zurück, der dieser Server ausgesetzt war; ein älterer Angriff lässt sich daher nicht ausschließen.";

        public override string WhatToInstallHeading => "Was installiert werden muss";

        public override string Update => "Update";

        public override string Build => "Build";

        public override string Kb => "Knowledge-Base-Artikel";

        public override string CumulativeUpdateFirst(string cumulativeUpdate) => $"Dieses Update gilt für {cumulativeUpdate}: Zuerst das kumulative Update {cumulativeUpdate} installieren.";

        public override string UpToDate => "Der Server hat das neueste Update, das die Advisory-Daten kennen.";

        public override string NoUpdateKnown => "Für diesen Server lagen keine Angaben zum Update-Stand vor.";

        public override string WhatIsOpenHeading => "Was offen ist";

        public override string Cve => "CVE";

        public override string Vulnerability => "Sicherheitslücke";

        public override string SeverityHeader => "Schweregrad";

        public override string ExploitedHeader => "Wird ausgenutzt";

        public override string StatusHeader => "Status";

        public override string FixedInHeader => "Behoben in";

        public override string YesNo(bool value) => value ? "Ja" : "Nein";

        public override string SeverityName(Severity severity) => severity switch
        {
            Severity.Critical => "Kritisch",
            Severity.High => "Hoch",
            Severity.Medium => "Mittel",
            _ => "Niedrig",
        };

        public override string StatusName(ExposureStatus status) => status switch
        {
            ExposureStatus.Vulnerable => "Verwundbar",
            ExposureStatus.Unknown => "Unbekannt",
            ExposureStatus.ConfigurationRequired => "Einstellung prüfen",
            ExposureStatus.Mitigated => "Nur abgeschirmt",
            ExposureStatus.Unsupported => "Ohne Support",
            _ => "Behoben",
        };

        public override string NoOpenRecords => "Nichts ist offen.";

        public override string UnknownNote(int unknown) =>
            $"{unknown} weitere Sicherheitslücken ließen sich aus der Version, die der Server meldet (AdminDisplayVersion), nicht beurteilen. Rufen Sie Get-ExchangeExposure mit der Dateiversion von ExSetup.exe auf, um sie zu beurteilen.";

        public override string OnlySummaryNote => "Für diesen Server lag nur die Zusammenfassung vor; rufen Sie Get-ExchangeExposure ohne -Summary auf und geben Sie die Ausgabe mit in den Bericht, um jede Sicherheitslücke einzeln aufzuführen.";

        public override string EmergencyMitigationHeading => "Notfall-Abwehrdienst (Emergency Mitigation)";

        public override string EmergencyMitigationShort(EmergencyMitigationResult? result) =>
            result == null ? "Nicht geprüft" : result.Passed ? "Arbeitet" : "Arbeitet nicht";

        public override string Check => "Prüfung";

        public override string Outcome => "Ergebnis";

        public override string Detail => "Einzelheiten";

        public override string WhatToDo => "Was zu tun ist";

        public override string OutcomeName(CheckOutcome outcome) => outcome switch
        {
            CheckOutcome.Pass => "Bestanden",
            CheckOutcome.Warn => "Warnung",
            CheckOutcome.Fail => "Fehlgeschlagen",
            _ => "Nicht zutreffend",
        };

        public override string AllChecksPassed => "Alle Prüfungen bestanden.";

        public override string MitigationList(string kind, IReadOnlyList<string> ids) => $"{kind}: {string.Join(", ", ids)}";

        public override string StaleKind => "Nicht mehr nötige Abschirmungen (das Update ist installiert)";

        public override string BlockedKind => "Von einem Administrator gesperrte Abschirmungen";

        public override string MissingKind => "Abschirmungen, die der Server haben sollte, aber nicht hat";

        public override string ReviewHeading => "Angriffsspuren (Kompromittierungsprüfung)";

        public override string ReviewShort(ReviewVerdict verdict) => verdict switch
        {
            ReviewVerdict.SignsOfCompromise => "Spuren gefunden",
            ReviewVerdict.Suspicious => "Auffälligkeiten",
            ReviewVerdict.NoSigns => "Keine gefunden",
            _ => "Nicht geprüft",
        };

        public override string FindingsBySeverity => "Funde nach Schweregrad";

        public override string Finding => "Fund";

        public override string Count => "Anzahl";

        public override string When => "Wann (UTC)";

        public override string ClientAddresses => "Client-Adressen";

        public override string WhereFound => "Fundort";

        public override string NoTraces => "In den geprüften Daten wurden keine Angriffsspuren gefunden.";

        public override string MoreFindingGroups(int groups, int findings) => $"{groups} weitere Arten von Funden ({findings} Funde) sind nicht aufgeführt; Invoke-EomtReview zeigt sie alle.";

        public override string EvidenceGapsHeading => "Was die Daten nicht zeigen konnten";

        public override string NotReviewedHint => "Führen Sie Invoke-EomtReview auf dem Server (oder auf einer Kopie seiner Protokolle und Dateien) aus und geben Sie die Ausgabe mit in diesen Bericht.";

        public override string DataLanguageNote => "Die Bezeichnungen der Sicherheitslücken und Funde stehen auf Englisch, wie Microsoft und die Advisory-Daten sie veröffentlichen.";

        public override string Footer(string moduleVersion, DateTimeOffset generatedAt) =>
            $"Erstellt mit dem PowerShell-Modul ExchangeHardening {moduleVersion} am {DateAndTime(generatedAt)}. Der Bericht beschreibt, was die Eingabedaten zu diesem Zeitpunkt zeigten; er ersetzt keine forensische Untersuchung.";

        private static string KbPart(InstallAdvice advice) => advice.Kb.Length > 0 ? $" ({advice.Kb}, Build {advice.Build})" : advice.Build.Length > 0 ? $" (Build {advice.Build})" : string.Empty;
    }
}
