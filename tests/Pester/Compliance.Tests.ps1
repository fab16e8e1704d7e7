# The Pester compliance suite shipped in the module (Compliance/) and Invoke-ExchangeHardeningCompliance.
# A compliant server is put together from the Emergency Mitigation fixtures (Fixtures/EmergencyMitigation/README.md):
# EX05, Exchange SE with the August 2026 SU (15.2.2562.46, the newest build the data knows), only the PING1 heartbeat
# applied (M2 is not needed on this build), EM switched on for the organisation and the server, the service running,
# URL Rewrite registered, a successful definition fetch in its events, an endpoint that answers (a loopback HTTP server
# started here) and a clean IIS log (Fixtures/Compliance/README.md). Each non-compliant fixture changes one of these and
# must fail exactly the expected check ids. Every inner Pester run has its own configuration (Run.Container,
# Output.Verbosity None, Run.PassThru), so it neither prints into nor changes this run.
BeforeDiscovery {
    # Name: what is wrong; Change: what differs from the compliant server; Failed: the check ids that must fail.
    $NonCompliant = @(
        @{ Name = 'a build without the July 2026 update, M2 not applied'; Change = @{ Build = '15.2.2562.43' }; Failed = 'EXH-EXP-001', 'EXH-EXP-002', 'EXH-EM-009'
            Says = 'EXH-EXP-001'; Message = '(?s)EXH-EXP-001 failed on EX05\..*CVE-2026-42897 \(High, exploited in the wild\): Install ExchangeSE RTM Jul26SU 15\.2\.2562\.45 \(KB5103212\)\..*The update that closes them all: ExchangeSE RTM Aug26SU 15\.2\.2562\.46' }
        @{ Name = 'only AdminDisplayVersion, no exact build'; Change = @{ Build = $null }; Failed = 'EXH-EXP-004'
            Says = 'EXH-EXP-004'; Message = 'Give the server object a Build property with the ExSetup\.exe file version' }
        @{ Name = 'a build newer than the advisory data'; Change = @{ Build = '15.2.2562.99' }; Failed = 'EXH-EXP-005'
            Says = 'EXH-EXP-005'; Message = 'Update the module or its advisory data' }
        @{ Name = 'Exchange 2016 CU21: unsupported, exploited vulnerabilities, no EM service yet'; Change = @{ Build = '15.1.2308.27' }; Failed = 'EXH-EXP-001', 'EXH-EXP-002', 'EXH-EXP-003', 'EXH-EM-001'
            Says = 'EXH-EM-001'; Message = 'Exchange Server 2016 CU21 has no Emergency Mitigation service; it arrived with CU22 .* To do: Install CU22 or a later CU' }
        @{ Name = 'EM switched off for the organisation'; Change = @{ OrganizationConfig = 'OrganizationConfig-MitigationsDisabled.xml' }; Failed = 'EXH-EM-002'
            Says = 'EXH-EM-002'; Message = 'Disabled on organisation level.* To do: Set-OrganizationConfig -MitigationsEnabled \$true' }
        @{ Name = 'EM switched off on the server'; Change = @{ MitigationsEnabled = $false }; Failed = 'EXH-EM-002'
            Says = 'EXH-EM-002'; Message = 'To do: Set-ExchangeServer -Identity EX05 -MitigationsEnabled \$true' }
        @{ Name = 'a stopped service'; Change = @{ Service = 'Service-Stopped.xml' }; Failed = 'EXH-EM-003'
            Says = 'EXH-EM-003'; Message = 'To do: Set-Service MSExchangeMitigation -StartupType Automatic; Start-Service MSExchangeMitigation' }
        @{ Name = 'a service that does not exist'; Change = @{ Service = '' }; Failed = 'EXH-EM-003'
            Says = 'EXH-EM-003'; Message = 'does not exist on this server\. To do: Re-run Exchange setup' }
        @{ Name = 'an endpoint nothing answers'; Change = @{ Endpoint = 'Closed' }; Failed = 'EXH-EM-004'
            Says = 'EXH-EM-004'; Message = 'is not reachable: .* To do: Allow HTTPS to officeclient\.microsoft\.com' }
        @{ Name = 'no URL Rewrite module in IIS'; Change = @{ Iis = 'no-url-rewrite-module' }; Failed = 'EXH-EM-005'
            Says = 'EXH-EM-005'; Message = 'To do: Install the IIS URL Rewrite Module 2\.1' }
        @{ Name = 'M1 listed as applied, but no rule in IIS'; Change = @{ Applied = 'PING1', 'M1' }; Failed = 'EXH-EM-006'
            Says = 'EXH-EM-006'; Message = 'M1: .*listed as applied but no rule with its behaviour exists' }
        @{ Name = 'M2 blocked on a build that still needs it'; Change = @{ Build = '15.2.2562.43'; Blocked = 'M2' }; Failed = 'EXH-EXP-001', 'EXH-EXP-002', 'EXH-EM-008'
            Says = 'EXH-EM-008'; Message = 'Blocked although the build is still vulnerable .*M2 \(CVE-2026-42897, fixed by Jul26SU\)' }
    )

    # The compromise review on the sample evidence trees (Samples/Evidence/README.md), with the other areas skipped
    # by Fixtures/Compliance/review-only.yaml.
    $Reviews = @(
        @{ Name = 'ProxyLogon victim (EX2016-Compromised)'; Server = 'EX2016-Compromised'; Build = '15.1.2176.2'; Failed = 'EXH-REV-001', 'EXH-REV-002', 'EXH-REV-003' }
        @{ Name = 'clean server whose logs start after the campaigns it was exposed to (EX2019-Clean on CU12)'; Server = 'EX2019-Clean'; Build = '15.2.1118.7'; Failed = 'EXH-REV-003', 'EXH-REV-004' }
    )

    # Fixtures/Exchange/ExchangeServers.xml read from its path, without exact builds, service or organisation config.
    $Organization = @(
        @{ Server = 'EX01'; Failed = 'EXH-EXP-001', 'EXH-EXP-002', 'EXH-EXP-003', 'EXH-EXP-004', 'EXH-EM-009' }
        @{ Server = 'EX02'; Failed = 'EXH-EXP-003', 'EXH-EXP-004' }
        @{ Server = 'EXSE01'; Failed = 'EXH-EXP-004' }
        @{ Server = 'EDGE01'; Failed = 'EXH-EXP-003', 'EXH-EXP-004' }
        @{ Server = 'EX03'; Failed = 'EXH-EXP-003', 'EXH-EXP-004', 'EXH-EM-008' }
    )
}

