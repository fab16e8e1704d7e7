<#
.SYNOPSIS
    Fan-out to every Exchange server with PowerShell remoting: the exact build of each server for
    Get-ExchangeExposure, or (with -Review) Invoke-EomtReview -Local on each server with the module copied there.
.DESCRIPTION
    Run it where Get-ExchangeServer works (the Exchange Management Shell, or a session with the Exchange cmdlets
    imported) and ExchangeHardening is installed, as an account with local administrator rights on the Exchange
    servers. Windows PowerShell 5.1 or PowerShell 7; WinRM to the servers (HTTP 5985, Kerberos).

    Without -Review, one remote command reads the file version of ExSetup.exe on all servers at once, 16 at a time,
    and the results go straight to Get-ExchangeExposure -Summary. Each result carries its server's name in
    PSComputerName, which the cmdlet uses as the server name, and the exact build names the installed security
    update (AdminDisplayVersion from Get-ExchangeServer only names the CU). This is the one-liner:

        Invoke-Command -ComputerName (Get-ExchangeServer).Name -ThrottleLimit 16 -ScriptBlock {
            (Get-Command ExSetup.exe).FileVersionInfo
        } | Get-ExchangeExposure -Summary

    With -Review, the module is copied to each server (over the remoting session, into
    %ProgramData%\ExchangeHardening\<version>, where it stays for the next run) and Invoke-EomtReview -Local runs on
    all servers in parallel. It reads each server's own logs, IIS files and events, where they are, so no log
    leaves the server; only the findings come back, as Deserialized.ExchangeHardening.Finding objects with
    PSComputerName. They format like local findings.

    The two modes write different objects, so they are separate runs: a table of summaries, or a list of findings.
    A server that cannot be reached or fails is reported as an error and the others go on. Nothing on the servers
    is changed, apart from the module copy with -Review.
.PARAMETER ComputerName
    The servers. By default every Exchange server that is not an Edge Transport server ((Get-ExchangeServer).Name):
    Edge servers are outside the domain and rarely reachable with WinRM.
.PARAMETER Review
    Run Invoke-EomtReview -Local on each server instead of reading the builds.
.PARAMETER Since
    With -Review: only evidence from this time on (web-shell files are reported whatever their time).
.PARAMETER ThrottleLimit
    How many servers run at the same time (Invoke-Command -ThrottleLimit). 16 by default.
.PARAMETER WorkersPerServer
    With -Review: how many files each server reads at the same time (Invoke-EomtReview -ThrottleLimit). 2 by
    default, to leave the busy Exchange server its CPUs.
.PARAMETER Credential
    An account for the remote connections; by default the current one.
.EXAMPLE
    .\FanOut-ExSetupVersion.ps1 | Sort-Object Level, Server

    One traffic light per Mailbox server, with the exact installed update.
.EXAMPLE
    $findings = .\FanOut-ExSetupVersion.ps1 -Review -Since (Get-Date).AddDays(-90)
    $findings | Where-Object Severity -in 'Critical', 'High' | Format-Table PSComputerName, RuleId, Title, Path

    Reviews every Mailbox server for the last 90 days and lists the serious findings with the server they came from.
#>
param(
    [string[]] $ComputerName,
    [switch] $Review,
    [Nullable[datetime]] $Since,
    [ValidateRange(1, 256)] [int] $ThrottleLimit = 16,
    [ValidateRange(1, 64)] [int] $WorkersPerServer = 2,
    [System.Management.Automation.PSCredential] $Credential
)

$ErrorActionPreference = 'Stop'
Import-Module ExchangeHardening

if (-not $ComputerName) {
    $ComputerName = @(Get-ExchangeServer | Where-Object { -not $_.IsEdgeServer } | ForEach-Object { [string] $_.Name })
}
$connection = @{ ComputerName = $ComputerName }
if ($Credential) { $connection.Credential = $Credential }

if (-not $Review) {
    # A server that cannot be reached is an error of its own (-ErrorAction Continue); the others are evaluated.
    Invoke-Command @connection -ThrottleLimit $ThrottleLimit -ErrorAction Continue -ScriptBlock {
        (Get-Command ExSetup.exe).FileVersionInfo
    } | Get-ExchangeExposure -Summary
    return
}

# -Review: one session per server, the module copied once per version, the review in parallel.
$module = Get-Module ExchangeHardening
$version = $module.Version.ToString()
$sessions = @(New-PSSession @connection -ErrorAction Continue)
if (-not $sessions.Count) { throw 'No server could be reached.' }
try {
    $ready = New-Object System.Collections.Generic.List[System.Management.Automation.Runspaces.PSSession]
    foreach ($session in $sessions) {
        try {
            $target = Invoke-Command -Session $session -ArgumentList $version -ScriptBlock {
                param($Version)
                $path = Join-Path $env:ProgramData "ExchangeHardening\$Version"
                if (-not (Test-Path -LiteralPath $path)) { New-Item -ItemType Directory -Path $path -Force | Out-Null }
                $path
            }
            # A marker written after the last file, so that an interrupted copy is made again.
            $present = Invoke-Command -Session $session -ArgumentList $target -ScriptBlock {
                param($Path)
                Test-Path -LiteralPath (Join-Path $Path 'copy-complete.txt')
            }
            if (-not $present) {
                foreach ($item in Get-ChildItem -LiteralPath $module.ModuleBase) {
                    Copy-Item -LiteralPath $item.FullName -Destination $target -ToSession $session -Recurse -Force
                }
                Invoke-Command -Session $session -ArgumentList $target -ScriptBlock {
                    param($Path)
                    Set-Content -LiteralPath (Join-Path $Path 'copy-complete.txt') -Value "Copied $(Get-Date -Format o)"
                }
            }
            $ready.Add($session)
        }
        catch {
            Write-Error -Message "$($session.ComputerName): the module could not be copied: $($_.Exception.Message)" -ErrorAction Continue
        }
    }

    if ($ready.Count) {
        $review = @{ ThrottleLimit = $WorkersPerServer }
        if ($Since) { $review.Since = $Since }
        Invoke-Command -Session $ready.ToArray() -ThrottleLimit $ThrottleLimit -ErrorAction Continue -ArgumentList $version, $review -ScriptBlock {
            param($Version, $Review)
            Import-Module (Join-Path $env:ProgramData "ExchangeHardening\$Version\ExchangeHardening.psd1") -ErrorAction Stop
            # Progress from many servers at once is noise; findings stream back as they are found.
            $ProgressPreference = 'SilentlyContinue'
            Invoke-EomtReview -Local @Review
        }
    }
}
finally {
    Remove-PSSession -Session $sessions
}
