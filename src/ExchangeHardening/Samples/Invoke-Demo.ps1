<#
.SYNOPSIS
    The main jobs on the bundled sample data: what an Exchange admin sees when running the module (exposure, the
    Emergency Mitigation service, and a compromise review of two copied servers).
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force
$samples = Join-Path (Split-Path $ModulePath) 'Samples'
$asOf = [datetime]'2026-11-30'

function Show([string] $Title, [scriptblock] $Command) {
    Write-Host ''
    Write-Host "== $Title ==" -ForegroundColor Cyan
    Write-Host ('PS> ' + $Command.ToString().Trim()) -ForegroundColor DarkGray
    & $Command | Out-String -Width 220 | Write-Host
}

$servers = Import-Clixml (Join-Path $samples 'Organization/ExchangeServers.xml')
$overrides = Import-Clixml (Join-Path $samples 'Organization/SettingOverrides.xml')

Show 'Question 1: am I exposed? One line per server (Get-ExchangeServer | Get-ExchangeExposure -Summary)' {
    $servers | Get-ExchangeExposure -Summary -SettingOverride $overrides -AsOf $asOf
}

Show 'What is open on EX01, worst first' {
    $servers | Where-Object Name -eq 'EX01' | Get-ExchangeExposure -SettingOverride $overrides -AsOf $asOf |
        Where-Object Status -in 'Vulnerable', 'Mitigated', 'Unsupported' | Sort-Object Severity, Cve | Select-Object -First 12 |
        Format-Table Status, Severity, Exploited, Cve, FixedIn -AutoSize
}

Show 'The exact ExSetup.exe version decides what AdminDisplayVersion cannot (EX02 with 15.2.1544.39)' {
    Get-ExchangeExposure -Name EX02 -Build '15.02.1544.039' -SettingOverride $overrides -AsOf $asOf |
        Format-Table Status, Severity, Exploited, Cve, FixedIn -AutoSize
}

Show 'Why: a setting override switched a fix off again' {
    Get-ExchangeExposure -Name EX02 -Build '15.02.1544.039' -SettingOverride $overrides -AsOf $asOf |
        Where-Object Cve -eq 'CVE-2024-49040' | Format-List Server, Cve, Status, Reason, Recommendation, Link
}

Show 'Which advisory covers CVE-2021-26855 (ProxyLogon), and what it fixed on each Exchange 2019 CU' {
    (Get-ExchangeAdvisory -Cve CVE-2021-26855).Vulnerabilities | Where-Object Cve -eq 'CVE-2021-26855' |
        Select-Object -ExpandProperty FixedIn | Where-Object Product -eq 'Exchange2019' | Format-Table -AutoSize
}

Show 'Advisories exploited in the wild' {
    Get-ExchangeAdvisory -Exploited | Sort-Object Published | Format-Table -AutoSize
}

# Part 3: is Emergency Mitigation doing its job, and was a server compromised before it was patched?
$organization = Import-Clixml (Join-Path $samples 'Organization/OrganizationConfig.xml')
$evidence = Join-Path $samples 'Evidence'
$compromised = Join-Path $evidence 'EX2016-Compromised'
$clean = Join-Path $evidence 'EX2019-Clean'
$ProgressPreference = 'SilentlyContinue'

Show 'Question 2: does the Emergency Mitigation service protect each server? (Get-ExchangeServer | Test-EmergencyMitigation)' {
    $servers | Test-EmergencyMitigation -OrganizationConfig $organization -SkipConnectivityTest
}

Show 'Why EX01 and EX03 fail: the checks that did not pass' {
    $servers | Where-Object Name -in 'EX01', 'EX03' | Test-EmergencyMitigation -OrganizationConfig $organization -SkipConnectivityTest |
        ForEach-Object { $server = $_.Server; $_.Checks | Where-Object Outcome -in 'Fail', 'Warn' | Select-Object @{ n = 'Server'; e = { $server } }, Outcome, Name, Detail } |
        Format-Table -AutoSize -Wrap
}

Show 'Question 3: was a server compromised? Invoke-EomtReview on two copied servers, findings counted by severity' {
    $compromised, $clean | ForEach-Object {
        $findings = @(Invoke-EomtReview -Path $_)
        [pscustomobject]@{
            Evidence   = Split-Path $_ -Leaf
            Critical   = @($findings | Where-Object Severity -eq 'Critical').Count
            High       = @($findings | Where-Object Severity -eq 'High').Count
            Medium     = @($findings | Where-Object Severity -eq 'Medium').Count
            Low        = @($findings | Where-Object Severity -eq 'Low').Count
            Categories = ($findings.Category | Sort-Object -Unique) -join ', '
        }
    } | Format-Table -AutoSize
}

Show 'EX2016: the critical findings, oldest first (default view; files carry the time they were copied)' {
    Invoke-EomtReview -Path $compromised -Server EX2016 | Where-Object Severity -eq 'Critical' | Sort-Object Timestamp
}

Show 'EX2016: the attack chain the review put together from one client address' {
    Invoke-EomtReview -Path $compromised -Server EX2016 | Where-Object Category -eq 'Correlation' |
        Format-List Title, Severity, Confidence, ClientIp, Timestamp, Evidence, Recommendation
}

Show 'EX2016: what the logs cannot rule out (they start on 2021-03-02, exploitation began in January)' {
    Invoke-EomtReview -Path $compromised -Server EX2016 | Where-Object RuleId -eq 'EXH-COV-002' | Format-Table Title, Evidence -AutoSize
}

Show 'EX2016 after its upgrade to CU23 with the November 2022 update: are EOMT''s rules still needed?' {
    Invoke-EomtReview -Path $compromised -Server EX2016 -Build 15.1.2507.16 | Where-Object Category -eq 'Mitigation' |
        Format-List Title, Recommendation
}

Show 'EX2019, patched: only coverage findings, and with its build only how far its logs reach' {
    Invoke-EomtReview -Path $clean -Server EX2019 -Build 15.2.1748.49 | Format-Table -Property RuleId, Category, Severity, Title -AutoSize
}

# Part 4: the page for the person who decides. Everything above, in one self-contained HTML file per language.
$reportFolder = Split-Path (Split-Path $ModulePath)
$results = @(
    $servers | Get-ExchangeExposure -Summary -SettingOverride $overrides -AsOf $asOf
    $servers | Get-ExchangeExposure -SettingOverride $overrides -AsOf $asOf
    $servers | Test-EmergencyMitigation -OrganizationConfig $organization -SkipConnectivityTest
    Invoke-EomtReview -Path $compromised -Server EX2016
    Invoke-EomtReview -Path $clean -Server EX2019 -Build 15.2.1748.49
)
Show 'The report for the office owner, in English and German (Export-ExchangeHardeningReport)' {
    $results | Export-ExchangeHardeningReport -Path (Join-Path $reportFolder 'ExchangeHardening-Report.html') -Language en -Organization 'Contoso' -PassThru
    $results | Export-ExchangeHardeningReport -Path (Join-Path $reportFolder 'ExchangeHardening-Bericht.html') -Language de -Organization 'Contoso' -PassThru
}
