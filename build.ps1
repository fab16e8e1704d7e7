#Requires -Version 7.2
<#
.SYNOPSIS
    Builds, tests, documents, demonstrates and packages the ExchangeHardening module.
.DESCRIPTION
    Needs only the .NET SDK: run it as `dotnet tool restore && dotnet pwsh ./build.ps1 -Task <task>`.
    Everything else (NuGet packages, Pester) is restored by the script itself; no PowerShell Gallery access.

    Build    compiles the engine, the cmdlets and the PowerShell 7 load context, compiles the help and
             assembles the module folder out/ExchangeHardening.
    Help     compiles docs/en-US (PlatyPS-format markdown) into MAML and about_ topics.
    Test     Build, then runs xunit and Pester; prints "N passed, N failed" and fails on any failure.
    Demo     Build, then runs the module on the bundled sample data.
    Package  Build, then writes out/ExchangeHardening.zip (module folder at the zip root) and
             out/ExchangeHardening.<version>.nupkg (Gallery layout); fails on any path of 140 characters or more.
    Bench    Build, then measures speed targets (never part of Test): Get-ExchangeExposure over 10,000 servers.
    Clean    removes out/ and every bin/ and obj/ folder.
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Help', 'Demo', 'Package', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'

$Root = $PSScriptRoot
$Out = Join-Path $Root 'out'
$ModuleOut = Join-Path $Out 'ExchangeHardening'
$Staging = Join-Path $Out 'staging'
$PesterVersion = '5.7.1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'

