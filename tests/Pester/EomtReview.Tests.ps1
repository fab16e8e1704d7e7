# Invoke-EomtReview end to end, through the cmdlet: the module's sample evidence trees (Samples/Evidence/README.md:
# a ProxyLogon-era Exchange 2016 copy and a clean Exchange 2019 copy), event objects piped in, a -Local host recording
# with a small copied tree (Fixtures/EomtReview/README.md), and broken trees built in $TestDrive.
BeforeAll {
    Import-Module $env:EXCHANGEHARDENING_MODULE -Force
    $Samples = Join-Path (Split-Path $env:EXCHANGEHARDENING_MODULE) 'Samples/Evidence'
    $Compromised = Join-Path $Samples 'EX2016-Compromised'
    $Clean = Join-Path $Samples 'EX2019-Clean'
    $EventExport = Join-Path $Compromised 'Events/EX2016-Application-MSExchangeManagement.json'
    $Fixtures = Join-Path $PSScriptRoot 'Fixtures/EomtReview'
    $Recording = Join-Path $Fixtures 'LocalHost-EomtReview.xml'
    $LocalTree = Join-Path $Fixtures 'LocalTree'
    $Attacker = '203.0.113.47'
    $ProgressPreference = 'SilentlyContinue'

    # One review of each sample, shared by the tests that only read the result.
    $CompromisedFindings = @(Invoke-EomtReview -Path $Compromised -ErrorVariable CompromisedErrors -WarningVariable CompromisedWarnings)
    $CleanFindings = @(Invoke-EomtReview -Path $Clean -ErrorVariable CleanErrors -WarningVariable CleanWarnings)

    function Select-Rule {
        param([object[]] $Finding, [Parameter(Mandatory)] [string] $RuleId)
        @($Finding | Where-Object RuleId -eq $RuleId)
    }

    function Get-Utc {
        param([Parameter(Mandatory)] $Finding)
        $Finding.Timestamp.UtcDateTime.ToString('yyyy-MM-dd HH:mm:ss', [cultureinfo]::InvariantCulture)
    }

    # What identifies a finding, whatever order the parallel workers produced it in.
    function Get-FindingKey {
        param([object[]] $Finding)
        @($Finding | ForEach-Object {
                '{0}|{1}|{2}|{3}|{4}|{5}|{6}|{7}' -f $_.RuleId, $_.Server, $_.Path, $_.Line, $_.ClientIp, $_.Timestamp, $_.Severity, $_.Evidence
            } | Sort-Object)
    }

    function Get-TreeState {
        param([Parameter(Mandatory)] [string] $Path)
        Get-ChildItem -LiteralPath $Path -Recurse -Force | Sort-Object FullName | ForEach-Object {
            if ($_.PSIsContainer) { "dir|$($_.FullName)|$($_.LastWriteTimeUtc.Ticks)" }
            else { "file|$($_.FullName)|$($_.Length)|$($_.LastWriteTimeUtc.Ticks)|$((Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash)" }
        }
    }
}