BeforeAll {
    Import-Module $env:EXCHANGEHARDENING_MODULE -Force
    $ModuleDirectory = Split-Path $env:EXCHANGEHARDENING_MODULE
    $Suite = Join-Path $ModuleDirectory 'Compliance'
    $Em = Join-Path $PSScriptRoot 'Fixtures/EmergencyMitigation'
    $Fixtures = Join-Path $PSScriptRoot 'Fixtures/Compliance'
    $Exchange = Join-Path $PSScriptRoot 'Fixtures/Exchange'
    $Iis = Join-Path (Split-Path $PSScriptRoot) 'ExchangeHardening.Engine.Tests/Fixtures/Iis'
    $Evidence = Join-Path $ModuleDirectory 'Samples/Evidence'
    $AppHost = Join-Path $Em 'LocalTree/Windows/System32/inetsrv/config/applicationHost.config'
    $AllIds = @((Import-PowerShellDataFile (Join-Path $Suite 'ExchangeHardening.Compliance.Checks.psd1')).Checks | ForEach-Object { $_.Id })

    # The mitigation endpoint: a loopback listener that answers every request with HTTP 200, and a port nobody listens on.
    if (-not ('ComplianceTests.OkEndpoint' -as [type])) {
        Add-Type -TypeDefinition @'
namespace ComplianceTests
{
    using System;
    using System.Net;
    using System.Net.Sockets;
    using System.Text;
    using System.Threading.Tasks;

    public sealed class OkEndpoint : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);

        public OkEndpoint()
        {
            listener.Start();
            Uri = "http://127.0.0.1:" + ((IPEndPoint)listener.LocalEndpoint).Port + "/GetExchangeMitigations";
            Task.Run(Serve);
        }

        public string Uri { get; private set; }

        public int Requests;

        public void Dispose() { listener.Stop(); }

        private async Task Serve()
        {
            while (true)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync(); }
                catch (Exception) { return; }
                var ignored = Task.Run(async () =>
                {
                    using (client)
                    {
                        try
                        {
                            var stream = client.GetStream();
                            var buffer = new byte[4096];
                            var seen = new StringBuilder();
                            while (!seen.ToString().Contains("\r\n\r\n"))
                            {
                                var read = await stream.ReadAsync(buffer, 0, buffer.Length);
                                if (read == 0) { break; }
                                seen.Append(Encoding.ASCII.GetString(buffer, 0, read));
                            }

                            System.Threading.Interlocked.Increment(ref Requests);
                            var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/xml\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                            await stream.WriteAsync(answer, 0, answer.Length);
                        }
                        catch (Exception)
                        {
                        }
                    }
                });
            }
        }
    }
}
'@
    }
    $OkEndpoint = [ComplianceTests.OkEndpoint]::new()
    $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $probe.Start(); $ClosedEndpoint = "http://127.0.0.1:$($probe.LocalEndpoint.Port)/GetExchangeMitigations"; $probe.Stop()

    # EX05's Get-ExchangeServer object from the host recording, changed as a scenario needs; a fresh copy every time.
    function New-ComplianceServer {
        param([AllowNull()] [string] $Build = '15.2.2562.46', [string[]] $Applied = @('PING1'), [string[]] $Blocked = @(), [bool] $MitigationsEnabled = $true)
        $server = (Import-Clixml (Join-Path $Em 'LocalHost-EM.xml')).ExchangeServer
        $server.MitigationsApplied = $Applied
        $server.MitigationsBlocked = $Blocked
        $server.MitigationsEnabled = $MitigationsEnabled
        if ($Build) { $server | Add-Member -NotePropertyName Build -NotePropertyValue $Build }
        $server
    }

    # The container data of the compliant server, with a scenario's changes.
    function New-ComplianceData {
        param([hashtable] $Change = @{}, [switch] $WithoutReview)
        $server = @{}
        foreach ($key in 'Build', 'Applied', 'Blocked', 'MitigationsEnabled') { if ($Change.ContainsKey($key)) { $server[$key] = $Change[$key] } }
        $evidence = @{ IisConfigPath = $(if ($Change.Iis) { Join-Path $Iis $Change.Iis } else { $AppHost }); EventLogPath = Join-Path $Em 'MitigationEvents-EX05.json' }
        if (-not $WithoutReview) { $evidence.Path = Join-Path $Fixtures 'EX05' }
        @{
            Servers            = @(New-ComplianceServer @server)
            OrganizationConfig = Join-Path $Em $(if ($Change.OrganizationConfig) { $Change.OrganizationConfig } else { 'OrganizationConfig.xml' })
            # The service fixtures were recorded on other servers: they describe EX05 here, so they say so (a service of
            # another machine is not applied to a server).
            Service            = @(if ($Change.ContainsKey('Service')) { if ($Change.Service) { Import-Clixml (Join-Path $Em $Change.Service) | ForEach-Object { $_.MachineName = 'EX05'; $_ } } } else { Import-Clixml (Join-Path $Em 'Service-Running.xml') })
            EndpointUri        = $(if ($Change.Endpoint -eq 'Closed') { $ClosedEndpoint } else { $OkEndpoint.Uri })
            EvidencePath       = @{ EX05 = $evidence }
        }
    }

    # A run of its own: only the suite's container, nothing printed, the result object returned.
    function Invoke-ComplianceSuite {
        param([hashtable] $Data)
        $configuration = New-PesterConfiguration
        $configuration.Run.Container = New-PesterContainer -Path $Suite -Data $Data
        $configuration.Run.PassThru = $true
        $configuration.Output.Verbosity = 'None'
        # The suite needs no test drive; the inner run must not create or remove one under this run's feet.
        $configuration.TestDrive.Enabled = $false
        Invoke-Pester -Configuration $configuration
    }

    # The ids of the failed tests, sorted and joined, so that a difference shows in the message.
    function Get-FailedId {
        param($Result, [string] $Server)
        @($Result.Tests | Where-Object { $_.Result -eq 'Failed' -and (-not $Server -or $_.Block.Parent.ExpandedName -eq "Exchange server $Server") } |
                ForEach-Object { ($_.Name -split ':')[0] } | Sort-Object) -join ', '
    }

    function Join-Id([string[]] $Ids) { @($Ids | Where-Object { $_ } | Sort-Object) -join ', ' }

    function Get-ComplianceTest {
        param($Result, [string] $Id, [string] $Server)
        @($Result.Tests | Where-Object { ($_.Name -split ':')[0] -like $Id -and (-not $Server -or $_.Block.Parent.ExpandedName -eq "Exchange server $Server") })
    }

    $CompliantResult = Invoke-ComplianceSuite (New-ComplianceData)
}

