# The checks of the ExchangeHardening compliance suite (ExchangeHardening.Compliance.Tests.ps1): data, not code.
# Every check becomes one Pester test per server, named '<Id>: <Title>' and tagged with its Id, Area and Severity.
# A check only names what to look for in the output of one cmdlet; the cmdlets make every judgement:
#   Records  (area EXP) property values of Get-ExchangeExposure -IncludePatched records; a matching record fails it.
#   Check    (area EM)  the name of a Test-EmergencyMitigation check; its Outcome decides (Fail fails, Warn passes
#                       with the detail, NotApplicable or a check that did not run skips).
#   Findings (area REV) property values of Invoke-EomtReview findings; a matching finding fails it.
# Remedy is the first sentence of the failure message; the records' and findings' own Recommendation follows.
# Ids are stable: never renumber or reuse one, because configuration files and reports refer to them.
@{
    SchemaVersion = 1

    Areas = @(
        @{ Id = 'EXP'; Name = 'Exposure'; Command = 'Get-ExchangeExposure' }
        @{ Id = 'EM'; Name = 'Emergency Mitigation'; Command = 'Test-EmergencyMitigation' }
        @{ Id = 'REV'; Name = 'Compromise review'; Command = 'Invoke-EomtReview' }
    )

    Checks = @(
        @{
            Id       = 'EXH-EXP-001'
            Area     = 'EXP'
            Severity = 'Critical'
            Title    = 'No vulnerability exploited in the wild is open'
            Records  = @{ Status = 'Vulnerable'; Exploited = 'True' }
            Remedy   = 'Attackers use these vulnerabilities: install the update today.'
            ShowLatestUpdate = $true
        }
        @{
            Id       = 'EXH-EXP-002'
            Area     = 'EXP'
            Severity = 'High'
            Title    = 'No known vulnerability is open'
            Records  = @{ Status = 'Vulnerable' }
            Remedy   = 'Install the updates that fix these vulnerabilities.'
            ShowLatestUpdate = $true
        }
        @{
            Id       = 'EXH-EXP-003'
            Area     = 'EXP'
            Severity = 'High'
            Title    = 'The Exchange version is supported'
            Records  = @{ Status = 'Unsupported' }
            Remedy   = 'Security updates for this version reach only Extended Security Update customers.'
        }
        @{
            Id       = 'EXH-EXP-004'
            Area     = 'EXP'
            Severity = 'Medium'
            Title    = 'The exact build is known (not only AdminDisplayVersion)'
            Records  = @{ BuildSource = 'AdminDisplayVersion' }
            Remedy   = 'Only AdminDisplayVersion was given, which names the CU but not the installed security update. Give the server object a Build property with the ExSetup.exe file version, for example from Invoke-Command -ComputerName <server> { (Get-Command ExSetup.exe).FileVersionInfo.FileVersion }.'
            ListRecords = $false
        }
        @{
            Id       = 'EXH-EXP-005'
            Area     = 'EXP'
            Severity = 'Medium'
            Title    = 'The advisory data knows the installed build'
            Records  = @{ AdvisoryId = 'AdvisoryData' }
            Remedy   = 'Vulnerabilities fixed after the advisory data was written cannot be judged.'
        }
        @{
            Id       = 'EXH-EM-001'
            Area     = 'EM'
            Severity = 'Medium'
            Title    = 'The build has the Emergency Mitigation service'
            Check    = 'Applicability'
        }
        @{
            Id       = 'EXH-EM-002'
            Area     = 'EM'
            Severity = 'High'
            Title    = 'Emergency Mitigation is enabled for the organisation and the server'
            Check    = 'Switches'
        }
        @{
            Id       = 'EXH-EM-003'
            Area     = 'EM'
            Severity = 'High'
            Title    = 'The MSExchangeMitigation service is running and starts automatically'
            Check    = 'Service'
        }
        @{
            Id       = 'EXH-EM-004'
            Area     = 'EM'
            Severity = 'High'
            Title    = 'The mitigation endpoint is reachable and the build can use its definitions'
            Check    = 'Endpoint'
        }
        @{
            Id       = 'EXH-EM-005'
            Area     = 'EM'
            Severity = 'High'
            Title    = 'The IIS URL Rewrite module is installed'
            Check    = 'UrlRewrite'
        }
        @{
            Id       = 'EXH-EM-006'
            Area     = 'EM'
            Severity = 'High'
            Title    = 'Every applied mitigation has a working IIS rule'
            Check    = 'AppliedMitigations'
        }
        @{
            Id       = 'EXH-EM-007'
            Area     = 'EM'
            Severity = 'Low'
            Title    = 'No mitigation outlived its fix'
            Check    = 'StaleMitigations'
        }
        @{
            Id       = 'EXH-EM-008'
            Area     = 'EM'
            Severity = 'High'
            Title    = 'No mitigation is blocked while the build still needs it'
            Check    = 'BlockedMitigations'
        }
        @{
            Id       = 'EXH-EM-009'
            Area     = 'EM'
            Severity = 'High'
            Title    = 'Every mitigation the build needs is applied'
            Check    = 'MissingMitigations'
        }
        @{
            Id       = 'EXH-EM-010'
            Area     = 'EM'
            Severity = 'Medium'
            Title    = 'The Emergency Mitigation service fetched its definitions recently'
            Check    = 'Activity'
        }
        @{
            Id       = 'EXH-REV-001'
            Area     = 'REV'
            Severity = 'Critical'
            Title    = 'The compromise review has no Critical finding'
            Findings = @{ Severity = 'Critical' }
            Remedy   = 'Treat the server as compromised: isolate it, keep the evidence and follow your incident response plan.'
        }
        @{
            Id       = 'EXH-REV-002'
            Area     = 'REV'
            Severity = 'High'
            Title    = 'The compromise review has no High finding'
            Findings = @{ Severity = 'High' }
            Remedy   = 'Investigate each finding; until it is explained, treat the server as possibly compromised.'
        }
        @{
            Id       = 'EXH-REV-003'
            Area     = 'REV'
            Severity = 'Medium'
            Title    = 'The logs reach back to when the campaigns began'
            Findings = @{ RuleId = 'EXH-COV-002' }
            Remedy   = 'The logs start after exploitation began, so the review cannot rule a compromise out for the time before.'
        }
        @{
            Id       = 'EXH-REV-004'
            Area     = 'REV'
            Severity = 'Low'
            Title    = 'The evidence holds every log source the campaigns are hunted in'
            Findings = @{ RuleId = 'EXH-COV-003' }
            Remedy   = 'Some campaigns could not be looked for, because their logs are not in the evidence.'
        }
    )
}