Describe 'Sample EX2016-Compromised: a ProxyLogon victim with a web shell, EOMT and Safety Scanner artefacts' {
    It 'reviews the whole tree without errors or warnings' {
        $CompromisedErrors | Should -HaveCount 0
        $CompromisedWarnings | Should -HaveCount 0
        $CompromisedFindings.Count | Should -BeGreaterThan 40
    }

    It 'yields exactly the documented rule ids' {
        $ids = @($CompromisedFindings.RuleId | Sort-Object -Unique)
        $ids | Should -Be @(
            'EXH-COR-ProxyLogon', 'EXH-COV-001', 'EXH-COV-002', 'EXH-CT-003', 'EXH-CT-015', 'EXH-EOMT-001', 'EXH-EOMT-004',
            'EXH-MIT-002', 'EXH-MIT-005', 'EXH-PL-001', 'EXH-PL-001B', 'EXH-PL-003', 'EXH-PL-005', 'EXH-PL-008', 'EXH-PL-009',
            'EXH-PL-010', 'EXH-PL-011', 'EXH-PL-014', 'EXH-PL-015', 'EXH-WS-002', 'EXH-WS-003', 'EXH-WS-004')
    }

    It 'finds the request forgery (EXH-PL-001) on exactly the four forged lines from the attacker' {
        $ssrf = Select-Rule $CompromisedFindings 'EXH-PL-001'
        $ssrf | Should -HaveCount 4
        @($ssrf.Line | Sort-Object) | Should -Be @(7, 8, 9, 10)
        $ssrf | ForEach-Object {
            Split-Path $_.Path -Leaf | Should -Be 'HttpProxy_2021030302-1.LOG'
            $_.ClientIp | Should -Be $Attacker
            $_.Category | Should -Be 'Exploitation'
            $_.Severity | Should -Be 'High'
            $_.Confidence | Should -Be 'High'
            $_.Cve | Should -Be 'CVE-2021-26855'
            $_.Server | Should -Be 'EX2016' -Because 'the HttpProxy log names its server (ServerHostName)'
            $_.Evidence | Should -Match 'ServerInfo~ex2016\.example\.test/'
        }
        @($ssrf | ForEach-Object { Get-Utc $_ }) | Sort-Object | Should -Be @('2021-03-03 02:14:07', '2021-03-03 02:14:09', '2021-03-03 02:14:13', '2021-03-03 02:14:19')
    }

    It 'keeps the shapes Microsoft''s script leaves out as separate low-confidence findings (EXH-PL-001B)' {
        $probes = Select-Rule $CompromisedFindings 'EXH-PL-001B'
        $probes | Should -HaveCount 2
        @($probes.ClientIp | Sort-Object) | Should -Be @('198.51.100.200', $Attacker)
        $probes.Confidence | Sort-Object -Unique | Should -Be 'Low'
        $probes.Severity | Sort-Object -Unique | Should -Be 'Medium'
        ($probes | Where-Object ClientIp -eq '198.51.100.200').Evidence | Should -Match 'ServerInfo~localhost/ecp/default\.flt\?'
    }

    It 'finds the OAB virtual-directory reset through the forged anchor (EXH-PL-011)' {
        $reset = Select-Rule $CompromisedFindings 'EXH-PL-011'
        $reset | Should -HaveCount 1
        $reset[0].ClientIp | Should -Be $Attacker
        $reset[0].Line | Should -Be 10
        Get-Utc $reset[0] | Should -Be '2021-03-03 02:14:19'
        $reset[0].Severity | Should -Be 'Critical'
        $reset[0].Category | Should -Be 'WebShell'
        $reset[0].Evidence | Should -Match 'schema=ResetOABVirtualDirectory#'
        Select-Rule $CompromisedFindings 'EXH-PL-012' | Should -HaveCount 0 -Because 'the sample has no back-end IIS log'
    }

    It 'finds the script in the OAB ExternalUrl (ECP log and cmdlet log) and the file the OAB generator wrote' {
        $ecp = Select-Rule $CompromisedFindings 'EXH-PL-009'
        $ecp | Should -HaveCount 1
        Split-Path $ecp[0].Path -Leaf | Should -Be 'ECPServer20210303-1.LOG'
        $ecp[0].Line | Should -Be 6
        $ecp[0].Evidence | Should -Match "S:CMD=Set-OabVirtualDirectory\.ExternalUrl='http://f/<script"
        $cmdlet = Select-Rule $CompromisedFindings 'EXH-PL-010'
        $cmdlet | Should -HaveCount 1
        Split-Path $cmdlet[0].Path -Leaf | Should -Be 'EX2016-Application-MSExchangeManagement.json'
        $cmdlet[0].Server | Should -Be 'EX2016.example.test' -Because 'the event names its machine'
        Get-Utc $cmdlet[0] | Should -Be '2021-03-03 02:14:14'
        $oab = Select-Rule $CompromisedFindings 'EXH-PL-008'
        $oab | Should -HaveCount 1 -Because 'the temp file under ClientAccess\OAB on 2021-03-02 is normal'
        $oab[0].Evidence | Should -Match ([regex]::Escape("'C:\inetpub\wwwroot\aspnet_client\discover.aspx'"))
        $um = Select-Rule $CompromisedFindings 'EXH-PL-005'
        $um | Should -HaveCount 1
        $um[0].Cve | Should -Be 'CVE-2021-26857'
    }

    It 'reports the web shell by its name, its place and its content (EXH-WS-002, -003, -004)' {
        foreach ($id in 'EXH-WS-002', 'EXH-WS-003', 'EXH-WS-004') {
            $shell = Select-Rule $CompromisedFindings $id
            $shell | Should -HaveCount 1 -Because "$id fires once for the one page"
            Split-Path $shell[0].Path -Leaf | Should -Be 'discover.aspx'
            Split-Path (Split-Path $shell[0].Path) -Leaf | Should -Be 'aspnet_client'
            $shell[0].Category | Should -Be 'WebShell'
            $shell[0].Line | Should -Be 0
            $shell[0].Server | Should -Be 'EX2016-Compromised' -Because 'without -Server the folder name labels what names no server'
        }
        $content = (Select-Rule $CompromisedFindings 'EXH-WS-004')[0]
        $content.Severity | Should -Be 'Critical'
        $content.Confidence | Should -Be 'High'
        $content.Evidence | Should -Match 'JScript page language: .*\| request parameter evaluated with "unsafe": '
        (Select-Rule $CompromisedFindings 'EXH-WS-002')[0].Severity | Should -Be 'Critical'
        (Select-Rule $CompromisedFindings 'EXH-WS-003')[0].Title | Should -Be 'Server-side page in aspnet_client, where IIS keeps no pages'
    }

    It 'reports the Safety Scanner detection with threat name and path (EXH-CT-015)' {
        $msert = Select-Rule $CompromisedFindings 'EXH-CT-015'
        $msert | Should -HaveCount 1
        $msert[0].Category | Should -Be 'Eomt'
        $msert[0].Severity | Should -Be 'Critical'
        $msert[0].Title | Should -Be 'Microsoft Safety Scanner detected a threat: Backdoor:ASP/Webshell.Y'
        $msert[0].Evidence | Should -Match ([regex]::Escape('path C:\inetpub\wwwroot\aspnet_client\discover.aspx'))
        Get-Utc $msert[0] | Should -Be '2021-03-16 10:06:12'
        Split-Path $msert[0].Path -Leaf | Should -Be 'msert.log'
    }

    It 'reports what EOMT found and did, and the cookie rules it left in the IIS configuration' {
        $vulnerable = Select-Rule $CompromisedFindings 'EXH-MIT-005'
        $vulnerable | Should -HaveCount 1
        $vulnerable[0].Line | Should -Be 3
        $vulnerable[0].Evidence | Should -Be '2021-03-16 10:00:02 Info: EX2016 is vulnerable: applying mitigation'
        $applied = Select-Rule $CompromisedFindings 'EXH-EOMT-001'
        $applied | Should -HaveCount 1
        $applied[0].Line | Should -Be 7
        $summary = Select-Rule $CompromisedFindings 'EXH-EOMT-004'
        $summary | Should -HaveCount 1
        Split-Path $summary[0].Path -Leaf | Should -Be 'EOMTSummary.txt'
        @($CompromisedFindings | Where-Object Category -eq 'Eomt').Count | Should -Be 4
        $rules = Select-Rule $CompromisedFindings 'EXH-MIT-002'
        $rules | Should -HaveCount 1
        $rules[0].Category | Should -Be 'Mitigation'
        Split-Path $rules[0].Path -Leaf | Should -Be 'web.config'
        $rules[0].Title | Should -Not -Match 'stale'
        $rules[0].Evidence | Should -Match '^fixed by Mar21SU; the build is not known'
    }

    It 'reports the short-named archive staged in ProgramData (EXH-CT-003)' {
        $staged = Select-Rule $CompromisedFindings 'EXH-CT-003'
        $staged | Should -HaveCount 1
        $staged[0].Category | Should -Be 'CredentialTheft'
        Split-Path $staged[0].Path -Leaf | Should -Be 'mb.zip'
    }

    It 'joins SSRF, virtual-directory reset and web-shell access from 203.0.113.47 into one EXH-COR-ProxyLogon finding' {
        $chain = @($CompromisedFindings | Where-Object Category -eq 'Correlation')
        $chain | Should -HaveCount 1
        $chain[0].RuleId | Should -Be 'EXH-COR-ProxyLogon'
        $chain[0].ClientIp | Should -Be $Attacker
        $chain[0].Title | Should -Be "ProxyLogon attack chain from $Attacker`: 3 of 3 steps"
        $chain[0].Severity | Should -Be 'Critical'
        $chain[0].Confidence | Should -Be 'High'
        $chain[0].Cve | Should -Match 'CVE-2021-26855'
        Get-Utc $chain[0] | Should -Be '2021-03-03 02:14:07'
        $chain[0].Evidence | Should -Match '^EXH-PL-001 at 2021-03-03 02:14:07 \(HttpProxy_2021030302-1\.LOG:7\) -> EXH-PL-011 at 2021-03-03 02:14:19 \(HttpProxy_2021030302-1\.LOG:10\) -> EXH-PL-01[45] at 2021-03-03 02:1\d:\d\d \(u_ex210303\.log:\d+\)$'
        @($CompromisedFindings | Where-Object { $_.ClientIp -eq '198.51.100.200' -and $_.Category -eq 'Correlation' }) | Should -HaveCount 0 -Because 'a lone probe is no chain'
    }

    It 'says the logs start after ProxyLogon exploitation began, so they cannot rule out January and February' {
        $late = Select-Rule $CompromisedFindings 'EXH-COV-002'
        $late | Should -HaveCount 5
        @($late.Title | Sort-Object) | Should -Be @(
            'ECP server logs start after ProxyLogon exploitation began',
            'exported Windows events start after ProxyLogon exploitation began',
            'HttpProxy logs start after ProxyLogon exploitation began',
            'IIS logs start after ProxyLogon exploitation began',
            'OABGenerator logs start after ProxyLogon exploitation began')
        $late | ForEach-Object {
            $_.Evidence | Should -Match '^oldest \w+ entry 2021-03-02 \d\d:\d\d UTC; ProxyLogon was exploited from 2021-01-01$'
            $_.Severity | Should -Be 'Medium'
            $_.Cve | Should -Match 'CVE-2021-26855'
        }
        $span = Select-Rule $CompromisedFindings 'EXH-COV-001' | Where-Object Title -like 'HttpProxy logs*'
        $span.Title | Should -Be 'HttpProxy logs cover 2021-03-02 to 2021-03-03'
        $span.Evidence | Should -Match '^12 file\(s\) of HttpProxyLog, oldest entry 2021-03-02 '
    }
}

