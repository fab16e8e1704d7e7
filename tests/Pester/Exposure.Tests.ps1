# Get-ExchangeExposure against hand-made CLIXML fixtures in the Export-Clixml format of Get-ExchangeServer,
# ExSetup.exe's FileVersionInfo, Get-SettingOverride and a -Local host recording (Fixtures/Exchange/README.md).
BeforeAll {
    $ModulePath = $env:EXCHANGEHARDENING_MODULE
    $Exchange = Join-Path $PSScriptRoot 'Fixtures/Exchange'
    Import-Module $ModulePath -Force

    # Lifecycle judgements depend on the date: pin it. On 2026-11-30 Exchange 2016 and 2019 are past their end of support.
    $AsOf = [datetime]'2026-11-30'
    $RecordProperties = @(
        'Server', 'Product', 'ProductName', 'CumulativeUpdate', 'SecurityUpdate', 'Build', 'BuildSource', 'AdvisoryId', 'Cve',
        'Title', 'Severity', 'Exploited', 'Status', 'FixedIn', 'Reason', 'Recommendation', 'Link'
    )
    $SummaryProperties = @(
        'Server', 'ProductName', 'CumulativeUpdate', 'SecurityUpdate', 'Build', 'Supported', 'EndOfSupport', 'LatestUpdate',
        'VulnerableCount', 'ExploitedCount', 'UnknownCount', 'Level'
    )

    function Get-Record {
        param([object[]] $Record, [string] $Server, [string] $Cve)
        @($Record | Where-Object { $_.Server -eq $Server -and $_.Cve -eq $Cve })
    }
}

