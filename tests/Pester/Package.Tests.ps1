# The packages of build.ps1 -Task Package: made here from the module the Test task built, with the same code
# (src/ExchangeHardening.Packaging/ModulePackage.ps1), so the Test task stays a Build plus tests. The zip is
# expanded into an empty folder and the module imported from there in a fresh PowerShell, as an admin or Azure
# Automation would; the .nupkg is read by PSResourceGet and PowerShellGet from a folder repository, offline, with
# their settings redirected into TestDrive.
BeforeAll {
    $ModuleFolder = Split-Path $env:EXCHANGEHARDENING_MODULE
    . (Join-Path $PSScriptRoot '../../src/ExchangeHardening.Packaging/ModulePackage.ps1')
    $Package = New-ModulePackage -ModuleFolder $ModuleFolder -OutputFolder (Join-Path $TestDrive 'out') -LicenseExpression 'MIT'
    $Manifest = Import-PowerShellDataFile (Join-Path $ModuleFolder 'ExchangeHardening.psd1')
    $ModuleFiles = @(Get-ChildItem $ModuleFolder -Recurse -File | ForEach-Object { $_.FullName.Substring($ModuleFolder.Length + 1).Replace('\', '/') } | Sort-Object)

    function Get-ArchiveEntryName([string] $Path) {
        $archive = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try { @($archive.Entries | ForEach-Object FullName) } finally { $archive.Dispose() }
    }

    function Get-ArchiveText([string] $Path, [string] $Entry) {
        $archive = [System.IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $reader = New-Object System.IO.StreamReader($archive.GetEntry($Entry).Open())
            try { $reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $archive.Dispose() }
    }

    function Get-RelativeFile([string] $Folder) {
        $base = (Resolve-Path $Folder).ProviderPath.TrimEnd('\', '/')
        @(Get-ChildItem $base -Recurse -File | ForEach-Object { $_.FullName.Substring($base.Length + 1).Replace('\', '/') } | Sort-Object)
    }

    # A fresh PowerShell (the one running the tests), with extra environment variables, in a working folder of its
    # own. Start-ChildPwsh returns at once, so that two children can run side by side; Wait-ChildPwsh stops a child
    # after three minutes: a client that waits for the network must fail the test, not hang the run.
    $PwshDll = Join-Path $PSHOME 'pwsh.dll'
    function Start-ChildPwsh {
        param([Parameter(Mandatory)] [string] $Script, [hashtable] $Environment = @{}, [string] $WorkingDirectory = $TestDrive)
        $scriptFile = Join-Path $TestDrive "child-$([guid]::NewGuid().ToString('N')).ps1"
        Set-Content -Path $scriptFile -Value $Script -Encoding utf8
        $start = New-Object System.Diagnostics.ProcessStartInfo
        if (Test-Path $PwshDll) { $start.FileName = 'dotnet'; $start.ArgumentList.Add($PwshDll) } else { $start.FileName = (Get-Process -Id $PID).Path }
        foreach ($argument in '-NoProfile', '-NonInteractive', '-File', $scriptFile) { $start.ArgumentList.Add($argument) }
        $start.WorkingDirectory = $WorkingDirectory
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.UseShellExecute = $false
        foreach ($name in $Environment.Keys) { $start.Environment[$name] = $Environment[$name] }
        $process = [System.Diagnostics.Process]::Start($start)
        [pscustomobject]@{ Process = $process; Stdout = $process.StandardOutput.ReadToEndAsync(); Stderr = $process.StandardError.ReadToEndAsync() }
    }

    function Wait-ChildPwsh {
        param([Parameter(Mandatory)] $Child)
        if (-not $Child.Process.WaitForExit(180000)) {
            $Child.Process.Kill($true)
            throw "The child PowerShell did not finish within three minutes:`n$($Child.Stdout.Result)`n$($Child.Stderr.Result)"
        }
        $Child.Process.WaitForExit()
        $output = $Child.Stdout.Result + $Child.Stderr.Result
        $line = ($output -split "`r?`n" | Where-Object { $_ -like 'RESULT:*' } | Select-Object -Last 1)
        [pscustomobject]@{
            ExitCode = $Child.Process.ExitCode
            Output   = $output
            Result   = if ($line) { $line.Substring('RESULT:'.Length) | ConvertFrom-Json } else { $null }
        }
    }

    # What an admin runs after installing: the module by name from PSModulePath, the two main answers, the about topic.
    function Get-ImportScript([string] $ModulesFolder) {
        @"
`$ErrorActionPreference = 'Stop'
`$env:PSModulePath = '$ModulesFolder' + [System.IO.Path]::PathSeparator + `$env:PSModulePath
Import-Module ExchangeHardening
`$advisory = Get-ExchangeAdvisory -Cve CVE-2021-26855
`$summary = Get-ExchangeExposure -Build 15.2.1748.43 -Summary
`$about = Get-Help about_ExchangeHardening
'RESULT:' + ([pscustomobject]@{
    ModuleBase = (Get-Module ExchangeHardening).ModuleBase
    Version    = (Get-Module ExchangeHardening).Version.ToString()
    Advisory   = @(`$advisory).ForEach('Id')
    Server     = `$summary.Server
    Level      = `$summary.Level.ToString()
    Cu         = `$summary.CumulativeUpdate
    Update     = `$summary.SecurityUpdate
    About      = [bool] `$about
} | ConvertTo-Json -Compress)
"@
    }

    # The .nupkg in a folder repository, saved by PSResourceGet and by PowerShellGet 2.x.
    $repository = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'repository') -Force
    Copy-Item $Package.Nupkg $repository
    $settings = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'client-settings') -Force
    $saved = Join-Path $TestDrive 'saved'
    New-Item -ItemType Directory -Path "$saved/PSResourceGet", "$saved/PowerShellGet" -Force | Out-Null
    # Both clients keep their repository lists under the user's local application data: XDG_DATA_HOME on Linux
    # and macOS. On Windows that cannot be redirected, so the repositories get unique names and are removed.
    $suffix = [guid]::NewGuid().ToString('N').Substring(0, 8)
    $environment = @{ XDG_DATA_HOME = $settings.FullName; XDG_CONFIG_HOME = $settings.FullName; XDG_CACHE_HOME = $settings.FullName }
    $save = @"
`$ErrorActionPreference = 'Stop'
`$ProgressPreference = 'SilentlyContinue'
`$v3 = 'ExchangeHardeningTestV3$suffix'; `$v2 = 'ExchangeHardeningTestV2$suffix'
try {
    Register-PSResourceRepository -Name `$v3 -Uri '$($repository.FullName)' -Trusted
    Save-PSResource -Name ExchangeHardening -Repository `$v3 -Path '$saved/PSResourceGet' -TrustRepository
    Register-PSRepository -Name `$v2 -SourceLocation '$($repository.FullName)' -InstallationPolicy Trusted
    Save-Module -Name ExchangeHardening -Repository `$v2 -Path '$saved/PowerShellGet'
    `$versions = foreach (`$client in 'PSResourceGet', 'PowerShellGet') {
        (Test-ModuleManifest -Path (Get-ChildItem -Path "$saved/`$client/ExchangeHardening/*/ExchangeHardening.psd1").FullName).Version.ToString()
    }
    'RESULT:' + (@{ Saved = `$true; Versions = `$versions } | ConvertTo-Json -Compress)
}
finally {
    Unregister-PSResourceRepository -Name `$v3 -ErrorAction SilentlyContinue
    Unregister-PSRepository -Name `$v2 -ErrorAction SilentlyContinue
}
"@

    # The zip, expanded into an empty Modules folder as an admin would.
    $ZipModules = Join-Path $TestDrive 'zip/Modules'
    New-Item -ItemType Directory -Path $ZipModules -Force | Out-Null
    Expand-Archive -LiteralPath $Package.Zip -DestinationPath $ZipModules

    # Both children run side by side (the PowerShellGet 2.x client alone takes seconds to load), and here, before
    # the first Describe: Pester empties TestDrive of what appears while a Describe block runs.
    $saveChild = Start-ChildPwsh $save -Environment $environment
    $importChild = Start-ChildPwsh (Get-ImportScript $ZipModules)
    $SaveRun = Wait-ChildPwsh $saveChild
    $ZipRun = Wait-ChildPwsh $importChild
}

Describe 'ExchangeHardening.zip (Azure Automation, Expand-Archive)' {
    BeforeAll {
        $ZipEntries = Get-ArchiveEntryName $Package.Zip
    }

    It 'is named like the module, with the module folder at the zip root and the manifest in it' {
        Split-Path -Leaf $Package.Zip | Should -Be 'ExchangeHardening.zip'
        $ZipEntries | Where-Object { $_ -notlike 'ExchangeHardening/*' } | Should -BeNullOrEmpty
        $ZipEntries | Should -Contain 'ExchangeHardening/ExchangeHardening.psd1'
        $ZipEntries | Should -Contain 'ExchangeHardening/ExchangeHardening.dll'
    }

    It 'holds exactly the files of the built module, with / in every path' {
        $ZipEntries | Where-Object { $_.Contains('\') } | Should -BeNullOrEmpty
        $files = @($ZipEntries | Where-Object { -not $_.EndsWith('/') } | ForEach-Object { $_.Substring('ExchangeHardening/'.Length) } | Sort-Object)
        $files | Should -Be $ModuleFiles
    }

    It 'has no path of 140 characters or more (Azure Automation rejects the zip otherwise)' {
        $tooLong = @(Get-ArchivePathViolation -Path $Package.Zip -MaxLength 140 | ForEach-Object { "$($_.Length) $($_.Entry)" })
        $tooLong | Should -BeNullOrEmpty -Because "Azure Automation refuses the import; shorten these $($tooLong.Count) path(s)"
    }

    It 'expands into an empty folder, imports from there in a fresh PowerShell and answers' {
        Get-RelativeFile (Join-Path $ZipModules 'ExchangeHardening') | Should -Be $ModuleFiles

        $run = $ZipRun
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Result.ModuleBase | Should -Be (Resolve-Path (Join-Path $ZipModules 'ExchangeHardening')).ProviderPath
        $run.Result.Advisory | Should -Be 'ProxyLogon'
        $run.Result.Server | Should -Be '15.2.1748.43'
        $run.Result.Level | Should -BeIn 'Red', 'Orange', 'Yellow', 'Green'
        $run.Result.Cu | Should -Be 'CU15'
        $run.Result.Update | Should -Be 'Feb26SU'
        $run.Result.About | Should -BeTrue
    }
}

Describe 'ExchangeHardening.nupkg with the version in its name (PowerShell Gallery layout)' {
    BeforeAll {
        $NupkgEntries = Get-ArchiveEntryName $Package.Nupkg
        [xml] $Nuspec = Get-ArchiveText $Package.Nupkg 'ExchangeHardening.nuspec'
        $Metadata = $Nuspec.package.metadata
    }

    It 'is named with the version of the manifest' {
        $Package.Version | Should -Be $Manifest.ModuleVersion
        Split-Path -Leaf $Package.Nupkg | Should -Be "ExchangeHardening.$($Manifest.ModuleVersion).nupkg"
    }

    It 'has the .nuspec and the module manifest at its root' {
        $NupkgEntries | Should -Contain 'ExchangeHardening.nuspec'
        $NupkgEntries | Should -Contain 'ExchangeHardening.psd1'
    }

    It 'has the module files at the package root, named as on disk, next to the NuGet packaging parts' {
        $NupkgEntries | Should -Contain '[Content_Types].xml'
        $NupkgEntries | Should -Contain '_rels/.rels'
        @($NupkgEntries | Where-Object { $_ -like 'package/services/metadata/core-properties/*.psmdcp' }) | Should -HaveCount 1
        $files = @($NupkgEntries | Where-Object { $_ -notin 'ExchangeHardening.nuspec', '[Content_Types].xml', '_rels/.rels' -and $_ -notlike 'package/services/*' } | Sort-Object)
        $files | Should -Be $ModuleFiles
        [xml] $rels = Get-ArchiveText $Package.Nupkg '_rels/.rels'
        @($rels.Relationships.Relationship | ForEach-Object Target) | Should -Contain '/ExchangeHardening.nuspec'
    }

    It 'describes the module from its manifest: id, version, authors, description, license, tags' {
        $Metadata.id | Should -Be 'ExchangeHardening'
        $Metadata.version | Should -Be $Manifest.ModuleVersion
        $Metadata.authors | Should -Be $Manifest.Author
        $Metadata.description | Should -Be $Manifest.Description
        $Metadata.copyright | Should -Be $Manifest.Copyright
        $Metadata.license.type | Should -Be 'expression'
        $Metadata.license.'#text' | Should -Be 'MIT'
        $tags = $Metadata.tags -split ' '
        $tags | Should -Contain 'PSModule'
        $tags | Should -Contain 'PSIncludes_Cmdlet'
        foreach ($tag in $Manifest.PrivateData.PSData.Tags) { $tags | Should -Contain $tag }
        foreach ($cmdlet in $Manifest.CmdletsToExport) { $tags | Should -Contain "PSCommand_$cmdlet" }
    }

    It 'has no path of 140 characters or more' {
        $tooLong = @(Get-ArchivePathViolation -Path $Package.Nupkg -MaxLength 140 | ForEach-Object { "$($_.Length) $($_.Entry)" })
        $tooLong | Should -BeNullOrEmpty
    }

    It 'installs with Save-PSResource and Save-Module from a folder repository' {
        $run = $SaveRun
        $run.ExitCode | Should -Be 0 -Because $run.Output
        $run.Result.Saved | Should -BeTrue -Because $run.Output
        $run.Result.Versions | Should -Be @($Manifest.ModuleVersion, $Manifest.ModuleVersion) -Because 'Test-ModuleManifest accepts both saved manifests'

        # Both save ExchangeHardening/<version>/ with the module files as they are (no %20), plus their own metadata file.
        foreach ($client in 'PSResourceGet', 'PowerShellGet') {
            $folder = Join-Path $saved "$client/ExchangeHardening/$($Manifest.ModuleVersion)"
            Test-Path (Join-Path $folder 'ExchangeHardening.psd1') | Should -BeTrue -Because "$client saves the manifest at the version folder's root"
            @(Get-RelativeFile $folder | Where-Object { $_ -ne 'PSGetModuleInfo.xml' -and $_ -notlike '*.nuspec' }) | Should -Be $ModuleFiles -Because "$client extracts every module file under its own name"
        }
    }
}