Describe 'Sample EX2019-Clean: a patched server yields only coverage findings' {
    It 'reviews the tree without errors or warnings' {
        $CleanErrors | Should -HaveCount 0
        $CleanWarnings | Should -HaveCount 0
    }

    It 'returns only Coverage findings' {
        $CleanFindings.Count | Should -BeGreaterThan 0
        $CleanFindings.Category | Sort-Object -Unique | Should -Be 'Coverage'
        $spans = @(Select-Rule $CleanFindings 'EXH-COV-001')
        @($spans.Title | Sort-Object) | Should -Be @('HttpProxy logs cover 2026-11-23 to 2026-11-25', 'IIS logs cover 2026-11-23 to 2026-11-25')
    }

    It 'without -Build treats the server as exposed to every campaign and names the missing sources' {
        (Select-Rule $CleanFindings 'EXH-COV-002').Title | Should -Contain 'HttpProxy logs start after ProxyLogon exploitation began'
        (Select-Rule $CleanFindings 'EXH-COV-003').Title | Should -Contain 'No ECP server logs, OABGenerator logs, exported Windows events in the evidence for ProxyLogon'
    }

    It 'with its build (2019 CU15 Aug26SU) keeps only the log spans: the server never ran a vulnerable build of those campaigns' {
        $findings = @(Invoke-EomtReview -Path $Clean -Build 15.2.1748.49)
        $findings.RuleId | Sort-Object -Unique | Should -Be 'EXH-COV-001'
        $findings | Should -HaveCount 2
    }
}

