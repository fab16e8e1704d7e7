<#
.SYNOPSIS
    The main job on the bundled sample data: what an Exchange admin sees when running the module.
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