AfterAll {
    if ($OkEndpoint) { $OkEndpoint.Dispose() }
}

Describe 'The suite in the module' {
    It 'ships the test file and its check definitions in the Compliance folder' {
        Test-Path (Join-Path $Suite 'ExchangeHardening.Compliance.Tests.ps1') | Should -BeTrue
        Test-Path (Join-Path $Suite 'ExchangeHardening.Compliance.Checks.psd1') | Should -BeTrue
    }

    It 'defines each check once, with an id of the form EXH-area-nnn, a known area, a severity and one source of verdicts' {
        $definitions = Import-PowerShellDataFile (Join-Path $Suite 'ExchangeHardening.Compliance.Checks.psd1')
        $AllIds | Should -HaveCount ($AllIds | Sort-Object -Unique).Count
        foreach ($check in $definitions.Checks) {
            $check.Id | Should -Match "^EXH-$($check.Area)-\d{3}$"
            $definitions.Areas.Id | Should -Contain $check.Area
            $check.Severity | Should -BeIn 'Critical', 'High', 'Medium', 'Low'
            $check.Title | Should -Not -BeNullOrEmpty
            @('Records', 'Check', 'Findings' | Where-Object { $check.ContainsKey($_) }) | Should -HaveCount 1 -Because "$($check.Id) takes its verdict from one cmdlet"
        }
    }

    It 'has one EM check per check of Test-EmergencyMitigation, EXH-EM-001 to EXH-EM-010 in its order' {
        $definitions = Import-PowerShellDataFile (Join-Path $Suite 'ExchangeHardening.Compliance.Checks.psd1')
        $em = @($definitions.Checks | Where-Object Area -eq 'EM')
        $em.Id | Should -Be @(1..10 | ForEach-Object { 'EXH-EM-{0:000}' -f $_ })
        $names = (Test-EmergencyMitigation -Name EX05 -Build 15.2.2562.46 -SkipConnectivityTest).Checks.Name
        $em.Check | Should -Be $names
    }
}