Describe 'Every finding carries the documented properties' {
    It 'has Server, Category, RuleId, Severity, Confidence, Path (except coverage) and a trimmed Evidence' {
        foreach ($finding in $CompromisedFindings + $CleanFindings) {
            $finding | Should -BeOfType ([ExchangeHardening.Finding])
            $finding.Server | Should -Not -BeNullOrEmpty
            $finding.Category | Should -BeOfType ([ExchangeHardening.FindingCategory])
            $finding.RuleId | Should -Match '^EXH-[A-Z]+-[0-9A-Za-z]+'
            $finding.Title | Should -Not -BeNullOrEmpty
            $finding.Severity | Should -BeOfType ([ExchangeHardening.Severity])
            $finding.Confidence | Should -BeOfType ([ExchangeHardening.Confidence])
            $finding.Evidence | Should -Not -BeNullOrEmpty
            $finding.Recommendation | Should -Not -BeNullOrEmpty
            if ($finding.Category -ne 'Coverage') {
                $finding.Path | Should -Not -BeNullOrEmpty -Because "$($finding.RuleId) names where it was found"
                Test-Path -LiteralPath $finding.Path | Should -BeTrue
            }
        }
    }

    It 'keeps Evidence at 300 characters or less' {
        $long = @(($CompromisedFindings + $CleanFindings) | Where-Object { $_.Evidence.Length -gt 300 })
        $long | Should -HaveCount 0
    }
}