Describe 'Exchange fixtures read back as the Exchange Management Shell gives them' {
    It 'ExchangeServers.xml holds five deserialized ExchangeServer objects with a ServerVersion property bag' {
        $servers = Import-Clixml (Join-Path $Exchange 'ExchangeServers.xml')
        $servers | Should -HaveCount 5
        $servers.Name | Should -Be @('EX01', 'EX02', 'EXSE01', 'EDGE01', 'EX03')
        foreach ($server in $servers) {
            $server.PSObject.TypeNames[0] | Should -Be 'Deserialized.Microsoft.Exchange.Data.Directory.Management.ExchangeServer'
            $server.PSObject.TypeNames[-1] | Should -Be 'Deserialized.System.Object'
            $server.AdminDisplayVersion.PSObject.TypeNames[0] | Should -Be 'Deserialized.Microsoft.Exchange.Data.ServerVersion'
            $server.MitigationsApplied.PSObject.TypeNames[0].StartsWith('Deserialized.Microsoft.Exchange.Data.MultiValuedProperty`1[[System.String, mscorlib,') | Should -BeTrue
            $server.ToString() | Should -Be $server.Name
        }
        $servers[0].AdminDisplayVersion.ToString() | Should -Be 'Version 15.2 (Build 1118.7)'
        $servers[0].AdminDisplayVersion.Build | Should -Be 1118
        @($servers[0].MitigationsApplied) | Should -Be @('PING1', 'M1')
        @($servers[0].MitigationsBlocked) | Should -HaveCount 0
        $servers[0].InternetWebProxy | Should -BeNullOrEmpty
        $servers[0].WhenCreated | Should -BeOfType [datetime]
        $servers[0].PSComputerName | Should -Be 'ex01.contoso.com'
        $edge = $servers | Where-Object Name -eq 'EDGE01'
        $edge.IsEdgeServer | Should -BeTrue
        $edge.ServerRole | Should -Be 'Edge'
        $edge.AdminDisplayVersion.ToString() | Should -Be 'Version 15.1 (Build 2507.6)'
    }

    It 'the implicit-remoting variant carries AdminDisplayVersion as a plain string' {
        $server = Import-Clixml (Join-Path $Exchange 'ExchangeServer-ImplicitRemoting.xml')
        $server.PSObject.TypeNames[0] | Should -Be 'Deserialized.Microsoft.Exchange.Data.Directory.Management.ExchangeServer'
        $server.AdminDisplayVersion | Should -BeOfType [string]
        $server.AdminDisplayVersion | Should -Be 'Version 15.2 (Build 1118.7)'
    }

    It 'ExchangeServers-MissingVersion.xml has one server without AdminDisplayVersion' {
        $servers = Import-Clixml (Join-Path $Exchange 'ExchangeServers-MissingVersion.xml')
        $servers.Name | Should -Be @('EX02', 'EX04', 'EX03')
        $servers[1].PSObject.Properties['AdminDisplayVersion'].Value | Should -BeNullOrEmpty
    }

    It 'ExSetupFileVersionInfo.xml is a deserialized FileVersionInfo of ExSetup.exe 15.2.1544.39' {
        $info = Import-Clixml (Join-Path $Exchange 'ExSetupFileVersionInfo.xml')
        $info.PSObject.TypeNames[0] | Should -Be 'Deserialized.System.Diagnostics.FileVersionInfo'
        $info.FileVersion | Should -Be '15.02.1544.039'
        $info.ProductVersion | Should -Be '15.02.1544.039'
        "$($info.FileMajorPart).$($info.FileMinorPart).$($info.FileBuildPart).$($info.FilePrivatePart)" | Should -Be '15.2.1544.39'
        $info.FileVersionRaw | Should -Be ([version]'15.2.1544.39')
        $info.FileName | Should -Be 'C:\Program Files\Microsoft\Exchange Server\V15\bin\ExSetup.exe'
        $info.PSComputerName | Should -Be 'EX02'
        $info.ToString() | Should -Match "^File:\s+C:\\Program Files\\.*ExSetup\.exe`r`n"
    }

    It 'SettingOverrides.xml holds Get-SettingOverride objects, one of them switching off the CVE-2024-49040 fix' {
        $overrides = Import-Clixml (Join-Path $Exchange 'SettingOverrides.xml')
        $overrides | Should -HaveCount 3
        $overrides[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.Microsoft.Exchange.Data.Directory.SystemConfiguration.SettingOverride'
        $p2 = $overrides | Where-Object Name -eq 'DisableP2FromRegex'
        $p2.ComponentName | Should -Be 'Transport'
        $p2.SectionName | Should -Be 'NonCompliantSenderSettings'
        @($p2.Parameters) | Should -Be @('AddP2FromRegexMatchHeader=false')
        @($p2.Server) | Should -HaveCount 0
        @(($overrides | Where-Object Name -eq 'KeepAutodiscoverV2BackendCookie').Server) | Should -Be @('EX02')
    }

    It 'LocalHost.xml records a server with its ExSetup.exe version information' {
        $recording = Import-Clixml (Join-Path $Exchange 'LocalHost.xml')
        $recording.ComputerName | Should -Be 'EX03'
        $recording.ExchangeInstallPath | Should -Be 'C:\Program Files\Microsoft\Exchange Server\V15\'
        $recording.ExSetupVersionInfo.PSObject.TypeNames[0] | Should -Be 'Deserialized.System.Diagnostics.FileVersionInfo'
        $recording.ExSetupVersionInfo.FileVersion | Should -Be '15.02.1748.043'
    }
}

Describe 'Get-ExchangeExposure with Get-ExchangeServer objects' {
    BeforeAll {
        $servers = Import-Clixml (Join-Path $Exchange 'ExchangeServers.xml')
        $records = $servers | Get-ExchangeExposure -AsOf $AsOf -ErrorVariable problems
    }

    It 'evaluates every server of the organisation without errors, the Edge server included' {
        $problems | Should -BeNullOrEmpty
        $records | Should -Not -BeNullOrEmpty
        $records | ForEach-Object { $_ -is [ExchangeHardening.ExposureRecord] | Should -BeTrue }
        $records.Server | Sort-Object -Unique | Should -Be @('EDGE01', 'EX01', 'EX02', 'EX03', 'EXSE01')
        $edge = @($records | Where-Object Server -eq 'EDGE01')
        $edge.Count | Should -BeGreaterThan 10
        $edge.Product | Sort-Object -Unique | Should -Be 'Exchange2016'
        $edge.CumulativeUpdate | Sort-Object -Unique | Should -Be 'CU23'
        $edge.Build | Sort-Object -Unique | Should -Be '15.1.2507.6'
    }

    It 'resolves product, CU and build from AdminDisplayVersion' {
        $ex01 = Get-Record $records EX01 CVE-2022-41040
        $ex01 | Should -HaveCount 1
        $ex01.Product | Should -Be 'Exchange2019'
        $ex01.ProductName | Should -Be 'Exchange Server 2019'
        $ex01.CumulativeUpdate | Should -Be 'CU12'
        $ex01.Build | Should -Be '15.2.1118.7'
        $ex01.AdvisoryId | Should -Be 'ProxyNotShell'
        $ex01.Exploited | Should -BeTrue
        $ex01.Link | Should -BeLike 'https://*CVE-2022-41040'
        ($records | Where-Object Server -eq 'EXSE01').Product | Sort-Object -Unique | Should -Be 'ExchangeSE'
        ($records | Where-Object Server -eq 'EX03').CumulativeUpdate | Sort-Object -Unique | Should -Be 'CU15'
    }

    It 'shows CVE-2022-41040 on EX01 as Mitigated by M1 (from MitigationsApplied), not as patched' {
        $record = Get-Record $records EX01 CVE-2022-41040
        $record.Status | Should -Be ([ExchangeHardening.ExposureStatus]::Mitigated)
        $record.Reason | Should -Match '\bM1\b'
        $record.FixedIn | Should -Match 'Nov22SU 15\.2\.1118\.20'
        # The same CVE on a server without M1 stays open to judgement.
        (Get-Record $records EDGE01 CVE-2022-41040).Status | Should -Be 'Unknown'
    }

    It 'shows CVE-2026-42897 on EXSE01 as Mitigated by M2' {
        $record = Get-Record $records EXSE01 CVE-2026-42897
        $record.Status | Should -Be 'Mitigated'
        $record.Reason | Should -Match '\bM2\b'
    }

    It 'knows only the CU from AdminDisplayVersion: SecurityUpdate Unknown, BuildSource AdminDisplayVersion' {
        $records.SecurityUpdate | Sort-Object -Unique | Should -Be 'Unknown'
        $records.BuildSource | Sort-Object -Unique | Should -Be ([ExchangeHardening.BuildSource]::AdminDisplayVersion)
    }

    It 'gives Unknown for CVEs fixed by an update of the server''s own CU, with the advice to pass the ExSetup version' {
        $record = Get-Record $records EX02 CVE-2024-49040
        $record.Status | Should -Be 'Unknown'
        $record.Reason | Should -Match 'AdminDisplayVersion'
        $record.Recommendation | Should -Match 'ExSetup'
        $record.FixedIn | Should -Match 'CU14 Nov24SUv2 15\.2\.1544\.14'
        (Get-Record $records EX01 CVE-2022-41082).Status | Should -Be 'Unknown'
    }

    It 'gives Vulnerable for CVEs whose update never existed for the server''s CU' {
        $record = Get-Record $records EX01 CVE-2024-49040
        $record.Status | Should -Be 'Vulnerable'
        $record.Reason | Should -Match 'CU12 never received Nov24SUv2'
    }

    It 'hides Patched records by default and adds them with -IncludePatched' {
        $records.Status | Should -Not -Contain ([ExchangeHardening.ExposureStatus]::Patched)
        $all = $servers | Get-ExchangeExposure -AsOf $AsOf -IncludePatched
        $patched = @($all | Where-Object Status -eq 'Patched')
        $patched.Count | Should -BeGreaterThan 0
        $all.Count | Should -Be ($records.Count + $patched.Count)
        (Get-Record $all EX02 CVE-2021-26855).Status | Should -Be 'Patched'
    }

    It 'emits one ServerExposureSummary per server with -Summary' {
        $summary = $servers | Get-ExchangeExposure -AsOf $AsOf -Summary
        $summary | Should -HaveCount 5
        $summary | ForEach-Object { $_ -is [ExchangeHardening.ServerExposureSummary] | Should -BeTrue }
        $summary.Server | Should -Be @('EX01', 'EX02', 'EXSE01', 'EDGE01', 'EX03')

        $ex01 = $summary | Where-Object Server -eq 'EX01'
        $ex01.Level | Should -Be ([ExchangeHardening.ExposureLevel]::Red)
        $ex01.Supported | Should -BeFalse
        $ex01.EndOfSupport | Should -Be ([datetime]'2025-10-14')
        $ex01.VulnerableCount | Should -Be @($records | Where-Object { $_.Server -eq 'EX01' -and $_.Status -eq 'Vulnerable' }).Count
        $ex01.UnknownCount | Should -Be @($records | Where-Object { $_.Server -eq 'EX01' -and $_.Status -eq 'Unknown' }).Count
        $ex01.ExploitedCount | Should -BeGreaterThan 0
        # CU12 never got the latest update: the advice is the newest build of the newest CU.
        $ex01.LatestUpdate | Should -Match '15\.2\.1748\.\d+ \(KB\d+\)'

        $ex02 = $summary | Where-Object Server -eq 'EX02'
        $ex02.LatestUpdate | Should -Match 'CU14 .*15\.2\.1544\.\d+ \(KB\d+\)'
        $ex02.SecurityUpdate | Should -Be 'Unknown'
        $ex02.Level | Should -Be 'Red' -Because 'Exchange 2019 is past its end of support on 2026-11-30'

        $se = $summary | Where-Object Server -eq 'EXSE01'
        $se.Supported | Should -BeTrue
        $se.Level | Should -Be 'Yellow' -Because 'only Unknown and Mitigated records remain for an SE RTM server known by AdminDisplayVersion'
        $se.VulnerableCount | Should -Be 0
        $se.UnknownCount | Should -BeGreaterThan 0
        $se.LatestUpdate | Should -Match 'ExchangeSE RTM .*15\.2\.2562\.\d+ \(KB\d+\)'
    }

    It 'keeps servers with the same build apart: names, mitigations and objects' {
        $copies = 'EXA', 'EXB', 'EXC' | ForEach-Object {
            $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($servers[0]))
            $copy.Name = $_
            if ($_ -eq 'EXB') { $copy.MitigationsApplied = [System.Collections.ArrayList]@('PING1') }
            $copy
        }
        $same = $copies | Get-ExchangeExposure -AsOf $AsOf
        $same.Server | Sort-Object -Unique | Should -Be @('EXA', 'EXB', 'EXC')
        (Get-Record $same EXA CVE-2022-41040).Status | Should -Be 'Mitigated'
        (Get-Record $same EXB CVE-2022-41040).Status | Should -Be 'Unknown'
        (Get-Record $same EXC CVE-2022-41040).Status | Should -Be 'Mitigated'
        [object]::ReferenceEquals((Get-Record $same EXA CVE-2022-41040)[0], (Get-Record $same EXC CVE-2022-41040)[0]) | Should -BeFalse
        $summary = $copies | Get-ExchangeExposure -AsOf $AsOf -Summary
        $summary.Server | Should -Be @('EXA', 'EXB', 'EXC')
    }

    It 'binds -Build from the command line for every piped server (the remoting fan-out pattern)' {
        $info = Import-Clixml (Join-Path $Exchange 'ExSetupFileVersionInfo.xml')
        $ex02 = $servers | Where-Object Name -eq 'EX02' | Get-ExchangeExposure -Build $info -AsOf $AsOf -IncludePatched
        $ex02.Server | Sort-Object -Unique | Should -Be 'EX02'
        $ex02.BuildSource | Sort-Object -Unique | Should -Be 'FileVersion'
        $ex02.SecurityUpdate | Sort-Object -Unique | Should -Be 'Feb26SU'
        (Get-Record $ex02 EX02 CVE-2024-49040).Status | Should -Be 'Patched'
        $ex02.Status | Should -Not -Contain 'Unknown'
    }
}