Describe 'A compliant server passes every check' {
    It 'runs one test per check, named after its id and title and tagged with id, area and severity' {
        $CompliantResult.Tests | Should -HaveCount $AllIds.Count
        foreach ($test in $CompliantResult.Tests) {
            $id = ($test.Name -split ':')[0]
            $AllIds | Should -Contain $id
            $test.Tag[0] | Should -Be $id
            $test.Tag[1] | Should -Be ($id -split '-')[1]
            $test.Tag[2] | Should -BeIn 'Critical', 'High', 'Medium', 'Low'
        }
        (Get-ComplianceTest $CompliantResult 'EXH-EXP-001').Tag | Should -Be @('EXH-EXP-001', 'EXP', 'Critical')
        $CompliantResult.Tests[0].Block.Parent.ExpandedName | Should -Be 'Exchange server EX05'
        $CompliantResult.Tests[0].Block.ExpandedName | Should -Be 'Exposure (Get-ExchangeExposure)'
    }

    It 'fails none and skips none: every piece of evidence is there' {
        $CompliantResult.FailedCount | Should -Be 0 -Because (($CompliantResult.Tests | Where-Object Result -eq 'Failed' | ForEach-Object { $_.ErrorRecord[0].Exception.Message }) -join "`n")
        $CompliantResult.SkippedCount | Should -Be 0 -Because (($CompliantResult.Tests | Where-Object Result -eq 'Skipped' | ForEach-Object { "$($_.Name): $($_.ErrorRecord[0].Exception.Message)" }) -join "`n")
        $CompliantResult.PassedCount | Should -Be $AllIds.Count
        $CompliantResult.FailedContainersCount | Should -Be 0
        $OkEndpoint.Requests | Should -BeGreaterThan 0 -Because 'the endpoint check really probed the loopback endpoint'
    }

    It 'writes what the cmdlets saw to each test''s output' {
        (Get-ComplianceTest $CompliantResult 'EXH-EM-003').StandardOutput | Should -Be 'MSExchangeMitigation is running and starts automatically.'
        (Get-ComplianceTest $CompliantResult 'EXH-EM-010').StandardOutput | Should -Match '^Last success 2026-08-30 07:10 UTC'
        (Get-ComplianceTest $CompliantResult 'EXH-REV-001').StandardOutput | Should -Match 'finding\(s\) in the review, none of them matching'
    }
}

