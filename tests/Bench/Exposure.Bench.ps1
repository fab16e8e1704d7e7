<#
.SYNOPSIS
    Benchmark: pipes 10,000 server objects through Get-ExchangeExposure and reports objects per second.
    Target on a 2-core machine: above 5,000 objects per second (per-invocation setup included).
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Count = 10000,
    [double] $Target = 5000
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath -Force

# A realistic mix: every CU-release and update build of the catalog, as AdminDisplayVersion strings and as exact builds.
$builds = @(
    '15.0.1497.2', '15.0.1497.48', '15.1.2375.7', '15.1.2375.37', '15.1.2507.6', '15.1.2507.39', '15.1.2507.66',
    '15.2.986.5', '15.2.1118.7', '15.2.1118.40', '15.2.1258.12', '15.2.1544.4', '15.2.1544.39', '15.2.1748.10',
    '15.2.1748.43', '15.2.2562.17', '15.2.2562.37'
)
$servers = for ($i = 0; $i -lt $Count; $i++) {
    $build = $builds[$i % $builds.Count]
    $parts = $build.Split('.')
    if ($i % 2) {
        [pscustomobject]@{ Name = "EX$i"; Fqdn = "ex$i.contoso.com"; AdminDisplayVersion = "Version $($parts[0]).$($parts[1]) (Build $($parts[2]).$($parts[3]))"; IsEdgeServer = $false; MitigationsApplied = @('PING1') }
    }
    else {
        [pscustomobject]@{ Name = "EX$i"; Fqdn = "ex$i.contoso.com"; FileVersion = $build; IsEdgeServer = $false; MitigationsApplied = @() }
    }
}

# Warm-up: load the module's data and JIT once, as an interactive session would have.
$null = $servers | Select-Object -First 10 | Get-ExchangeExposure -Summary

$watch = [System.Diagnostics.Stopwatch]::StartNew()
$summaries = $servers | Get-ExchangeExposure -Summary
$watch.Stop()
$records = Measure-Command { $null = $servers | Select-Object -First 1000 | Get-ExchangeExposure }

# Worst case for the per-build reuse: every server on a different build.
$distinct = 0..1999 | ForEach-Object { [pscustomobject]@{ Name = "D$_"; FileVersion = "15.2.1544.$_" } }
$distinctTime = Measure-Command { $null = $distinct | Get-ExchangeExposure -Summary -ErrorAction SilentlyContinue }

$rate = $Count / $watch.Elapsed.TotalSeconds
"Get-ExchangeExposure -Summary: {0:N0} servers in {1:N2} s = {2:N0} servers/s (target > {3:N0})" -f $Count, $watch.Elapsed.TotalSeconds, $rate, $Target
"Get-ExchangeExposure (records): 1,000 servers in {0:N2} s = {1:N0} servers/s" -f $records.TotalSeconds, (1000 / $records.TotalSeconds)
"Get-ExchangeExposure -Summary, every server on its own build: 2,000 servers in {0:N2} s = {1:N0} servers/s" -f $distinctTime.TotalSeconds, (2000 / $distinctTime.TotalSeconds)
if (@($summaries).Count -ne $Count) { throw "Expected $Count summaries, got $(@($summaries).Count)." }
if ($rate -lt $Target) {
    Write-Host "FAIL: below the target of $Target servers per second." -ForegroundColor Red
    exit 1
}
Write-Host 'PASS' -ForegroundColor Green