Describe 'Get-ExchangeExposure with AdminDisplayVersion as a string (implicit remoting)' {
    BeforeAll {
        $server = Import-Clixml (Join-Path $Exchange 'ExchangeServer-ImplicitRemoting.xml')
        $records = $server | Get-ExchangeExposure -AsOf $AsOf
        $reference = Import-Clixml (Join-Path $Exchange 'ExchangeServers.xml') | Where-Object Name -eq 'EX01' | Get-ExchangeExposure -AsOf $AsOf
    }

    It 'gives the same records as the ServerVersion property bag' {
        $records | Should -Not -BeNullOrEmpty
        $records.Server | Sort-Object -Unique | Should -Be 'EX01'
        $records.Build | Sort-Object -Unique | Should -Be '15.2.1118.7'
        $records.BuildSource | Sort-Object -Unique | Should -Be 'AdminDisplayVersion'
        $records.SecurityUpdate | Sort-Object -Unique | Should -Be 'Unknown'
        ($records | ForEach-Object { "$($_.AdvisoryId) $($_.Cve) $($_.Status)" }) |
            Should -Be ($reference | ForEach-Object { "$($_.AdvisoryId) $($_.Cve) $($_.Status)" })
    }

    It 'still reads MitigationsApplied' {
        $record = Get-Record $records EX01 CVE-2022-41040
        $record.Status | Should -Be 'Mitigated'
        $record.Reason | Should -Match '\bM1\b'
    }
}