function Invoke-Native {
    # Runs a native command and stops the build when it fails.
    param([Parameter(Mandatory)] [string] $FilePath, [string[]] $ArgumentList = @())
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Get-NuGetPackageRoot {
    if ($env:NUGET_PACKAGES) { return $env:NUGET_PACKAGES }
    $line = & dotnet nuget locals global-packages --list | Select-Object -First 1
    return ($line -replace '^global-packages:\s*', '').Trim()
}

function Get-PwshCommand {
    # The child PowerShell is the same one running this script: a .NET tool started through dotnet.
    $pwshDll = Join-Path $PSHOME 'pwsh.dll'
    if (Test-Path $pwshDll) { return @('dotnet', $pwshDll) }
    return @((Get-Process -Id $PID).Path)
}

function Invoke-Pwsh {
    param([Parameter(Mandatory)] [string] $Command)
    $pwsh = Get-PwshCommand
    $exe = $pwsh[0]
    $arguments = @($pwsh | Select-Object -Skip 1) + @('-NoProfile', '-NonInteractive', '-Command', $Command)
    # The child's output goes to the host: returning it would mix it into the exit code.
    & $exe @arguments | Out-Host
    return $LASTEXITCODE
}

function Invoke-Restore {
    Write-Host 'Restoring NuGet packages (pinned in Directory.Packages.props and tests/TestDependencies)...'
    Invoke-Native dotnet @('restore', (Join-Path $Root 'ExchangeHardening.slnx'), '--verbosity', 'quiet')
    Invoke-Native dotnet @('restore', (Join-Path $Root 'tests/TestDependencies/TestDependencies.csproj'), '--verbosity', 'quiet')
}

function Invoke-Help {
    param([string] $Destination = (Join-Path $ModuleOut 'en-US'))
    Write-Host 'Compiling help (docs/en-US -> MAML and about_ topics)...'
    $compiler = Join-Path $Root 'src/ExchangeHardening.HelpCompiler/ExchangeHardening.HelpCompiler.csproj'
    Invoke-Native dotnet @('run', '--project', $compiler, '--configuration', $Configuration, '--', '--docs', (Join-Path $Root 'docs/en-US'), '--out', $Destination, '--module', 'ExchangeHardening')
}

function Invoke-Build {
    Invoke-Restore
    Write-Host "Building ($Configuration)..."
    Invoke-Native dotnet @('build', (Join-Path $Root 'ExchangeHardening.slnx'), '--configuration', $Configuration, '--no-restore', '--nologo', '--verbosity', 'quiet')

    # The engine is published once per runtime to collect its third-party dependencies next to it:
    # Dependencies/Desktop (netstandard2.0, Windows PowerShell 5.1) and Dependencies/Core (net6.0, PowerShell 7.2+).
    if (Test-Path $Staging) { Remove-Item $Staging -Recurse -Force }
    if (Test-Path $ModuleOut) { Remove-Item $ModuleOut -Recurse -Force }
    $engineProject = Join-Path $Root 'src/ExchangeHardening.Engine/ExchangeHardening.Engine.csproj'
    foreach ($runtime in @(@{ Name = 'Desktop'; Framework = 'netstandard2.0' }, @{ Name = 'Core'; Framework = 'net6.0' })) {
        $staged = Join-Path $Staging "engine-$($runtime.Name)"
        Invoke-Native dotnet @('publish', $engineProject, '--configuration', $Configuration, '--framework', $runtime.Framework, '--no-restore', '--nologo', '--verbosity', 'quiet', '--output', $staged)
        $target = New-Item -ItemType Directory -Path (Join-Path $ModuleOut "Dependencies/$($runtime.Name)") -Force
        Get-ChildItem $staged -Filter '*.dll' | Where-Object Name -ne 'ExchangeHardening.Model.dll' | Copy-Item -Destination $target
    }
    $core = New-Item -ItemType Directory -Path (Join-Path $ModuleOut 'Core') -Force

    $cmdletBin = Join-Path $Root "src/ExchangeHardening/bin/$Configuration/netstandard2.0"
    # The cmdlets and the public output types load into PowerShell's default context; the engine and
    # its third-party libraries go to Dependencies, which only our resolvers look into.
    Copy-Item (Join-Path $cmdletBin 'ExchangeHardening.dll') $ModuleOut
    Copy-Item (Join-Path $cmdletBin 'ExchangeHardening.Model.dll') $ModuleOut
    Copy-Item (Join-Path $Root "src/ExchangeHardening.LoadContext/bin/$Configuration/net6.0/ExchangeHardening.LoadContext.dll") $core
    Copy-Item (Join-Path $Root 'ExchangeHardening.psd1') $ModuleOut
    Copy-Item (Join-Path $Root 'src/ExchangeHardening/Formats/*.ps1xml') $ModuleOut
    Copy-Item (Join-Path $Root 'src/ExchangeHardening/Data') $ModuleOut -Recurse
    Copy-Item (Join-Path $Root 'src/ExchangeHardening/Samples') $ModuleOut -Recurse
    Copy-Item (Join-Path $Root 'src/ExchangeHardening/Compliance') $ModuleOut -Recurse
    Copy-Item (Join-Path $Root 'LICENSE') $ModuleOut -ErrorAction SilentlyContinue

    $leak = Get-ChildItem $ModuleOut -Recurse -Filter 'System.Management.Automation.dll'
    if ($leak) { throw "The module folder must not ship System.Management.Automation.dll: $($leak.FullName -join ', ')" }

    Invoke-Help
    Write-Host "Module assembled in $ModuleOut"
}

function Read-TrxCounts {
    param([string] $Directory)
    $passed = 0; $failed = 0
    foreach ($file in Get-ChildItem $Directory -Filter '*.trx' -Recurse -ErrorAction SilentlyContinue) {
        [xml] $trx = Get-Content $file.FullName -Raw
        $counters = $trx.TestRun.ResultSummary.Counters
        $passed += [int] $counters.passed
        $failed += [int] $counters.failed + [int] $counters.error + [int] $counters.timeout + [int] $counters.aborted
    }
    [pscustomobject]@{ Passed = $passed; Failed = $failed }
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $Out 'test-results'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    New-Item -ItemType Directory -Path $results -Force | Out-Null

    Write-Host 'Running xunit...'
    $xunitExit = 0
    foreach ($project in Get-ChildItem (Join-Path $Root 'tests') -Recurse -Filter '*.Tests.csproj') {
        # One named result file per project: generated names can collide when two runs end in the same second.
        & dotnet test $project.FullName --configuration $Configuration --no-build --nologo --verbosity quiet --logger "trx;LogFileName=$($project.BaseName).trx" --logger 'console;verbosity=minimal' --results-directory (Join-Path $results 'xunit')
        if ($LASTEXITCODE -ne 0) { $xunitExit = $LASTEXITCODE }
    }
    $xunit = Read-TrxCounts (Join-Path $results 'xunit')
    if ($xunitExit -ne 0 -and $xunit.Failed -eq 0) {
        # dotnet test failed without a failing test (a crash, a build problem): count it as a failure.
        $xunit.Failed = 1
        Write-Host "dotnet test exited with $xunitExit without reporting a failed test."
    }

    Write-Host 'Running Pester...'
    $pester = Join-Path (Get-NuGetPackageRoot) "pester/$PesterVersion/tools/Pester.psd1"
    $summary = Join-Path $results 'pester-summary.json'
    $runner = Join-Path $Root 'tests/Pester/Invoke-PesterSuite.ps1'
    $exit = Invoke-Pwsh -Command "& '$runner' -PesterPath '$pester' -ModulePath '$(Join-Path $ModuleOut 'ExchangeHardening.psd1')' -SummaryPath '$summary' -ResultPath '$(Join-Path $results 'pester.xml')'"
    $pesterPassed = 0; $pesterFailed = 0
    if (Test-Path $summary) {
        $counts = Get-Content $summary -Raw | ConvertFrom-Json
        $pesterPassed = [int] $counts.Passed
        $pesterFailed = [int] $counts.Failed
    }
    if ($exit -ne 0 -and $pesterFailed -eq 0) {
        $pesterFailed = 1
        Write-Host "The Pester run exited with $exit without reporting a failed test."
    }

    $passed = $xunit.Passed + $pesterPassed
    $failed = $xunit.Failed + $pesterFailed
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed; Pester: $pesterPassed passed, $pesterFailed failed"
    Write-Output "$passed passed, $failed failed"
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $module = Join-Path $ModuleOut 'ExchangeHardening.psd1'
    $demo = Join-Path $ModuleOut 'Samples/Invoke-Demo.ps1'
    $exit = Invoke-Pwsh -Command "& '$demo' -ModulePath '$module'"
    if ($exit -ne 0) { throw "The demo failed with exit code $exit." }
}

function Invoke-Package {
    # The packaging code lives in a script of its own so that tests/Pester/Package.Tests.ps1 runs the same code
    # on the module the Test task built. The version and metadata come from the module manifest.
    Invoke-Build
    . (Join-Path $Root 'src/ExchangeHardening.Packaging/ModulePackage.ps1')
    $package = New-ModulePackage -ModuleFolder $ModuleOut -OutputFolder $Out -MaxPathLength 140 -LicenseExpression 'MIT'
    if ($package.PathViolations.Count) {
        # Azure Automation rejects a module zip with a path of 140 characters or more; ship neither archive.
        Remove-Item -LiteralPath $package.Zip, $package.Nupkg -Force
        $list = $package.PathViolations | ForEach-Object { "  $($_.Length) $($_.Archive): $($_.Entry)" }
        throw "Every path in the packages must be shorter than 140 characters (Azure Automation); these are not:`n$($list -join "`n")"
    }
    Write-Host "Package written: $($package.Zip) (Azure Automation, Expand-Archive)"
    Write-Host "Package written: $($package.Nupkg) (PowerShell Gallery layout, version $($package.Version))"
}

function Invoke-Bench {
    Invoke-Build
    $module = Join-Path $ModuleOut 'ExchangeHardening.psd1'
    $failed = 0
    foreach ($bench in Get-ChildItem (Join-Path $Root 'tests/Bench') -Filter '*.Bench.ps1') {
        Write-Host "== $($bench.BaseName) ==" -ForegroundColor Cyan
        $exit = Invoke-Pwsh -Command "& '$($bench.FullName)' -ModulePath '$module'"
        if ($exit -ne 0) { $failed++ }
    }
    if ($failed) { throw "$failed benchmark(s) missed their target." }
}

function Invoke-Clean {
    if (Test-Path $Out) { Remove-Item $Out -Recurse -Force }
    Get-ChildItem $Root -Directory -Recurse -Include 'bin', 'obj' | Where-Object { $_.FullName -notmatch '[\\/]\.git[\\/]' } | Remove-Item -Recurse -Force
    Write-Host 'Cleaned.'
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Help' { Invoke-Restore; Invoke-Help }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Package' { Invoke-Package }
    'Bench' { Invoke-Bench }
    'Clean' { Invoke-Clean }
}
