<#
.SYNOPSIS
    Runs the Pester suite against a built module and writes the counts for build.ps1 to sum.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $ResultPath
)

$ErrorActionPreference = 'Stop'
Import-Module $PesterPath -Force
$env:EXCHANGEHARDENING_MODULE = $ModulePath
$env:EXCHANGEHARDENING_PESTER = $PesterPath
# <root>/pester/<version>/tools/Pester.psd1: the isolation tests take other YamlDotNet versions from the same cache.
$env:EXCHANGEHARDENING_NUGET_ROOT = Split-Path (Split-Path (Split-Path (Split-Path $PesterPath)))

$configuration = New-PesterConfiguration
$configuration.Run.Path = $PSScriptRoot
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = 'Normal'
if ($ResultPath) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputPath = $ResultPath
    $configuration.TestResult.OutputFormat = 'NUnitXml'
}

$result = Invoke-Pester -Configuration $configuration
# Containers that failed to run (a syntax error in a test file) count as failures too.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
if ($failed -gt 0) { exit 1 }
exit 0