Describe 'Get-ExchangeExposure with ExSetup.exe versions' {
    BeforeAll {
        $info = Import-Clixml (Join-Path $Exchange 'ExSetupFileVersionInfo.xml')
        function Get-Signature { param($Record) $Record | ForEach-Object { "$($_.Cve) $($_.Status)" } }
    }

    It 'reads a deserialized FileVersionInfo passed to -Build' {
        $summary = Get-ExchangeExposure -Build $info -AsOf $AsOf -Summary
        $summary.Build | Should -Be '15.2.1544.39'
        $summary.CumulativeUpdate | Should -Be 'CU14'
        $summary.SecurityUpdate | Should -Be 'Feb26SU'
        $summary.UnknownCount | Should -Be 0
        $records = Get-ExchangeExposure -Build $info -AsOf $AsOf
        $records.BuildSource | Sort-Object -Unique | Should -Be ([ExchangeHardening.BuildSource]::FileVersion)
        $records.SecurityUpdate | Sort-Object -Unique | Should -Be 'Feb26SU'
        # Feb26SU is below the June/July 2026 updates: CVE-2026-42897 is open, and exploited.
        $open = $records | Where-Object Cve -eq 'CVE-2026-42897'
        $open.Status | Should -Be 'Vulnerable'
        $open.Reason | Should -Match '15\.2\.1544\.39 is below'
    }

    It 'accepts every spelling of the same build: <Name>' -ForEach @(
        @{ Name = 'zero-padded string'; Value = '15.02.1748.024' }
        @{ Name = 'plain string'; Value = '15.2.1748.24' }
        @{ Name = 'System.Version'; Value = [version]'15.2.1748.24' }
    ) {
        $records = Get-ExchangeExposure -Build $Value -AsOf $AsOf -IncludePatched
        $records.Build | Sort-Object -Unique | Should -Be '15.2.1748.24'
        $records.CumulativeUpdate | Sort-Object -Unique | Should -Be 'CU15'
        $records.SecurityUpdate | Sort-Object -Unique | Should -Be 'Apr25HU'
        $records.BuildSource | Sort-Object -Unique | Should -Be 'FileVersion'
        Get-Signature $records | Should -Be (Get-Signature (Get-ExchangeExposure -Build '15.2.1748.24' -AsOf $AsOf -IncludePatched))
    }

    It 'accepts the aliases FileVersion and ExSetupVersion' {
        (Get-ExchangeExposure -FileVersion '15.02.1544.039' -AsOf $AsOf -Summary).SecurityUpdate | Should -Be 'Feb26SU'
        (Get-ExchangeExposure -ExSetupVersion '15.02.1544.039' -AsOf $AsOf -Summary).SecurityUpdate | Should -Be 'Feb26SU'
    }

    It 'takes plain build strings from the pipeline' {
        $summary = '15.2.1544.39', '15.2.2562.46' | Get-ExchangeExposure -AsOf $AsOf -Summary
        $summary | Should -HaveCount 2
        $summary[0].Server | Should -Be '15.2.1544.39'
        $summary[0].SecurityUpdate | Should -Be 'Feb26SU'
        $summary[1].ProductName | Should -Be 'Exchange Server Subscription Edition'
    }

    It 'takes the FileVersionInfo object itself from the pipeline' {
        $records = $info | Get-ExchangeExposure -AsOf $AsOf
        $records | Should -Not -BeNullOrEmpty
        $records.Build | Sort-Object -Unique | Should -Be '15.2.1544.39'
        $records.BuildSource | Sort-Object -Unique | Should -Be 'FileVersion'
        $records.SecurityUpdate | Sort-Object -Unique | Should -Be 'Feb26SU'
        Get-Signature $records | Should -Be (Get-Signature (Get-ExchangeExposure -Build '15.2.1544.39' -AsOf $AsOf))
    }

    It 'names the server of a piped FileVersionInfo after the computer it came from' {
        $summary = $info | Get-ExchangeExposure -AsOf $AsOf -Summary
        $summary.Server | Should -Be 'EX02' -Because 'Invoke-Command adds PSComputerName'
    }

    It 'binds ComputerName and FileVersion by property name from Invoke-Command style objects' {
        $rows = [pscustomobject]@{ ComputerName = 'EX02'; FileVersion = '15.02.1544.039' },
            [pscustomobject]@{ ComputerName = 'EX03'; FileVersion = '15.02.1748.043' }
        $summary = $rows | Get-ExchangeExposure -AsOf $AsOf -Summary
        $summary.Server | Should -Be @('EX02', 'EX03')
        $summary.SecurityUpdate | Should -Be @('Feb26SU', 'Feb26SU')
        $summary.CumulativeUpdate | Should -Be @('CU14', 'CU15')
    }

    It 'judges an SE Aug26SU server as not Red and lists nothing open' {
        $summary = Get-ExchangeExposure -Build '15.2.2562.46' -AsOf $AsOf -Summary
        $summary.Level | Should -Not -Be 'Red'
        $summary.Supported | Should -BeTrue
        $summary.VulnerableCount | Should -Be 0
        $summary.LatestUpdate | Should -Match '15\.2\.2562\.46 \(KB5121573\)'
    }
}