Describe 'Parameters' {
    It '-Since drops older log, event and EOMT findings but keeps web-shell and staging file findings' {
        $since = [datetime]::new(2021, 3, 3, 3, 0, 0, [DateTimeKind]::Utc)
        $findings = @(Invoke-EomtReview -Path $Compromised -Since $since)
        foreach ($id in 'EXH-PL-001', 'EXH-PL-011', 'EXH-PL-009', 'EXH-PL-010', 'EXH-PL-008', 'EXH-PL-005', 'EXH-COR-ProxyLogon') {
            Select-Rule $findings $id | Should -HaveCount 0 -Because "$id happened before $since"
        }
        $findings | Where-Object { $_.Category -eq 'Exploitation' } | ForEach-Object { $_.Timestamp.UtcDateTime | Should -BeGreaterOrEqual $since }
        (Select-Rule $findings 'EXH-PL-001B').ClientIp | Should -Be '198.51.100.200' -Because 'the probe at 09:41 is after -Since'
        foreach ($id in 'EXH-WS-002', 'EXH-WS-003', 'EXH-WS-004', 'EXH-CT-003', 'EXH-CT-015', 'EXH-MIT-002') {
            Select-Rule $findings $id | Should -HaveCount 1 -Because "$id is still reported"
        }

        $later = @(Invoke-EomtReview -Path $Compromised -Since ([datetime]::new(2022, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)))
        @($later | Where-Object Category -eq 'Exploitation') | Should -HaveCount 0
        Select-Rule $later 'EXH-CT-015' | Should -HaveCount 0 -Because 'the scan ran on 2021-03-16'
        Select-Rule $later 'EXH-MIT-005' | Should -HaveCount 0
        @($later | Where-Object RuleId -like 'EXH-WS-*') | Should -HaveCount 3 -Because 'web-shell files are reported whatever their time'
    }

    It '-Server labels the findings whose evidence names no server; log lines and events keep the name they carry' {
        $findings = @(Invoke-EomtReview -Path $Compromised -Server 'EX2016.example.test')
        foreach ($id in 'EXH-WS-004', 'EXH-CT-003', 'EXH-CT-015', 'EXH-MIT-002', 'EXH-MIT-005', 'EXH-EOMT-004', 'EXH-COV-002', 'EXH-PL-014') {
            (Select-Rule $findings $id).Server | Sort-Object -Unique | Should -Be 'EX2016.example.test' -Because "$id has no server in its evidence"
        }
        (Select-Rule $findings 'EXH-PL-001').Server | Sort-Object -Unique | Should -Be 'EX2016'
        (Select-Rule $findings 'EXH-PL-010').Server | Should -Be 'EX2016.example.test'
        (Select-Rule $CompromisedFindings 'EXH-CT-015').Server | Should -Be 'EX2016-Compromised' -Because 'without -Server the folder name is used'
    }

    It '-Build on a November 2022 build makes the EOMT cookie rules stale' {
        $findings = @(Invoke-EomtReview -Path $Compromised -Build 15.1.2507.16)
        $rules = Select-Rule $findings 'EXH-MIT-002'
        $rules | Should -HaveCount 1
        $rules[0].Title | Should -Be "EOMT's ProxyLogon cookie rules in place (EOMT / ExchangeMitigations.ps1, March 2021) (stale: the installed build has the fix)"
        $rules[0].Evidence | Should -Match '^build 15\.1\.2507\.16 has Mar21SU: stale; EOMT-CVE-2021-26855 present'
        $rules[0].Recommendation | Should -Match '^The installed build fixes what it mitigates, so it can be removed'
    }

    It '-Build on the vulnerable build the logs show keeps the rules as still needed' {
        $rules = Select-Rule @(Invoke-EomtReview -Path $Compromised -Build '15.01.2176.002') 'EXH-MIT-002'
        $rules[0].Title | Should -Not -Match 'stale'
        $rules[0].Evidence | Should -Match '^build 15\.1\.2176\.2 lacks Mar21SU: still needed'
    }

    It '-Build that is not a build is a non-terminating error and the review goes on' {
        $findings = @(Invoke-EomtReview -Path $Compromised -Build 'not-a-build' -ErrorVariable problems -ErrorAction SilentlyContinue)
        $problems.FullyQualifiedErrorId | Should -Contain 'ExchangeBuildInvalid,ExchangeHardening.Commands.InvokeEomtReviewCommand'
        (Get-FindingKey $findings) | Should -Be (Get-FindingKey $CompromisedFindings)
    }

    It '-ThrottleLimit 1 and 2 give the same findings' {
        $one = Get-FindingKey (Invoke-EomtReview -Path $Compromised -ThrottleLimit 1)
        $two = Get-FindingKey (Invoke-EomtReview -Path $Compromised -ThrottleLimit 2)
        $one | Should -Be $two
        $one | Should -Be (Get-FindingKey $CompromisedFindings)
        $one.Count | Should -Be $CompromisedFindings.Count
    }

    It 'rejects -ThrottleLimit 0' {
        { Invoke-EomtReview -Path $Clean -ThrottleLimit 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ExchangeHardening.Commands.InvokeEomtReviewCommand'
    }
}

Describe 'Pipeline input' {
    It 'takes paths piped as strings' {
        Get-FindingKey ($Compromised | Invoke-EomtReview) | Should -Be (Get-FindingKey $CompromisedFindings)
    }

    It 'takes folders piped from Get-Item (DirectoryInfo) and files piped from Get-ChildItem (FileInfo)' {
        Get-FindingKey (Get-Item -LiteralPath $Compromised | Invoke-EomtReview) | Should -Be (Get-FindingKey $CompromisedFindings)
        $msert = @(Get-ChildItem -LiteralPath (Join-Path $Compromised 'Windows/debug') -File | Invoke-EomtReview)
        (Select-Rule $msert 'EXH-CT-015') | Should -HaveCount 1
    }

    It 'binds FullName by property name' {
        $findings = @([pscustomobject]@{ FullName = $Clean } | Invoke-EomtReview)
        Get-FindingKey $findings | Should -Be (Get-FindingKey $CleanFindings)
    }

    It 'takes Get-WinEvent records read back with ConvertFrom-Json' {
        $events = Get-Content -LiteralPath $EventExport -Raw | ConvertFrom-Json
        $events | Should -HaveCount 8
        $findings = @($events | Invoke-EomtReview)
        $cmdlet = Select-Rule $findings 'EXH-PL-010'
        $cmdlet | Should -HaveCount 1
        $cmdlet[0].Path | Should -Be 'pipeline'
        $cmdlet[0].Server | Should -Be 'EX2016.example.test'
        Get-Utc $cmdlet[0] | Should -Be '2021-03-03 02:14:14'
        Select-Rule $findings 'EXH-PL-005' | Should -HaveCount 1
        (Select-Rule $findings 'EXH-COV-001').Title | Should -Be 'exported Windows events cover 2021-03-02 to 2021-03-03'
        @($findings | Where-Object { $_.Category -notin 'Coverage', 'Exploitation', 'WebShell' }) | Should -HaveCount 0
    }

    It 'takes deserialized EventLogRecords (Import-Clixml)' {
        $events = (Import-Clixml -LiteralPath $Recording).ReviewEvents
        $events[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.System.Diagnostics.Eventing.Reader.EventLogRecord'
        $findings = @($events | Invoke-EomtReview)
        Select-Rule $findings 'EXH-PL-010' | Should -HaveCount 1
        Select-Rule $findings 'EXH-PL-005' | Should -HaveCount 1
        (Select-Rule $findings 'EXH-PL-010')[0].Path | Should -Be 'pipeline'
    }

    It 'reports an object that is neither a path nor an event as a non-terminating error and reviews the rest' {
        $findings = @(@($Clean, 42) | Invoke-EomtReview -ErrorVariable problems -ErrorAction SilentlyContinue)
        $problems.FullyQualifiedErrorId | Should -Contain 'EvidenceInputInvalid,ExchangeHardening.Commands.InvokeEomtReviewCommand'
        Get-FindingKey $findings | Should -Be (Get-FindingKey $CleanFindings)
    }

    It 'says so when there is nothing to review' {
        $findings = @(Invoke-EomtReview -ErrorVariable problems -ErrorAction SilentlyContinue)
        $findings | Should -HaveCount 0
        $problems.FullyQualifiedErrorId | Should -Be 'EvidenceMissing,ExchangeHardening.Commands.InvokeEomtReviewCommand'
    }
}

Describe 'Robustness: broken evidence is reported and the rest of the run goes on' {
    BeforeAll {
        $source = Join-Path $Compromised 'V15/Logging/HttpProxy/Ecp/HttpProxy_2021030302-1.LOG'
        $tree = Join-Path $TestDrive 'EXBROKEN'
        $httpProxy = Join-Path $tree 'Program Files/Microsoft/Exchange Server/V15/Logging/HttpProxy'
        foreach ($folder in 'Ecp', 'Ews', 'Owa', 'Mapi') { New-Item -ItemType Directory -Path (Join-Path $httpProxy $folder) -Force | Out-Null }
        New-Item -ItemType Directory -Path (Join-Path $tree 'inetpub/logs/LogFiles/W3SVC1'), (Join-Path $tree 'ProgramData/Empty') -Force | Out-Null
        $readable = Join-Path $httpProxy 'Ecp/HttpProxy_2021030302-1.LOG'
        Copy-Item -LiteralPath $source -Destination $readable

        # Binary content under a log name.
        $binary = Join-Path $httpProxy 'Ecp/HttpProxy_2021030305-1.LOG'
        $bytes = [byte[]]::new(8192)
        [System.Random]::new(5).NextBytes($bytes)
        $bytes[3] = 0
        [System.IO.File]::WriteAllBytes($binary, $bytes)

        # The directives of a real log, then one 3 MB line.
        $huge = Join-Path $httpProxy 'Owa/HttpProxy_2021030306-1.LOG'
        $header = (Get-Content -LiteralPath $source -TotalCount 5) -join "`r`n"
        [System.IO.File]::WriteAllText($huge, $header + "`r`n2021-03-03T06:00:00.000Z," + ('x' * 3MB) + "`r`n")

        # A log nobody may read (root may read anything).
        $unreadable = Join-Path $httpProxy 'Mapi/HttpProxy_2021030307-1.LOG'
        Copy-Item -LiteralPath $source -Destination $unreadable
        $IsRoot = $false
        $OnWindows = $IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop'
        if (-not $OnWindows) {
            & chmod 000 $unreadable
            $IsRoot = (& id -u) -eq '0'
        }

        # A link back to the tree's root: followed, it would loop forever.
        $loop = Join-Path $tree 'loop'
        $LinkMade = $true
        try { New-Item -ItemType SymbolicLink -Path $loop -Target $tree -ErrorAction Stop | Out-Null } catch { $LinkMade = $false }

        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $Findings = @(Invoke-EomtReview -Path $tree -ErrorVariable Problems -WarningVariable Warnings -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
        $watch.Stop()
        $Elapsed = $watch.Elapsed
    }

    AfterAll {
        if (-not $OnWindows -and (Test-Path -LiteralPath $unreadable)) { & chmod 644 $unreadable }
    }

    It 'completes and still finds the indicators of the readable log' {
        $Elapsed.TotalSeconds | Should -BeLessThan 60
        $ssrf = @(Select-Rule $Findings 'EXH-PL-001' | Where-Object { $_.Path -eq $readable })
        $ssrf | Should -HaveCount 4
        Select-Rule $Findings 'EXH-COR-ProxyLogon' | Should -HaveCount 1
    }

    It 'warns about the binary file named .LOG and does not read it as a log' {
        ($Warnings | ForEach-Object { "$_" }) | Should -Contain "$binary`: The file lies in a HttpProxyLog folder but its content is binary; it was not read as a log."
        @($Findings | Where-Object Path -eq $binary) | Should -HaveCount 0
    }

    It 'reports the 3 MB line as a non-terminating error naming file and line' {
        $error3mb = @($Problems | Where-Object { "$($_.TargetObject)" -eq $huge })
        $error3mb | Should -HaveCount 1
        $error3mb[0].FullyQualifiedErrorId | Should -Be 'EvidenceUnreadable,ExchangeHardening.Commands.InvokeEomtReviewCommand'
        $error3mb[0].CategoryInfo.Category | Should -Be 'ReadError'
        "$($error3mb[0])" | Should -Match 'HttpProxy_2021030306-1\.LOG:6: .*longer than'
    }

    It 'warns about the symbolic link and does not follow it' {
        if (-not $LinkMade) { Set-ItResult -Skipped -Because 'this account may not create symbolic links'; return }
        ($Warnings | ForEach-Object { "$_" }) | Should -Contain "$loop`: A symbolic link or junction; not followed."
        @($Findings | Where-Object { $_.Path -like "$loop*" }) | Should -HaveCount 0
    }

    It 'reports the unreadable file as a non-terminating error' {
        if ($OnWindows) { Set-ItResult -Skipped -Because 'chmod 000 has no equivalent here'; return }
        if ($IsRoot) { Set-ItResult -Skipped -Because 'the tests run as root, who can read a file with mode 000'; return }
        $denied = @($Problems | Where-Object { "$($_.TargetObject)" -eq $unreadable })
        $denied | Should -HaveCount 1
        $denied[0].FullyQualifiedErrorId | Should -Be 'EvidenceUnreadable,ExchangeHardening.Commands.InvokeEomtReviewCommand'
        "$($denied[0])" | Should -Match 'cannot be read'
        @($Findings | Where-Object Path -eq $unreadable) | Should -HaveCount 0
    }

    It 'passes over empty folders, and warns when a root holds no evidence at all' {
        $empty = Join-Path $tree 'ProgramData/Empty'
        $findings = @(Invoke-EomtReview -Path $empty -WarningVariable emptyWarnings -WarningAction SilentlyContinue)
        ($emptyWarnings | ForEach-Object { "$_" }) | Should -Contain "$empty`: No evidence files were found here."
        $findings.Category | Sort-Object -Unique | Should -Be 'Coverage' -Because 'with no logs only the coverage gaps remain'
    }

    It 'reports a path that does not exist and reviews the other paths' {
        $missing = Join-Path $TestDrive 'no-such-folder'
        $findings = @(Invoke-EomtReview -Path $missing, $Clean -ErrorVariable problems -ErrorAction SilentlyContinue)
        @($problems | Where-Object { "$($_.TargetObject)" -eq $missing }) | Should -HaveCount 1
        "$($problems[0])" | Should -Match 'does not exist'
        (Select-Rule $findings 'EXH-COV-001') | Should -HaveCount 2
    }

    It 'turns the first problem into a terminating error under -ErrorAction Stop' {
        { Invoke-EomtReview -Path $tree -ErrorAction Stop -WarningAction SilentlyContinue } | Should -Throw -ErrorId 'EvidenceUnreadable,ExchangeHardening.Commands.InvokeEomtReviewCommand'
    }
}

Describe 'Read-only' {
    It 'changes nothing under the reviewed tree (SHA-256, size and time of every file, the folder listing)' {
        $before = @(Get-TreeState $Compromised)
        $before.Count | Should -BeGreaterThan 25
        $findings = @(Invoke-EomtReview -Path $Compromised -ThrottleLimit 2)
        $findings.Count | Should -BeGreaterThan 40
        $after = @(Get-TreeState $Compromised)
        $after | Should -Be $before
    }

    It 'reads a log that another process holds open for writing, as Exchange does' {
        $copy = Join-Path $TestDrive 'OPENLOG/Logging/HttpProxy/Ecp'
        New-Item -ItemType Directory -Path $copy -Force | Out-Null
        $log = Join-Path $copy 'HttpProxy_2021030302-1.LOG'
        Copy-Item -LiteralPath (Join-Path $Compromised 'V15/Logging/HttpProxy/Ecp/HttpProxy_2021030302-1.LOG') -Destination $log
        $writer = [System.IO.FileStream]::new($log, [System.IO.FileMode]::Append, [System.IO.FileAccess]::Write, [System.IO.FileShare]::ReadWrite -bor [System.IO.FileShare]::Delete)
        try {
            $findings = @(Invoke-EomtReview -Path (Join-Path $TestDrive 'OPENLOG') -ErrorVariable problems -ErrorAction SilentlyContinue)
        }
        finally {
            $writer.Dispose()
        }
        $problems | Should -HaveCount 0
        Select-Rule $findings 'EXH-PL-001' | Should -HaveCount 4
    }
}

Describe '-Local: the server the command runs on, replayed from a host recording' {
    AfterEach {
        Remove-Item Env:\EXCHANGEHARDENING_HOST_RECORDING -ErrorAction SilentlyContinue
    }

    It 'the recording holds EX2016 with its ExSetup.exe version, review paths relative to it and events' {
        $r = Import-Clixml -LiteralPath $Recording
        $r.ComputerName | Should -Be 'EX2016'
        $r.ExchangeInstallPath | Should -Be 'C:\Program Files\Microsoft\Exchange Server\V15\'
        $r.ExSetupVersionInfo.PSObject.TypeNames[0] | Should -Be 'Deserialized.System.Diagnostics.FileVersionInfo'
        $r.ExSetupVersionInfo.FileVersion | Should -Be '15.01.2176.002'
        foreach ($path in $r.ReviewPath) {
            $path | Should -BeLike 'LocalTree/*'
            Test-Path -LiteralPath (Join-Path $Fixtures $path) | Should -BeTrue -Because "$path is relative to the recording"
        }
        $r.ReviewEvents | Should -HaveCount 3
    }

    It 'reviews the recorded folders and events as server EX2016, with its install path and build' {
        $env:EXCHANGEHARDENING_HOST_RECORDING = $Recording
        $findings = @(Invoke-EomtReview -Local -ErrorVariable problems)
        $problems | Should -HaveCount 0
        foreach ($id in 'EXH-PL-001', 'EXH-PL-011', 'EXH-PL-008', 'EXH-PL-010', 'EXH-PL-005', 'EXH-CT-015', 'EXH-MIT-002', 'EXH-COR-ProxyLogon') {
            Select-Rule $findings $id | Should -Not -HaveCount 0 -Because "$id is in the recorded evidence"
        }
        (Select-Rule $findings 'EXH-CT-015').Server | Should -Be 'EX2016' -Because 'the computer name labels what names no server'
        $findings | Where-Object { $_.Category -ne 'Coverage' -and $_.Path -ne 'pipeline' } | ForEach-Object {
            $_.Path | Should -BeLike "$LocalTree*"
        }
        # The recorded MsiInstallPath decides what lies outside the OAB folder: an OAB folder of another install does.
        $oab = Select-Rule $findings 'EXH-PL-008'
        $oab | Should -HaveCount 2
        ($oab.Evidence -join "`n") | Should -Match ([regex]::Escape("'D:\ExchangeOld\V15\ClientAccess\OAB\Temp\oab-2021030303.tmp'"))
        ($oab.Evidence -join "`n") | Should -Match ([regex]::Escape("'C:\inetpub\wwwroot\aspnet_client\discover.aspx'"))
        # The recorded ExSetup.exe version is the build: 2016 CU19 without Mar21SU still needs the rules.
        (Select-Rule $findings 'EXH-MIT-002').Evidence | Should -Match '^build 15\.1\.2176\.2 lacks Mar21SU: still needed'
    }

    It 'lets -Build override the recorded ExSetup.exe version' {
        $env:EXCHANGEHARDENING_HOST_RECORDING = $Recording
        (Select-Rule @(Invoke-EomtReview -Local -Build 15.1.2507.16) 'EXH-MIT-002').Title | Should -Match 'stale'
    }

    It 'without the install path (plain -Path) counts any folder''s ClientAccess\OAB as normal' {
        $findings = @(Invoke-EomtReview -Path $LocalTree)
        $oab = Select-Rule $findings 'EXH-PL-008'
        $oab | Should -HaveCount 1
        $oab[0].Evidence | Should -Match 'aspnet_client\\discover\.aspx'
    }

    It 'stops with LocalServerUnavailable on a system that is not Windows and has no recording' -Skip:($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') {
        Remove-Item Env:\EXCHANGEHARDENING_HOST_RECORDING -ErrorAction SilentlyContinue
        $failure = { Invoke-EomtReview -Local } | Should -Throw -ErrorId 'LocalServerUnavailable,ExchangeHardening.Commands.InvokeEomtReviewCommand' -PassThru
        $failure.Exception.Message | Should -Match 'works only on Windows'
        $failure.CategoryInfo.Category | Should -Be 'NotImplemented'
    }
}

Describe 'Output: serialization and the table view' {
    It 'survives a PSSerializer round trip as Deserialized.ExchangeHardening.Finding' {
        $xml = [System.Management.Automation.PSSerializer]::Serialize($CompromisedFindings, 2)
        $copies = @([System.Management.Automation.PSSerializer]::Deserialize($xml))
        $copies | Should -HaveCount $CompromisedFindings.Count
        $copies[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.ExchangeHardening.Finding'
        $copies[0].PSObject.Properties.Name | Should -Be @('Server', 'Category', 'RuleId', 'Title', 'Severity', 'Confidence', 'Cve', 'Timestamp', 'ClientIp', 'Path', 'Line', 'Evidence', 'Recommendation')
        $chain = $copies | Where-Object RuleId -eq 'EXH-COR-ProxyLogon'
        $chain.ClientIp | Should -Be $Attacker
        $chain.Severity.ToString() | Should -Be 'Critical'
        $chain.Timestamp.UtcDateTime | Should -Be ([datetime]::new(2021, 3, 3, 2, 14, 7, [DateTimeKind]::Utc))
    }

    It 'groups the table by severity, for live and deserialized findings' {
        $copies = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($CompromisedFindings, 2))
        foreach ($set in @(, $CompromisedFindings), @(, @($copies))) {
            $text = $set[0] | Sort-Object Severity | Format-Table | Out-String -Width 250
            $groups = @([regex]::Matches($text, '(?m)^\s*Severity: (\w+)\s*$') | ForEach-Object { $_.Groups[1].Value })
            $groups | Should -Be @('Critical', 'High', 'Medium', 'Low')
            $text | Should -Match 'RuleId\s+Category\s+Confidence\s+Time \(UTC\)\s+ClientIp\s+Where\s+Title'
            # The RuleId column is 13 characters wide, so the correlation id is cut; the time is checked below.
            $text | Should -Match 'EXH-COR-Prox\S*\s+Correlation\s+High\s+(2021-03-03 02:14\s+)?203\.0\.113\.47\s+HttpProxy_2021030302-1\.LOG:7\s+ProxyLogon attack chain'
        }
    }

    It 'shows the UTC time in the table, for live and deserialized findings' {
        $chain = @($CompromisedFindings | Where-Object RuleId -eq 'EXH-COR-ProxyLogon')
        $live = $chain | Format-Table | Out-String -Width 250
        $live | Should -Match 'Correlation\s+High\s+2021-03-03 02:14\s+203\.0\.113\.47'
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($chain, 2))
        $text = $copy | Format-Table | Out-String -Width 250
        $text | Should -Match 'Correlation\s+High\s+2021-03-03 02:14\s+203\.0\.113\.47'
    }
}

Describe 'Progress reporting does not get in the way of -ErrorAction Stop' {
    It 'writes progress with files and bytes, and completes a clean review under $ErrorActionPreference = Stop' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Module, $Path)
                    Import-Module $Module
                    $ProgressPreference = 'Continue'
                    $ErrorActionPreference = 'Stop'
                    Invoke-EomtReview -Path $Path
                }).AddArgument($env:EXCHANGEHARDENING_MODULE).AddArgument($Clean)
            $output = @($ps.Invoke())
            $ps.HadErrors | Should -BeFalse
            $output.Count | Should -Be $CleanFindings.Count
            $progress = @($ps.Streams.Progress | Where-Object Activity -eq 'Invoke-EomtReview')
            $progress.Count | Should -BeGreaterThan 2
            @($progress | Where-Object { $_.StatusDescription -match '^\d+ of \d+ files, \d+ of \d+ MB$' }).Count | Should -BeGreaterThan 0
            $progress[-1].RecordType | Should -Be 'Completed'
        }
        finally {
            $ps.Dispose()
        }
    }

    It 'returns the same findings with -ErrorAction Stop and progress shown' {
        $ProgressPreference = 'Continue'
        $findings = @(Invoke-EomtReview -Path $Clean -ErrorAction Stop)
        Get-FindingKey $findings | Should -Be (Get-FindingKey $CleanFindings)
    }
}