Describe 'Each non-compliant server fails exactly the expected checks' {
    It '<Name> fails <Failed>' -ForEach $NonCompliant {
        $result = Invoke-ComplianceSuite (New-ComplianceData -Change $Change -WithoutReview)
        $result.FailedContainersCount | Should -Be 0
        Get-FailedId $result | Should -Be (Join-Id $Failed)
        # The failure message says what to do: the cmdlet's recommendation.
        (Get-ComplianceTest $result $Says).ErrorRecord[0].Exception.Message | Should -Match $Message
        # Without evidence to review, the review checks are skipped with the reason.
        foreach ($test in Get-ComplianceTest $result 'EXH-REV-*') {
            $test.Result | Should -Be 'Skipped'
            $test.ErrorRecord[0].Exception.Message | Should -Match 'is skipped, because no evidence was given for EX05 \(EvidencePath\)'
        }
    }

    It 'passes a warning with its detail in the output (EXH-EM-007: M1 still in place on a build that fixes it)' {
        $result = Invoke-ComplianceSuite (New-ComplianceData -Change @{ Applied = 'PING1', 'M1'; Iis = 'em-m1' } -WithoutReview)
        Get-FailedId $result | Should -BeNullOrEmpty
        $test = Get-ComplianceTest $result 'EXH-EM-007'
        $test.Result | Should -Be 'Passed'
        $test.StandardOutput | Should -Match '^Warning: Still in place although the installed build fixes what they mitigate: M1\..* To do: '
    }

    It 'skips a check that does not apply, with the reason: <Case>' -ForEach @(
        @{ Case = 'no IIS configuration given'; Change = @{ Iis = '' }; Skipped = @{ 'EXH-EM-005' = 'is skipped, because No IIS configuration was given\. To do: Pass -IisConfigPath' } }
        @{ Case = 'Exchange 2013, which never had the EM service'; Change = @{ Build = '15.0.1497.48' }; Skipped = @{
                'EXH-EM-001' = 'Exchange Server 2013 never received the Emergency Mitigation service\. To do: Move to a supported Exchange version'
                'EXH-EM-003' = 'Test-EmergencyMitigation did not run the Service check: Exchange Server 2013 never received'
            }
        }
    ) {
        $data = New-ComplianceData -Change $Change -WithoutReview
        if ($Change.ContainsKey('Iis')) { $data.EvidencePath.EX05.Remove('IisConfigPath') }
        $result = Invoke-ComplianceSuite $data
        foreach ($id in $Skipped.Keys) {
            $test = Get-ComplianceTest $result $id
            $test.Result | Should -Be 'Skipped'
            $test.ErrorRecord[0].Exception.Message | Should -Match $Skipped[$id]
        }
    }
}

Describe 'The compromise review on evidence trees' {
    It '<Name> fails <Failed>' -ForEach $Reviews {
        $data = @{
            Servers      = [pscustomobject]@{ Name = $Server; Build = $Build }
            EvidencePath = Join-Path $Evidence $Server
            ConfigPath   = Join-Path $Fixtures 'review-only.yaml'
        }
        $result = Invoke-ComplianceSuite $data
        $result.FailedContainersCount | Should -Be 0
        Get-FailedId $result | Should -Be (Join-Id $Failed)
        @($result.Tests | Where-Object { $_.Name -like 'EXH-REV-*' -and $_.Result -eq 'Skipped' }) | Should -HaveCount 0
    }

    It 'names the findings and what to do in the failure message' {
        $data = @{ Servers = [pscustomobject]@{ Name = 'EX2016-Compromised'; Build = '15.1.2176.2' }; EvidencePath = Join-Path $Evidence 'EX2016-Compromised'; ConfigPath = Join-Path $Fixtures 'review-only.yaml' }
        $message = (Get-ComplianceTest (Invoke-ComplianceSuite $data) 'EXH-REV-001').ErrorRecord[0].Exception.Message
        $message | Should -Match 'Treat the server as compromised: isolate it'
        $message | Should -Match '- EXH-COR-ProxyLogon ProxyLogon attack chain from 203\.0\.113\.47'
        $message | Should -Match 'aspnet_client/discover\.aspx\): '
    }

    It 'matches evidence folders to servers by name, and rejects a folder it cannot place' {
        $servers = [pscustomobject]@{ Name = 'EX2016-Compromised'; Build = '15.1.2176.2' }, [pscustomobject]@{ Name = 'EX2019-Clean'; Build = '15.2.1748.49' }
        $data = @{ Servers = $servers; EvidencePath = @((Join-Path $Evidence 'EX2019-Clean'), (Join-Path $Evidence 'EX2016-Compromised')); ConfigPath = Join-Path $Fixtures 'review-only.yaml' }
        $result = Invoke-ComplianceSuite $data
        Get-FailedId $result 'EX2016-Compromised' | Should -Be 'EXH-REV-001, EXH-REV-002, EXH-REV-003'
        # The clean tree has nothing Critical or High; whether its logs cover the campaigns is for the cases above.
        (Get-ComplianceTest $result 'EXH-REV-001' 'EX2019-Clean').Result | Should -Be 'Passed'
        (Get-ComplianceTest $result 'EXH-REV-002' 'EX2019-Clean').Result | Should -Be 'Passed'

        $data.EvidencePath = @($Fixtures)
        $result = Invoke-ComplianceSuite $data
        $result.FailedContainersCount | Should -Be 1
        $result.Containers[0].ErrorRecord[0].Exception.Message | Should -Match "EvidencePath '.*Compliance' is not named after one of the servers \(EX2016-Compromised, EX2019-Clean\); pass a hashtable"
    }
}