Describe 'Get-ExchangeExposure -SettingOverride' {
    BeforeAll {
        $overrides = Import-Clixml (Join-Path $Exchange 'SettingOverrides.xml')
    }

    It 'without overrides, CVE-2024-49040 is patched on 15.2.1748.43' {
        $record = Get-ExchangeExposure -Build '15.2.1748.43' -AsOf $AsOf -IncludePatched | Where-Object Cve -eq 'CVE-2024-49040'
        $record.Status | Should -Be 'Patched'
        Get-ExchangeExposure -Build '15.2.1748.43' -AsOf $AsOf | Where-Object Cve -eq 'CVE-2024-49040' | Should -BeNullOrEmpty
    }

    It 'reopens CVE-2024-49040 when Get-SettingOverride shows the override that switches its fix off' {
        $records = Get-ExchangeExposure -Build '15.2.1748.43' -SettingOverride $overrides -AsOf $AsOf -IncludePatched -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -BeNullOrEmpty
        $record = $records | Where-Object Cve -eq 'CVE-2024-49040'
        $record.Status | Should -Be 'Vulnerable'
        $record.Reason | Should -Match 'DisableP2FromRegex'
        $record.Recommendation | Should -Match 'Remove-SettingOverride'
        # An override that enables a protection changes nothing for the worse.
        ($records | Where-Object Cve -eq 'CVE-2023-36050').Status | Should -Not -Be 'Vulnerable'
    }

    It 'applies a server-scoped override only to that server' {
        $records = 'EX02', 'EX03' | ForEach-Object { Get-ExchangeExposure -Name $_ -Build '15.2.1748.43' -SettingOverride $overrides -AsOf $AsOf -IncludePatched -ErrorVariable problems -ErrorAction SilentlyContinue }
        (Get-Record $records EX02 CVE-2025-33051).Status | Should -Be 'Vulnerable'
        (Get-Record $records EX02 CVE-2025-33051).Reason | Should -Match 'KeepAutodiscoverV2BackendCookie'
        (Get-Record $records EX03 CVE-2025-33051).Status | Should -Be 'Patched'
    }

    It 'reports an object that is no setting override as a non-terminating error' {
        $result = Get-ExchangeExposure -Build '15.2.1748.43' -SettingOverride ([pscustomobject]@{ Name = 'NotAnOverride' }) -AsOf $AsOf -Summary -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'SettingOverrideInvalid,*'
        $result.Build | Should -Be '15.2.1748.43'
    }

    It 'does not count signing as proven when some overrides could not be read' {
        # With every override read, no Data\EnableSerializationDataSigning override means signing is on (Patched);
        # with an unreadable one in the list, the absence proves nothing and the check stays open.
        $known = Get-ExchangeExposure -Build '15.2.1544.39' -SettingOverride @() -AsOf $AsOf -IncludePatched
        ($known | Where-Object Cve -eq 'CVE-2023-36050').Status | Should -Be 'Patched'
        $partial = Get-ExchangeExposure -Build '15.2.1544.39' -SettingOverride ([pscustomobject]@{ Name = 'x' }) -AsOf $AsOf -IncludePatched -ErrorAction SilentlyContinue
        ($partial | Where-Object Cve -eq 'CVE-2023-36050').Status | Should -Be 'ConfigurationRequired'
    }
}

