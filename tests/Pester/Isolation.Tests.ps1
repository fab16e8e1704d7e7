# Dependency isolation: another module's YamlDotNet, loaded before or after ours, must not break either.
# Each case runs in a fresh PowerShell process, because a load context cannot be unloaded.
BeforeDiscovery {
    $Cases = @(
        @{ Name = 'YamlDotNet 13.7.1 loaded before the module'; Version = '13.7.1'; Framework = 'netstandard2.0'; Order = 'Before' }
        @{ Name = 'YamlDotNet 18.1.0 loaded before the module'; Version = '18.1.0'; Framework = 'net8.0'; Order = 'Before' }
        @{ Name = 'another YamlDotNet loaded after the module'; Version = '13.7.1'; Framework = 'netstandard2.0'; Order = 'After' }
    )
}

BeforeAll {
    $NuGetRoot = $env:EXCHANGEHARDENING_NUGET_ROOT
    $PwshDll = Join-Path $PSHOME 'pwsh.dll'
    function Invoke-ChildPwsh([string] $Script) {
        $output = if (Test-Path $PwshDll) { & dotnet $PwshDll -NoProfile -NonInteractive -Command $Script 2>&1 } else { & (Get-Process -Id $PID).Path -NoProfile -NonInteractive -Command $Script 2>&1 }
        [pscustomobject]@{ ExitCode = $LASTEXITCODE; Output = ($output | Out-String) }
    }
}

Describe 'YamlDotNet isolation on PowerShell 7' {
    It '<Name>: both the module and the other YamlDotNet work' -TestCases $Cases {
        $other = Join-Path $NuGetRoot "yamldotnet/$Version/lib/$Framework/YamlDotNet.dll"
        Test-Path $other | Should -BeTrue
        $loadOther = "Add-Type -Path '$other'"
        $useOther = "`$other = [YamlDotNet.Serialization.DeserializerBuilder]::new().Build().Deserialize('answer: 42', [System.Collections.Generic.Dictionary[string,string]]); if (`$other['answer'] -ne '42') { throw 'other YamlDotNet failed' }"
        $useModule = "Import-Module '$env:EXCHANGEHARDENING_MODULE'; `$a = Get-ExchangeAdvisory -Cve CVE-2021-26855 -ErrorAction Stop; if (`$a.Id -ne 'ProxyLogon') { throw 'module failed' }"
        $report = @'
$versions = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'YamlDotNet' } |
    ForEach-Object { '{0}@{1}' -f $_.GetName().Version, [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name }
'RESULT:' + ($versions -join ';')
'@
        $steps = if ($Order -eq 'Before') { $loadOther, $useOther, $useModule } else { $useModule, $loadOther, $useOther, $useModule }
        $script = "`$ErrorActionPreference = 'Stop'; " + ($steps -join '; ') + "; " + $report
        $result = Invoke-ChildPwsh $script
        $result.ExitCode | Should -Be 0 -Because $result.Output
        $line = ($result.Output -split "`n" | Where-Object { $_ -like 'RESULT:*' }) -replace '^RESULT:', ''
        $loaded = $line.Trim() -split ';'
        $major = $Version.Split('.')[0]
        $loaded | Should -Contain "$major.0.0.0@Default" -Because 'the other YamlDotNet stays in the default context'
        ($loaded | Where-Object { $_ -like '*@ExchangeHardening' }) | Should -HaveCount 1 -Because 'our YamlDotNet lives in the private context'
    }
}