Describe 'Server objects read from CLIXML files' {
    BeforeAll {
        $OrganizationResult = Invoke-ComplianceSuite @{ Servers = Join-Path $Exchange 'ExchangeServers.xml'; SkipConnectivityTest = $true }
    }

    It 'runs every check for each of the five servers in the file' {
        $OrganizationResult.Tests | Should -HaveCount (5 * $AllIds.Count)
    }

    It '<Server> fails <Failed>' -ForEach $Organization {
        Get-FailedId $OrganizationResult $Server | Should -Be (Join-Id $Failed)
    }

    It 'judges the lifecycle on the day given as AsOf' {
        $before = Invoke-ComplianceSuite @{ Servers = '15.2.1748.49'; AsOf = '2025-10-01'; SkipConnectivityTest = $true }
        (Get-ComplianceTest $before 'EXH-EXP-003').Result | Should -Be 'Passed'
        $after = Invoke-ComplianceSuite @{ Servers = '15.2.1748.49'; AsOf = '2025-10-15'; SkipConnectivityTest = $true }
        (Get-ComplianceTest $after 'EXH-EXP-003').Result | Should -Be 'Failed'
        (Get-ComplianceTest $after 'EXH-EXP-003').ErrorRecord[0].Exception.Message | Should -Match 'past its end of support \(2025-10-14\): Move to Exchange Server Subscription Edition'
    }

    It 'stops with a clear message when a server file does not exist' {
        $result = Invoke-ComplianceSuite @{ Servers = Join-Path $TestDrive 'missing.xml' }
        $result.FailedContainersCount | Should -Be 1
        $result.Containers[0].ErrorRecord[0].Exception.Message | Should -Match "Servers: '.*missing\.xml' is not a CLIXML file or a build number"
    }
}