Describe 'Get-ExchangeExposure lifecycle (-AsOf)' {
    It 'adds no Unsupported record for Exchange 2016 before its end of support' {
        $records = '15.1.2507.66' | Get-ExchangeExposure -AsOf '2025-01-01' -IncludePatched
        $records | Should -Not -BeNullOrEmpty
        $records | Where-Object Status -eq 'Unsupported' | Should -BeNullOrEmpty
        ('15.1.2507.66' | Get-ExchangeExposure -AsOf '2025-01-01' -Summary).Supported | Should -BeTrue
    }

    It 'adds one Unsupported record with severity High after it' {
        $unsupported = @('15.1.2507.66' | Get-ExchangeExposure -AsOf $AsOf | Where-Object Status -eq 'Unsupported')
        $unsupported | Should -HaveCount 1
        $unsupported[0].Severity | Should -Be ([ExchangeHardening.Severity]::High)
        $unsupported[0].Recommendation | Should -Match 'Subscription Edition'
        $summary = '15.1.2507.66' | Get-ExchangeExposure -AsOf $AsOf -Summary
        $summary.Supported | Should -BeFalse
        $summary.Level | Should -Be 'Red'
    }

    It 'keeps Exchange SE supported' {
        ('15.2.2562.46' | Get-ExchangeExposure -AsOf $AsOf -IncludePatched).Status | Should -Not -Contain 'Unsupported'
    }
}

