<#
.SYNOPSIS
    Azure Automation runbook for a Hybrid Runbook Worker: answers the three ExchangeHardening questions for every
    Exchange server of the organization and writes one JSON report.
.DESCRIPTION
    Runs on a Hybrid Runbook Worker in the Exchange server's domain (Windows PowerShell 5.1 or PowerShell 7), with
    the ExchangeHardening module imported into the Automation account (ExchangeHardening.zip) or installed on the
    worker. It:

    1. opens a remote session to the Exchange PowerShell endpoint of one server (Kerberos) and imports only
       Get-ExchangeServer, Get-OrganizationConfig and Get-SettingOverride from it;
    2. optionally reads, with Invoke-Command on each Mailbox server (-ReadFromServers), the exact ExSetup.exe
       version, so that the installed security update is known instead of Unknown, and the MSExchangeMitigation
       service, so that Test-EmergencyMitigation can check it;
    3. answers "am I exposed?" (Get-ExchangeExposure -Summary), "does Emergency Mitigation work?"
       (Test-EmergencyMitigation -Quiet for the verdict, and in full for the checks) and, when evidence copies are
       given, "was I compromised?" (Invoke-EomtReview on each server's folder of a file share);
    4. writes the report as JSON to the job output (Write-Output) and, with -OutputPath, to a file; with
       -HtmlReportPath also the printable page for the person who decides (Export-ExchangeHardeningReport).

    It never prompts and runs with $ErrorActionPreference = 'Stop': anything that makes the whole report
    impossible (no module, no session) stops the job; a problem with one server or one evidence file is
    collected in the report's Problems list and the rest goes on. Nothing on any server is changed.
.PARAMETER ExchangeServer
    The Exchange server whose PowerShell virtual directory the runbook connects to, as http://<server>/PowerShell/.
.PARAMETER CredentialName
    The name of an Automation credential asset to connect with. Without it, the account the Hybrid Runbook Worker
    runs as connects (it needs the Exchange "View-Only Organization Management" role, and local administrator
    rights on the servers for -ReadFromServers).
.PARAMETER ReadFromServers
    Read the file version of ExSetup.exe and the MSExchangeMitigation service from each Mailbox server with
    PowerShell remoting (WinRM), 16 servers at a time. Without it, only AdminDisplayVersion is known (results that
    depend on the installed security update are Unknown) and the Service check of Test-EmergencyMitigation warns.
.PARAMETER EvidencePath
    File share folders that hold copies of the servers' files for Invoke-EomtReview, one subfolder per server
    named like the server (for example \\FS01\EomtReview\EX01). Every subfolder is reviewed.
.PARAMETER Since
    Review only evidence from this time on (Invoke-EomtReview -Since). Web-shell files are reported whatever their time.
.PARAMETER OutputPath
    A .json file to write the report to, in addition to the job output. A folder gets a dated file name.
.PARAMETER HtmlReportPath
    A .html file (or a folder, for a dated file name) for the report for the person who decides: per server a
    traffic light, what is open and what to install, the EM verdict and the review's findings, in plain words.
.PARAMETER ReportLanguage
    The language of the HTML report: en (default) or de.
.PARAMETER FailWhenExposed
    End the job as Failed (after writing the report) when a server is Red, Emergency Mitigation failed on a
    server, or the review found a Critical or High finding, so that an Azure Monitor alert on failed jobs fires.
.EXAMPLE
    Start-AzAutomationRunbook -AutomationAccountName aa-exchange -ResourceGroupName rg-ops -Name Runbook-ExchangeHardening -RunOn HybridWorkers -Parameters @{ ExchangeServer = 'ex01.contoso.com'; ReadFromServers = $true; EvidencePath = '\\fs01\EomtReview'; FailWhenExposed = $true }
#>
param(
    [string] $ExchangeServer,
    [string] $CredentialName,
    [switch] $ReadFromServers,
    [string[]] $EvidencePath,
    [Nullable[datetime]] $Since,
    [string] $OutputPath,
    [string] $HtmlReportPath,
    [ValidateSet('en', 'de')] [string] $ReportLanguage = 'en',
    [switch] $FailWhenExposed
)

$ErrorActionPreference = 'Stop'
# Progress records slow a job down and nobody watches them.
$ProgressPreference = 'SilentlyContinue'

if (-not $ExchangeServer) {
    throw 'Pass -ExchangeServer: the Exchange server whose PowerShell endpoint (http://<server>/PowerShell/) the runbook connects to.'
}

function ConvertTo-ReportValue {
    # A copy of an object that ConvertTo-Json writes the same way on Windows PowerShell 5.1 and PowerShell 7:
    # enumerations as their names (5.1 has no -EnumsAsStrings and writes numbers), times as ISO 8601 text.
    param($Value, [int] $Depth = 0)
    if ($null -eq $Value) { return $null }
    if ($Value -is [enum]) { return $Value.ToString() }
    if ($Value -is [datetimeoffset]) { return $Value.ToString('o') }
    if ($Value -is [datetime]) { return $Value.ToString('o') }
    if ($Value -is [string] -or $Value -is [ValueType]) { return $Value }
    if ($Depth -ge 5) { return $Value.ToString() }
    if ($Value -is [System.Collections.IDictionary]) {
        $table = [ordered]@{}
        foreach ($key in $Value.Keys) { $table[[string] $key] = ConvertTo-ReportValue $Value[$key] ($Depth + 1) }
        return [pscustomobject] $table
    }
    if ($Value -is [System.Collections.IEnumerable]) {
        $items = New-Object System.Collections.Generic.List[object]
        foreach ($item in $Value) { $items.Add((ConvertTo-ReportValue $item ($Depth + 1))) }
        return , $items.ToArray()
    }
    $copy = [ordered]@{}
    foreach ($property in $Value.PSObject.Properties) {
        if ($property.MemberType -in 'Property', 'NoteProperty') {
            $copy[$property.Name] = ConvertTo-ReportValue $property.Value ($Depth + 1)
        }
    }
    [pscustomobject] $copy
}

Import-Module ExchangeHardening
$problems = New-Object System.Collections.Generic.List[string]
function Add-Problem([string] $Step, $ErrorRecords) {
    foreach ($record in @($ErrorRecords)) { if ($record) { $problems.Add("${Step}: $record") } }
}

# 1. The Exchange session: only the three read-only cmdlets the module needs.
$connect = @{
    ConfigurationName = 'Microsoft.Exchange'
    ConnectionUri     = "http://$ExchangeServer/PowerShell/"
    Authentication    = 'Kerberos'
}
if ($CredentialName) {
    # An Automation credential asset: read by the Automation service, never typed in.
    $credential = Get-AutomationPSCredential -Name $CredentialName
    $connect.Credential = $credential
}
$session = New-PSSession @connect
try {
    $null = Import-PSSession -Session $session -CommandName Get-ExchangeServer, Get-OrganizationConfig, Get-SettingOverride -AllowClobber -DisableNameChecking
    $servers = @(Get-ExchangeServer)
    $organization = Get-OrganizationConfig
    $overrides = @()
    if (Get-Command -Name Get-SettingOverride -ErrorAction SilentlyContinue) {
        $overrides = @(Get-SettingOverride)
    }
    else {
        $problems.Add('Get-SettingOverride is not available to this account: setting overrides that switch fixes off are not taken into account.')
    }
}
finally {
    Remove-PSSession -Session $session
}

# 2. The exact builds and the EM service, read on the servers themselves (Edge Transport servers are usually not
#    reachable this way). Each result carries its server's name in PSComputerName.
$builds = @{}
$services = New-Object System.Collections.Generic.List[object]
if ($ReadFromServers) {
    $mailboxServers = @($servers | Where-Object { -not $_.IsEdgeServer })
    if ($mailboxServers.Count) {
        $remote = @{ ComputerName = @($mailboxServers | ForEach-Object { [string] $_.Fqdn }); ThrottleLimit = 16 }
        if ($CredentialName) { $remote.Credential = $credential }
        $fromServers = @(Invoke-Command @remote -ErrorAction SilentlyContinue -ErrorVariable remoteErrors -ScriptBlock {
                (Get-Command ExSetup.exe).FileVersionInfo
                Get-Service -Name MSExchangeMitigation
            })
        Add-Problem 'Reading the servers' $remoteErrors
        foreach ($item in $fromServers) {
            if ($item.PSObject.TypeNames -match 'FileVersionInfo') { $builds[([string] $item.PSComputerName).Split('.')[0].ToUpperInvariant()] = $item }
            else { $services.Add($item) }
        }
    }
}

# 3. The three questions, server by server, so that one bad server does not stop the others.
$exposure = New-Object System.Collections.Generic.List[object]
$records = New-Object System.Collections.Generic.List[object]
$emVerdicts = New-Object System.Collections.Generic.List[object]
$emResults = New-Object System.Collections.Generic.List[object]
foreach ($server in $servers) {
    $build = $builds[([string] $server.Name).ToUpperInvariant()]
    $exact = @{}
    if ($build) { $exact.Build = $build }

    $exposureParameters = @{ Summary = $true }
    if ($overrides.Count) { $exposureParameters.SettingOverride = $overrides }
    foreach ($summary in @($server | Get-ExchangeExposure @exposureParameters @exact -ErrorAction SilentlyContinue -ErrorVariable exposureErrors)) { $exposure.Add($summary) }
    Add-Problem "Get-ExchangeExposure $($server.Name)" $exposureErrors
    if ($HtmlReportPath) {
        # The HTML report lists each open vulnerability; the JSON keeps to the summaries.
        $exposureParameters.Remove('Summary')
        foreach ($record in @($server | Get-ExchangeExposure @exposureParameters @exact -ErrorAction SilentlyContinue)) { $records.Add($record) }
    }

    # The connectivity test would test this worker, not the server: skipped (run -Local on a server for it).
    $emParameters = @{ OrganizationConfig = $organization; SkipConnectivityTest = $true }
    if ($services.Count) { $emParameters.Service = $services.ToArray() }
    $passed = @($server | Test-EmergencyMitigation @emParameters @exact -Quiet -ErrorAction SilentlyContinue -ErrorVariable quietErrors)
    if ($passed.Count) { $emVerdicts.Add([pscustomobject]@{ Server = [string] $server.Name; Passed = [bool] $passed[0] }) }
    Add-Problem "Test-EmergencyMitigation -Quiet $($server.Name)" $quietErrors
    foreach ($result in @($server | Test-EmergencyMitigation @emParameters @exact -ErrorAction SilentlyContinue -ErrorVariable emErrors)) { $emResults.Add($result) }
    Add-Problem "Test-EmergencyMitigation $($server.Name)" $emErrors
}

$findings = New-Object System.Collections.Generic.List[object]
foreach ($share in @($EvidencePath | Where-Object { $_ })) {
    foreach ($folder in @(Get-ChildItem -LiteralPath $share -Directory)) {
        $review = @{ Path = $folder.FullName; Server = $folder.Name }
        if ($Since) { $review.Since = $Since }
        foreach ($finding in @(Invoke-EomtReview @review -ErrorAction SilentlyContinue -ErrorVariable reviewErrors)) { $findings.Add($finding) }
        Add-Problem "Invoke-EomtReview $($folder.FullName)" $reviewErrors
    }
}

# 4. The page for the person who decides, then one JSON report (which lists the problems of both).
if ($HtmlReportPath) {
    $page = $HtmlReportPath
    if (Test-Path -LiteralPath $HtmlReportPath -PathType Container) {
        $page = Join-Path $HtmlReportPath ('ExchangeHardening-{0:yyyy-MM-dd-HHmm}.html' -f (Get-Date))
    }
    @($exposure.ToArray()) + @($records.ToArray()) + @($emResults.ToArray()) + @($findings.ToArray()) |
        Export-ExchangeHardeningReport -Path $page -Language $ReportLanguage -ErrorAction SilentlyContinue -ErrorVariable pageErrors
    Add-Problem 'Export-ExchangeHardeningReport' $pageErrors
}

$report = [pscustomobject]@{
    GeneratedAt               = (Get-Date).ToUniversalTime().ToString('o')
    Worker                    = [System.Environment]::MachineName
    ExchangeServer            = $ExchangeServer
    ModuleVersion             = (Get-Module ExchangeHardening).Version.ToString()
    Exposure                  = $exposure.ToArray()
    EmergencyMitigationPassed = $emVerdicts.ToArray()
    EmergencyMitigation       = $emResults.ToArray()
    Findings                  = $findings.ToArray()
    Problems                  = $problems.ToArray()
}
$json = ConvertTo-ReportValue $report | ConvertTo-Json -Depth 6

if ($OutputPath) {
    $file = $OutputPath
    if (Test-Path -LiteralPath $OutputPath -PathType Container) {
        $file = Join-Path $OutputPath ('ExchangeHardening-{0:yyyy-MM-dd-HHmm}.json' -f (Get-Date))
    }
    Set-Content -LiteralPath $file -Value $json -Encoding UTF8
}
Write-Output $json

if ($FailWhenExposed) {
    $red = @($exposure | Where-Object { $_.Level.ToString() -eq 'Red' } | ForEach-Object { $_.Server })
    $emFailed = @($emVerdicts | Where-Object { -not $_.Passed } | ForEach-Object { $_.Server })
    $serious = @($findings | Where-Object { $_.Severity.ToString() -in 'Critical', 'High' })
    if ($red.Count -or $emFailed.Count -or $serious.Count) {
        throw "Action needed: Red servers: $($red -join ', '); Emergency Mitigation failed on: $($emFailed -join ', '); Critical or High findings: $($serious.Count)."
    }
}
