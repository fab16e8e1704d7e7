BeforeAll {
    $ModulePath = $env:EXCHANGEHARDENING_MODULE
    $ModuleDirectory = Split-Path $ModulePath
    $Fixtures = Join-Path $PSScriptRoot 'Fixtures'
    Import-Module $ModulePath -Force
}

Describe 'Module manifest and layout' {
    BeforeAll {
        $manifest = Import-PowerShellDataFile $ModulePath
    }

    It 'lists every cmdlet explicitly, without wildcards' {
        $manifest.CmdletsToExport | Should -Not -BeNullOrEmpty
        $manifest.CmdletsToExport | Should -Not -Match '\*'
        (Get-Command -Module ExchangeHardening -CommandType Cmdlet).Name | Sort-Object |
            Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'supports Windows PowerShell 5.1 and PowerShell 7 (Desktop and Core)' {
        $manifest.CompatiblePSEditions | Should -Be @('Desktop', 'Core')
        $manifest.PowerShellVersion | Should -Be '5.1'
    }

    It 'loads format files and no third-party RequiredAssemblies' {
        $manifest.FormatsToProcess | Should -Contain 'ExchangeHardening.Format.ps1xml'
        $manifest.ContainsKey('RequiredAssemblies') | Should -BeFalse
        Test-Path (Join-Path $ModuleDirectory 'ExchangeHardening.Format.ps1xml') | Should -BeTrue
    }

    It 'does not ship System.Management.Automation.dll' {
        Get-ChildItem $ModuleDirectory -Recurse -Filter 'System.Management.Automation.dll' | Should -BeNullOrEmpty
    }

    It 'keeps the engine and its dependencies out of the module root' {
        foreach ($runtime in 'Core', 'Desktop') {
            Test-Path (Join-Path $ModuleDirectory "Dependencies/$runtime/ExchangeHardening.Engine.dll") | Should -BeTrue
            Test-Path (Join-Path $ModuleDirectory "Dependencies/$runtime/YamlDotNet.dll") | Should -BeTrue
            Test-Path (Join-Path $ModuleDirectory "Dependencies/$runtime/Sylvan.Data.Csv.dll") | Should -BeTrue
        }
        # System.Text.Json is part of .NET on PowerShell 7; only Windows PowerShell 5.1 needs the package.
        Test-Path (Join-Path $ModuleDirectory 'Dependencies/Core/System.Text.Json.dll') | Should -BeFalse
        Test-Path (Join-Path $ModuleDirectory 'Dependencies/Desktop/System.Text.Json.dll') | Should -BeTrue
        Test-Path (Join-Path $ModuleDirectory 'Dependencies/Core/ExchangeHardening.Model.dll') | Should -BeFalse
        Test-Path (Join-Path $ModuleDirectory 'YamlDotNet.dll') | Should -BeFalse
        Test-Path (Join-Path $ModuleDirectory 'Core/ExchangeHardening.LoadContext.dll') | Should -BeTrue
    }

    It 'loads the engine and YamlDotNet into the private load context on PowerShell 7' {
        $null = Get-ExchangeAdvisory -Id ProxyLogon
        $engine = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'ExchangeHardening.Engine' }
        $context = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($engine)
        $context.Name | Should -Be 'ExchangeHardening'
        ($context.Assemblies | ForEach-Object { $_.GetName().Name }) | Should -Contain 'YamlDotNet'
    }

    It 'keeps the output types in the default context, so admins can name them' {
        (Get-ExchangeAdvisory -Id ProxyLogon) -is [ExchangeHardening.Advisory] | Should -BeTrue
        [ExchangeHardening.Severity]::Critical | Should -Be 'Critical'
        [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext([ExchangeHardening.Advisory].Assembly).Name | Should -Be 'Default'
    }

    It 'ships the advisory data with the module' {
        (Get-ChildItem (Join-Path $ModuleDirectory 'Data') -Recurse -Filter '*.yaml').Count | Should -BeGreaterThan 10
    }
}

Describe 'Get-ExchangeAdvisory' {
    It 'returns the ProxyLogon advisory for CVE-2021-26855' {
        $advisory = Get-ExchangeAdvisory -Cve CVE-2021-26855
        $advisory | Should -HaveCount 1
        $advisory.Id | Should -Be 'ProxyLogon'
        $advisory.Exploited | Should -BeTrue
        $advisory.Cves | Should -Contain 'CVE-2021-26855'
        $advisory.PSObject.TypeNames[0] | Should -Be 'ExchangeHardening.Advisory'
    }

    It 'lists every shipped advisory with the fixing build per CU' {
        $all = Get-ExchangeAdvisory
        $all.Count | Should -BeGreaterThan 20
        ($all.Cves | Sort-Object -Unique).Count | Should -Be 132
        $fix = (Get-ExchangeAdvisory -Cve CVE-2021-26855).Vulnerabilities.Where({ $_.Cve -eq 'CVE-2021-26855' }).FixedIn |
            Where-Object { $_.Product -eq 'Exchange2019' -and $_.CumulativeUpdate -eq 'CU8' }
        $fix.Build | Should -Be '15.2.792.10'
        $fix.Kb | Should -Be 'KB5000871'
    }

    It 'has a table view that shows id, severity and title' {
        $text = Get-ExchangeAdvisory -Id ProxyLogon | Format-Table | Out-String -Width 200
        $text | Should -Match 'Id\s+Published\s+Severity\s+Exploited'
        $text | Should -Match 'ProxyLogon\s+2021-03-02\s+Critical\s+True'
    }

    It 'filters by -Exploited and -Product' {
        $exploited = Get-ExchangeAdvisory -Exploited
        $exploited | Should -Not -BeNullOrEmpty
        $exploited.Exploited | Should -Not -Contain $false
        $se = Get-ExchangeAdvisory -Product ExchangeSE
        $se | Should -Not -BeNullOrEmpty
        $se | ForEach-Object { $_.Products | Should -Contain 'ExchangeSE' }
        (Get-ExchangeAdvisory -Product ExchangeSE -Id ProxyLogon) | Should -BeNullOrEmpty
    }

    It 'accepts wildcards in -Id and -Cve' {
        (Get-ExchangeAdvisory -Id 'Proxy*').Id | Sort-Object | Should -Be @('ProxyLogon', 'ProxyNotShell', 'ProxyShell')
        (Get-ExchangeAdvisory -Cve 'CVE-2022-4108*').Id | Should -Contain 'OWASSRF'
    }

    It 'rejects an unknown product' {
        { Get-ExchangeAdvisory -Product Exchange2010 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ExchangeHardening.Commands.GetExchangeAdvisoryCommand'
    }

    It 'reports an unknown exact id as a non-terminating error and goes on' {
        $result = Get-ExchangeAdvisory -Id 'NoSuchAdvisory', 'ProxyShell' -ErrorVariable problems -ErrorAction SilentlyContinue
        $result.Id | Should -Be 'ProxyShell'
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AdvisoryNotFound,*'
        $problems[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $problems[0].TargetObject | Should -Be 'NoSuchAdvisory'
    }

    It 'binds Cve and AdvisoryId from piped objects by property name' {
        $piped = [pscustomobject]@{ Cve = 'CVE-2022-41040' }, [pscustomobject]@{ AdvisoryId = 'ProxyShell' } | Get-ExchangeAdvisory
        $piped.Id | Should -Be @('ProxyNotShell', 'ProxyShell')
    }

    It 'lets a -AdvisoryPath resource override the shipped one, and says so in a verbose message' {
        $verbose = Get-ExchangeAdvisory -Id ProxyLogon -AdvisoryPath (Join-Path $Fixtures 'Advisories/Override') -Verbose 4>&1
        $advisory = $verbose | Where-Object { $_ -is [ExchangeHardening.Advisory] }
        $advisory.Title | Should -Be 'ProxyLogon (local override for testing)'
        ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message |
            Should -Contain ($verbose | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] -and $_.Message -match "Advisory 'ProxyLogon' from '.*ProxyLogon\.yaml' \(-AdvisoryPath\) overrides" }).Message
    }

    It 'reads extra folders from $env:EXCHANGEHARDENING_ADVISORYPATH' {
        try {
            $env:EXCHANGEHARDENING_ADVISORYPATH = Join-Path $Fixtures 'Advisories/Extra'
            $extra = Get-ExchangeAdvisory -Cve CVE-2099-0001
            $extra.Id | Should -Be 'Exchange-Test-Extra'
            $extra.Vulnerabilities[0].FixedIn.Build | Should -Contain '15.2.2562.37'
        }
        finally {
            Remove-Item Env:\EXCHANGEHARDENING_ADVISORYPATH
        }
        Get-ExchangeAdvisory -Cve CVE-2099-0001 -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'reports a broken YAML file as a non-terminating error naming file, line and column, and still returns the valid advisories' {
        $broken = Join-Path $Fixtures 'Advisories/Broken'
        $result = Get-ExchangeAdvisory -AdvisoryPath $broken -ErrorVariable problems -ErrorAction SilentlyContinue
        $result.Count | Should -BeGreaterThan 20
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'AdvisoryDataInvalid,*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].TargetObject | Should -BeLike '*broken.yaml'
        $problems[0].ToString() | Should -Match 'broken\.yaml:12:17: .*Dreadful.*expected one of Critical, High, Medium, Low'
    }

    It 'stops on a data error when the caller asks for -ErrorAction Stop' {
        { Get-ExchangeAdvisory -AdvisoryPath (Join-Path $Fixtures 'Advisories/Broken') -ErrorAction Stop } | Should -Throw -ErrorId 'AdvisoryDataInvalid,*'
        { Get-ExchangeAdvisory -Id ProxyLogon -ErrorAction Stop } | Should -Not -Throw
    }

    It 'survives remoting serialization with its type name and formats the deserialized object' {
        $original = Get-ExchangeAdvisory -Id ProxyLogon
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($original, 3))
        $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.ExchangeHardening.Advisory'
        $copy.Id | Should -Be 'ProxyLogon'
        $copy.Cves | Should -Contain 'CVE-2021-26855'
        ($copy | Format-Table | Out-String -Width 200) | Should -Match 'ProxyLogon\s+2021-03-02\s+Critical\s+True'
    }

    It 'converts cleanly to JSON' {
        $json = Get-ExchangeAdvisory -Id ProxyShell | ConvertTo-Json -Depth 5 | ConvertFrom-Json
        $json.Id | Should -Be 'ProxyShell'
        $json.Severity | Should -Not -BeNullOrEmpty
        $json.Vulnerabilities.Cve | Should -Contain 'CVE-2021-34473'
    }
}