Describe 'Get-ExchangeExposure with bad input' {
    It 'writes a non-terminating error naming the server without AdminDisplayVersion and goes on with the others' {
        $servers = Import-Clixml (Join-Path $Exchange 'ExchangeServers-MissingVersion.xml')
        $summary = $servers | Get-ExchangeExposure -AsOf $AsOf -Summary -ErrorVariable problems -ErrorAction SilentlyContinue
        $summary.Server | Should -Be @('EX02', 'EX03')
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ExchangeBuildInvalid*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].TargetObject | Should -Be $servers[1]
        $problems[0].TargetObject.Name | Should -Be 'EX04'
        $problems[0].ToString() | Should -Match "'EX04'"
        $problems[0].ToString() | Should -Match 'AdminDisplayVersion'
    }

    It 'writes errors for <Value> and goes on' -ForEach @(
        @{ Value = 'junk'; ErrorId = 'ExchangeBuildInvalid' }
        @{ Value = '14.3.123.4'; ErrorId = 'ExchangeBuildUnknown' }
    ) {
        $summary = $Value, '15.2.1544.39' | Get-ExchangeExposure -AsOf $AsOf -Summary -ErrorVariable problems -ErrorAction SilentlyContinue
        $summary.Server | Should -Be '15.2.1544.39'
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $problems[0].TargetObject | Should -Be $Value
        $problems[0].ToString() | Should -Match ([regex]::Escape($Value))
    }

    It 'throws with -ErrorAction Stop' {
        { 'junk' | Get-ExchangeExposure -AsOf $AsOf -ErrorAction Stop } | Should -Throw -ErrorId 'ExchangeBuildInvalid*'
        { Import-Clixml (Join-Path $Exchange 'ExchangeServers-MissingVersion.xml') | Get-ExchangeExposure -AsOf $AsOf -ErrorAction Stop } |
            Should -Throw "*'EX04'*"
    }

    It 'says what to pass when there is nothing to evaluate' {
        $null = Get-ExchangeExposure -AsOf $AsOf -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ExchangeServerMissing,*'
    }
}

Describe 'Get-ExchangeExposure -Local' {
    AfterEach {
        Remove-Item Env:\EXCHANGEHARDENING_HOST_RECORDING -ErrorAction SilentlyContinue
    }

    It 'replays the host recording named by EXCHANGEHARDENING_HOST_RECORDING' {
        $env:EXCHANGEHARDENING_HOST_RECORDING = Join-Path $Exchange 'LocalHost.xml'
        $records = Get-ExchangeExposure -Local -AsOf $AsOf
        $records | Should -Not -BeNullOrEmpty
        $records.Server | Sort-Object -Unique | Should -Be 'EX03'
        $records.Build | Sort-Object -Unique | Should -Be '15.2.1748.43'
        $records.BuildSource | Sort-Object -Unique | Should -Be 'FileVersion'
        $summary = Get-ExchangeExposure -Local -AsOf $AsOf -Summary
        $summary.Server | Should -Be 'EX03'
        $summary.CumulativeUpdate | Should -Be 'CU15'
        $summary.SecurityUpdate | Should -Be 'Feb26SU'
    }

    It 'reads a recording saved in UTF-16, the default encoding of Export-Clixml in Windows PowerShell 5.1' {
        $utf16 = Join-Path $TestDrive 'LocalHost-utf16.xml'
        [System.IO.File]::WriteAllText($utf16, [System.IO.File]::ReadAllText((Join-Path $Exchange 'LocalHost.xml')), [System.Text.Encoding]::Unicode)
        $env:EXCHANGEHARDENING_HOST_RECORDING = $utf16
        (Get-ExchangeExposure -Local -AsOf $AsOf -Summary).Build | Should -Be '15.2.1748.43'
    }

    It 'describes only this computer: piped servers keep their own versions' {
        $env:EXCHANGEHARDENING_HOST_RECORDING = Join-Path $Exchange 'LocalHost.xml'
        $summary = Import-Clixml (Join-Path $Exchange 'ExchangeServers.xml') | Get-ExchangeExposure -Local -AsOf $AsOf -Summary
        ($summary | Where-Object Server -eq 'EDGE01').ProductName | Should -Be 'Exchange Server 2016'
        ($summary | Where-Object Server -eq 'EXSE01').ProductName | Should -Be 'Exchange Server Subscription Edition'
    }

    It 'stops with a terminating error when the recording does not exist' {
        $env:EXCHANGEHARDENING_HOST_RECORDING = Join-Path $TestDrive 'no-such-recording.xml'
        { Get-ExchangeExposure -Local -AsOf $AsOf -ErrorAction SilentlyContinue } | Should -Throw -ErrorId 'LocalServerUnavailable*'
    }

    It 'stops with a clear terminating error on a system that is not Windows' -Skip:($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') {
        $caught = $null
        try { Get-ExchangeExposure -Local -AsOf $AsOf -ErrorAction SilentlyContinue } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty -Because 'a terminating error is not silenced by -ErrorAction SilentlyContinue'
        $caught.FullyQualifiedErrorId | Should -BeLike 'LocalServerUnavailable,*'
        $caught.ToString() | Should -Match 'only on Windows'
        $caught.ToString() | Should -Match '-Build'
    }
}