Describe 'The configuration file' {
    BeforeAll {
        $lab = Join-Path $Fixtures 'lab.yaml'
        $data = New-ComplianceData
        $data.Servers += New-ComplianceServer -Build 15.2.1118.7 | ForEach-Object { $_.Name = 'EX01'; $_ }
        $data.ConfigPath = $lab
        $Configured = Invoke-ComplianceSuite $data
    }

    It 'skips a check with the reason and where the configuration says so' {
        $tests = Get-ComplianceTest $Configured 'EXH-EM-004'
        $tests | Should -HaveCount 2
        foreach ($test in $tests) {
            $test.Result | Should -Be 'Skipped'
            $test.ErrorRecord[0].Exception.Message | Should -Match 'is skipped, because The lab servers have no internet access; the firewall team tests the endpoint \(ticket LAB-17\)\. \(skipped by the configuration .*lab\.yaml:\d+:\d+\)'
        }
    }

    It 'skips a pattern of checks on the named servers only' {
        foreach ($id in 'EXH-REV-001', 'EXH-REV-002', 'EXH-REV-003', 'EXH-REV-004') {
            (Get-ComplianceTest $Configured $id 'EX01').Result | Should -Be 'Skipped'
            (Get-ComplianceTest $Configured $id 'EX01').ErrorRecord[0].Exception.Message | Should -Match 'Reviewed by the incident response team'
            (Get-ComplianceTest $Configured $id 'EX05').Result | Should -Be 'Passed'
        }
    }

    It 'changes the severity tag of <Id> to <Severity> and leaves the others alone' -ForEach @(
        @{ Id = 'EXH-EXP-004'; Severity = 'Low' }
        @{ Id = 'EXH-EM-007'; Severity = 'Medium' }
        @{ Id = 'EXH-EXP-001'; Severity = 'Critical' }
    ) {
        foreach ($test in Get-ComplianceTest $Configured $Id) {
            $test.Tag | Should -Be @($Id, ($Id -split '-')[1], $Severity)
        }
    }

    It 'records the reason in the NUnit result file' {
        $file = Join-Path $TestDrive 'configured.xml'
        $data = New-ComplianceData -WithoutReview
        $data.ConfigPath = $lab
        $configuration = New-PesterConfiguration
        $configuration.Run.Container = New-PesterContainer -Path $Suite -Data $data
        $configuration.Run.PassThru = $true
        $configuration.Output.Verbosity = 'None'
        $configuration.TestDrive.Enabled = $false
        $configuration.TestResult.Enabled = $true
        $configuration.TestResult.OutputPath = $file
        $configuration.TestResult.OutputFormat = 'NUnit3'
        $null = Invoke-Pester -Configuration $configuration
        [xml] $xml = Get-Content $file -Raw
        $case = $xml.SelectNodes('//test-case') | Where-Object { $_.name -like '*EXH-EM-004:*' }
        $case.result | Should -Be 'Skipped'
        $case.reason.message.'#cdata-section' | Should -Match 'firewall team tests the endpoint'
    }

    It 'stops before any check with the file, line and column of <Case>' -ForEach @(
        @{ Case = 'an unknown check id'; Yaml = "skip:`n  - id: EXH-XYZ-001`n    reason: no such check`n"; Message = 'bad\.yaml:2:9: ''EXH-XYZ-001'' is not a check id' }
        @{ Case = 'a skip without a reason'; Yaml = "skip:`n  - id: EXH-EM-004`n"; Message = 'bad\.yaml:2:5: the ''skip'' entry for EXH-EM-004 has no ''reason''' }
        @{ Case = 'an unknown severity'; Yaml = "severity:`n  EXH-EM-004: Dreadful`n"; Message = 'bad\.yaml:2:15: ''Dreadful'' is not a severity' }
        @{ Case = 'an unknown key'; Yaml = "skips:`n  - id: EXH-EM-004`n"; Message = 'bad\.yaml:1:1: unknown key ''skips''' }
        @{ Case = 'broken YAML'; Yaml = "skip: [`n"; Message = 'bad\.yaml:\d+:\d+: the compliance configuration is not valid YAML' }
    ) {
        $file = Join-Path $TestDrive 'bad.yaml'
        Set-Content -Path $file -Value $Yaml -NoNewline
        $data = New-ComplianceData -WithoutReview
        $data.ConfigPath = $file
        $result = Invoke-ComplianceSuite $data
        $result.FailedContainersCount | Should -Be 1
        $result.TotalCount | Should -Be 0
        $result.Containers[0].ErrorRecord[0].Exception.Message | Should -Match $Message
    }
}

