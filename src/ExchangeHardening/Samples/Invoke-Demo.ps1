<#
.SYNOPSIS
    The main job on the bundled sample data: what an Exchange admin sees when running the module.
#>
param([Parameter(Mandatory)] [string] $ModulePath)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

Write-Host ''
Write-Host '== Advisories shipped with the module (Get-ExchangeAdvisory) ==' -ForegroundColor Cyan
Get-ExchangeAdvisory | Sort-Object Published | Format-Table -AutoSize | Out-String -Width 200 | Write-Host

Write-Host '== Exploited in the wild, affecting Exchange 2019 ==' -ForegroundColor Cyan
Get-ExchangeAdvisory -Exploited -Product Exchange2019 | Sort-Object Published | Format-Table -AutoSize | Out-String -Width 200 | Write-Host

Write-Host '== Which advisory covers CVE-2021-26855, and what to install on each CU ==' -ForegroundColor Cyan
$proxyLogon = Get-ExchangeAdvisory -Cve CVE-2021-26855
$proxyLogon | Format-List Id, Title, Campaign, Published, Severity, Exploited, Cves, Summary, Recommendation | Out-String -Width 200 | Write-Host
$proxyLogon.Vulnerabilities | Where-Object Cve -eq 'CVE-2021-26855' | Select-Object -ExpandProperty FixedIn |
    Where-Object Product -ne 'Exchange2013' | Select-Object -Last 8 | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