Describe 'Get-ExchangeExposure output' {
    BeforeAll {
        $records = Import-Clixml (Join-Path $Exchange 'ExchangeServers.xml') | Get-ExchangeExposure -AsOf $AsOf
        $summary = Import-Clixml (Join-Path $Exchange 'ExchangeServers.xml') | Get-ExchangeExposure -AsOf $AsOf -Summary
        $record = Get-Record $records EX01 CVE-2022-41040
    }

    It 'keeps the ExposureRecord property names and order stable' {
        $record.PSObject.Properties.Name | Should -Be $RecordProperties
        $record.PSObject.TypeNames[0] | Should -Be 'ExchangeHardening.ExposureRecord'
    }

    It 'keeps the ServerExposureSummary property names and order stable' {
        $summary[0].PSObject.Properties.Name | Should -Be $SummaryProperties
        $summary[0].PSObject.TypeNames[0] | Should -Be 'ExchangeHardening.ServerExposureSummary'
    }

    It 'declares its output types' {
        (Get-Command Get-ExchangeExposure).OutputType.Name | Should -Be @('ExchangeHardening.ExposureRecord', 'ExchangeHardening.ServerExposureSummary')
    }

    It 'survives remoting serialization with type names and values' {
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($record))
        $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.ExchangeHardening.ExposureRecord'
        $copy.PSObject.Properties.Name | Should -Be $RecordProperties
        foreach ($name in $RecordProperties) {
            "$($copy.$name)" | Should -Be "$($record.$name)" -Because "property $name"
        }
        $copy.Status | Should -Be 'Mitigated'

        $summaryCopy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($summary[0]))
        $summaryCopy.PSObject.TypeNames[0] | Should -Be 'Deserialized.ExchangeHardening.ServerExposureSummary'
        $summaryCopy.PSObject.Properties.Name | Should -Be $SummaryProperties
        $summaryCopy.Level | Should -Be 'Red'
        $summaryCopy.EndOfSupport | Should -Be ([datetime]'2025-10-14')
        $summaryCopy.VulnerableCount | Should -Be $summary[0].VulnerableCount
    }

    It 'converts to JSON and back' {
        $json = $records | ConvertTo-Json -Depth 3
        $back = $json | ConvertFrom-Json
        $back | Should -HaveCount $records.Count
        $back[0].PSObject.Properties.Name | Should -Be $RecordProperties
        ($back | Where-Object { $_.Server -eq 'EX01' -and $_.Cve -eq 'CVE-2022-41040' }).FixedIn | Should -Be $record.FixedIn
        $summaryBack = $summary | ConvertTo-Json | ConvertFrom-Json
        $summaryBack.Server | Should -Be @('EX01', 'EX02', 'EXSE01', 'EDGE01', 'EX03')
        $summaryBack[0].PSObject.Properties.Name | Should -Be $SummaryProperties
    }

    It 'writes status names into JSON with -EnumsAsStrings' -Skip:($PSVersionTable.PSEdition -eq 'Desktop') {
        $json = $record | ConvertTo-Json -EnumsAsStrings
        $json | Should -Match '"Status":\s*"Mitigated"'
        $json | Should -Match '"BuildSource":\s*"AdminDisplayVersion"'
    }

    It 'has a default table view for records, grouped by server' {
        $text = $records | Where-Object Server -eq 'EX01' | Out-String -Width 250
        $text | Should -Match 'Server: EX01'
        $text | Should -Match 'Status\s+Severity\s+Exploited\s+Cve\s+Build\s+FixedIn'
        $text | Should -Match 'Mitigated\s+High\s+True\s+CVE-2022-41040\s+15\.2\.1118\.7'
        $table = $record | Format-Table | Out-String -Width 250
        $table | Should -Match 'Status\s+Severity'
    }

    It 'has a default table view for the summary' {
        $text = $summary | Out-String -Width 250
        $text | Should -Match 'Server\s+Level\s+Product\s+CU\s+Update\s+Vulnerable\s+Exploited\s+Unknown\s+LatestUpdate'
        $text | Should -Match 'EXSE01\s+Yellow'
        ($summary | Format-Table | Out-String -Width 250) | Should -Match 'Server\s+Level'
    }

    It 'uses the same table views for deserialized output' {
        $copies = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($summary))
        ($copies | Out-String -Width 250) | Should -Match 'Server\s+Level\s+Product'
        $recordCopy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($record))
        ($recordCopy | Out-String -Width 250) | Should -Match 'Status\s+Severity\s+Exploited\s+Cve'
    }
}