Describe 'Invoke-ExchangeHardeningCompliance' {
    It 'runs the suite in this session and returns Pester''s result, without disturbing this run' {
        $data = New-ComplianceData
        $result = Invoke-ExchangeHardeningCompliance -Server $data.Servers -OrganizationConfig $data.OrganizationConfig -Service $data.Service -EvidencePath @{ EX05 = @{ Path = Join-Path $Fixtures 'EX05'; IisConfigPath = $AppHost; EventLogPath = Join-Path $Em 'MitigationEvents-EX05.json' } } -SkipConnectivityTest -Verbosity None
        $result.PSObject.TypeNames[0] | Should -Be 'Pester.Run'
        $result.Tests | Should -HaveCount $AllIds.Count
        $result.FailedCount | Should -Be 0
        (Get-ComplianceTest $result 'EXH-EM-004').Result | Should -Be 'Skipped'
        $result.PassedCount | Should -Be ($AllIds.Count - 1)
    }

    It 'takes servers and CLIXML paths from the pipeline and filters the checks by tag' {
        $result = Join-Path $Exchange 'ExchangeServers.xml' | Invoke-ExchangeHardeningCompliance -Tag EXP -ExcludeTag Medium -SkipConnectivityTest -Verbosity None
        @($result.Tests | Where-Object ShouldRun) | Should -HaveCount (5 * 3)
        @($result.Tests | Where-Object ShouldRun | ForEach-Object { ($_.Name -split ':')[0] } | Sort-Object -Unique) | Should -Be @('EXH-EXP-001', 'EXH-EXP-002', 'EXH-EXP-003')
        Get-FailedId $result 'EX01' | Should -Be 'EXH-EXP-001, EXH-EXP-002, EXH-EXP-003'

        $result = '15.2.2562.46', '15.2.1748.49' | Invoke-ExchangeHardeningCompliance -Tag EXH-EXP-003 -Verbosity None
        Get-FailedId $result | Should -Be 'EXH-EXP-003'
        (Get-ComplianceTest $result 'EXH-EXP-003' '15.2.1748.49').Result | Should -Be 'Failed'
    }

    It 'writes the result as <Format> to -OutputPath' -ForEach @(
        @{ Format = 'NUnitXml'; Root = 'test-results' }
        @{ Format = 'NUnit3'; Root = 'test-run' }
        @{ Format = 'JUnitXml'; Root = 'testsuites' }
    ) {
        $file = Join-Path $TestDrive "results/$Format.xml"
        $result = Invoke-ExchangeHardeningCompliance -Server 15.2.2562.43 -Tag EXP -OutputPath $file -OutputFormat $Format -Verbosity None
        Test-Path $file | Should -BeTrue
        [xml] $xml = Get-Content $file -Raw
        $xml.DocumentElement.LocalName | Should -Be $Root
        $xml.OuterXml | Should -Match 'EXH-EXP-001: No vulnerability exploited in the wild is open'
        $result.FailedCount | Should -Be 2
    }

    It 'applies a configuration file, and passes -AdvisoryPath to the cmdlets (a broken file fails the checks that need it)' {
        $result = Invoke-ExchangeHardeningCompliance -Server 15.2.2562.46 -ConfigPath (Join-Path $Fixtures 'lab.yaml') -Tag EXP -Verbosity None
        (Get-ComplianceTest $result 'EXH-EXP-004').Tag | Should -Be @('EXH-EXP-004', 'EXP', 'Low')
        $result.FailedCount | Should -Be 0

        $result = Invoke-ExchangeHardeningCompliance -Server 15.2.2562.46 -Tag EXP -Verbosity None -AdvisoryPath (Join-Path $PSScriptRoot 'Fixtures/Advisories/Broken')
        Get-FailedId $result | Should -Be 'EXH-EXP-001, EXH-EXP-002, EXH-EXP-003, EXH-EXP-004, EXH-EXP-005'
        (Get-ComplianceTest $result 'EXH-EXP-003').ErrorRecord[0].Exception.Message | Should -Match '(?s)Get-ExchangeExposure could not evaluate the server completely.*broken\.yaml:12:17'
    }

    It 'reports a configuration error as a non-terminating error ComplianceSuiteFailed' {
        $file = Join-Path $TestDrive 'unknown.yaml'
        Set-Content -Path $file -Value "skip:`n  - id: EXH-NOPE-001`n    reason: x`n"
        $result = Invoke-ExchangeHardeningCompliance -Server 15.2.2562.46 -ConfigPath $file -Verbosity None -ErrorVariable problems -ErrorAction SilentlyContinue
        $result.TotalCount | Should -Be 0
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ComplianceSuiteFailed,*'
        $problems[0].ToString() | Should -Match 'The compliance suite stopped before its checks ran: .*unknown\.yaml:2:9: ''EXH-NOPE-001'' is not a check id'
    }

    It 'works in a runbook with $ErrorActionPreference = ''Stop'', and reports a call without servers instead of prompting' {
        $ErrorActionPreference = 'Stop'
        $result = Invoke-ExchangeHardeningCompliance -Server 15.2.2562.46 -Tag EXP -Verbosity None
        $result.PassedCount | Should -Be 5
        { Invoke-ExchangeHardeningCompliance -Verbosity None } | Should -Throw -ErrorId 'ExchangeServerMissing,ExchangeHardening.Commands.InvokeExchangeHardeningComplianceCommand'
        $ErrorActionPreference = 'Continue'
        Invoke-ExchangeHardeningCompliance -Verbosity None -ErrorVariable problems -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $problems[0].Exception.Message | Should -Match '^No server to check'
    }

    It 'stops with a clear error when Pester 5 is not installed' {
        $pwshDll = Join-Path $PSHOME 'pwsh.dll'
        $script = "`$env:PSModulePath = Join-Path `$PSHOME 'Modules'; Import-Module '$env:EXCHANGEHARDENING_MODULE'; try { Invoke-ExchangeHardeningCompliance -Server 15.2.2562.46 -ErrorAction Stop } catch { 'ERRORID:' + `$_.FullyQualifiedErrorId; 'MESSAGE:' + `$_.Exception.Message }"
        $output = if (Test-Path $pwshDll) { & dotnet $pwshDll -NoProfile -NonInteractive -Command $script 2>&1 } else { & (Get-Process -Id $PID).Path -NoProfile -NonInteractive -Command $script 2>&1 }
        $text = $output | Out-String
        $text | Should -Match 'ERRORID:PesterMissing,ExchangeHardening.Commands.InvokeExchangeHardeningComplianceCommand'
        $text | Should -Match 'needs Pester 5\.1\.0 or later'
        $text | Should -Match 'Install-Module -Name Pester -MinimumVersion 5\.1'
    }
}
