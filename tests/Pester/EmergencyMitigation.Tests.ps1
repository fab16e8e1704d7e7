# Test-EmergencyMitigation against hand-made evidence in the real formats: CLIXML of Get-OrganizationConfig,
# Get-Service, Get-WinEvent and a -Local host recording (Fixtures/EmergencyMitigation/README.md), the Get-ExchangeServer
# fixtures (Fixtures/Exchange/README.md), the IIS, event and log fixtures of the engine tests
# (tests/ExchangeHardening.Engine.Tests/Fixtures), and an HTTP server on 127.0.0.1 started here for the endpoint.
# No test reaches the internet: the endpoint is either skipped or a loopback address.
BeforeAll {
    Import-Module $env:EXCHANGEHARDENING_MODULE -Force
    $Em = Join-Path $PSScriptRoot 'Fixtures/EmergencyMitigation'
    $Exchange = Join-Path $PSScriptRoot 'Fixtures/Exchange'
    $EngineFixtures = Join-Path (Split-Path $PSScriptRoot) 'ExchangeHardening.Engine.Tests/Fixtures'
    $Iis = Join-Path $EngineFixtures 'Iis'
    $EventExports = Join-Path $EngineFixtures 'Events'
    $EngineLog = Join-Path $EngineFixtures 'ExchangeLogs/MitigationService/MitigationService_2023010900-1.LOG'
    $LocalLogFolder = Join-Path $Em 'LocalTree/Program Files/Microsoft/Exchange Server/V15/Logging/MitigationService'
    $LocalLog = Join-Path $LocalLogFolder 'MitigationService_2026083005-1.LOG'

    # Safety net: a call that forgets -SkipConnectivityTest or -EndpointUri probes a closed loopback port, never
    # Microsoft's endpoint.
    $PSDefaultParameterValues = @{ 'Test-EmergencyMitigation:EndpointUri' = 'http://127.0.0.1:1/GetExchangeMitigations' }

    # Exchange SE with the August 2026 SU: every fix, every EM threshold. The other checks' evidence is added per test.
    $Healthy = @{ Name = 'EX05'; Build = '15.2.2562.46'; MitigationsEnabled = $true; SkipConnectivityTest = $true }

    function Get-Check {
        param([Parameter(Mandatory)] $Result, [Parameter(Mandatory)] [string] $Name)
        $found = @(@($Result.Checks) | Where-Object Name -eq $Name)
        $found | Should -HaveCount 1 -Because "every result carries the $Name check once"
        $found[0]
    }
}

Describe 'Emergency Mitigation fixtures read back as Windows PowerShell and the Exchange Management Shell give them' {
    It 'OrganizationConfig.xml is a deserialized OrganizationConfig with MitigationsEnabled true; the second file has false' {
        $config = Import-Clixml (Join-Path $Em 'OrganizationConfig.xml')
        $config.PSObject.TypeNames[0] | Should -Be 'Deserialized.Microsoft.Exchange.Data.Directory.Management.OrganizationConfig'
        $config.PSObject.TypeNames[-1] | Should -Be 'Deserialized.System.Object'
        $config.MitigationsEnabled | Should -BeOfType [bool]
        $config.MitigationsEnabled | Should -BeTrue
        $config.ToString() | Should -Be 'Contoso'
        $config.PSComputerName | Should -Be 'ex05.contoso.com'
        (Import-Clixml (Join-Path $Em 'OrganizationConfig-MitigationsDisabled.xml')).MitigationsEnabled | Should -BeFalse
    }

    It 'Service-<State>.xml is a deserialized ServiceController of MSExchangeMitigation on <Machine> (<Status>, <StartType>)' -ForEach @(
        @{ State = 'Running'; Machine = 'EX05'; Status = 'Running'; StartType = 'Automatic' }
        @{ State = 'Stopped'; Machine = 'EX06'; Status = 'Stopped'; StartType = 'Automatic' }
        @{ State = 'Manual'; Machine = 'EX07'; Status = 'Running'; StartType = 'Manual' }
    ) {
        $service = Import-Clixml (Join-Path $Em "Service-$State.xml")
        $service.PSObject.TypeNames[0] | Should -Be 'Deserialized.System.ServiceProcess.ServiceController'
        $service.Name | Should -Be 'MSExchangeMitigation'
        $service.ServiceName | Should -Be 'MSExchangeMitigation'
        $service.DisplayName | Should -Be 'Microsoft Exchange Emergency Mitigation Service'
        $service.MachineName | Should -Be $Machine
        # Enums arrive as their number with the name in ToString, the way PowerShell shows them.
        $service.Status.PSObject.TypeNames[0] | Should -Be 'Deserialized.System.ServiceProcess.ServiceControllerStatus'
        $service.Status.ToString() | Should -Be $Status
        $service.StartType.ToString() | Should -Be $StartType
        ($service | Format-Table Status, StartType | Out-String) | Should -Match "$Status\s+$StartType"
    }

    It 'MitigationEvents-EX05.xml holds four deserialized EventLogRecords of the MSExchange Mitigation Service, newest first' {
        $events = Import-Clixml (Join-Path $Em 'MitigationEvents-EX05.xml')
        $events | Should -HaveCount 4
        $events[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.System.Diagnostics.Eventing.Reader.EventLogRecord'
        $events.Id | Should -Be @(1005, 1006, 1005, 1008)
        $events.ProviderName | Sort-Object -Unique | Should -Be 'MSExchange Mitigation Service'
        $events.MachineName | Sort-Object -Unique | Should -Be 'EX05.contoso.com'
        $events[0].TimeCreated | Should -BeOfType [datetime]
        $events[0].TimeCreated.ToUniversalTime() | Should -Be ([datetime]::new(2026, 8, 30, 7, 10, 2, [DateTimeKind]::Utc).AddTicks(8713395))
        $events[3].LevelDisplayName | Should -Be 'Error'
        $events[3].Level | Should -Be 2
        $events[3].Message | Should -Be 'An unexpected exception occurred. Diagnostic information: Exception encountered while fetching mitigations.'
    }

    It 'the JSON and CSV exports read back with ConvertFrom-Json and Import-Csv' {
        $json = Get-Content (Join-Path $Em 'MitigationEvents-EX05.json') -Raw | ConvertFrom-Json
        $json.Id | Should -Be @(1005, 1006, 1005, 1008)
        $json[1].Message | Should -Be "SYNTHETIC: mitigation 'M2.1' was applied."
        $csv = Import-Csv (Join-Path $Em 'MitigationEvents-EX06.csv')
        $csv | Should -HaveCount 4
        $csv.Id | Sort-Object -Unique | Should -Be '1008'
        $csv.MachineName | Sort-Object -Unique | Should -Be 'EX06.contoso.com'
        (Get-Content (Join-Path $Em 'MitigationEvents-EX06.csv') -TotalCount 1) | Should -Be '#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord'
    }

    It 'LocalHost-EM.xml records EX05 with its ExSetup.exe version, Exchange objects, service, events and relative evidence paths' {
        $recording = Import-Clixml (Join-Path $Em 'LocalHost-EM.xml')
        $recording.ComputerName | Should -Be 'EX05'
        $recording.ExSetupVersionInfo.PSObject.TypeNames[0] | Should -Be 'Deserialized.System.Diagnostics.FileVersionInfo'
        $recording.ExSetupVersionInfo.FileVersion | Should -Be '15.02.2562.043'
        $recording.ExchangeServer.PSObject.TypeNames[0] | Should -Be 'Deserialized.Microsoft.Exchange.Data.Directory.Management.ExchangeServer'
        $recording.ExchangeServer.Name | Should -Be 'EX05'
        $recording.ExchangeServer.MitigationsEnabled | Should -BeTrue
        @($recording.ExchangeServer.MitigationsApplied) | Should -Be @('PING1', 'M2')
        @($recording.ExchangeServer.MitigationsBlocked) | Should -HaveCount 0
        $recording.OrganizationConfig.MitigationsEnabled | Should -BeTrue
        $recording.MitigationService.PSObject.TypeNames[0] | Should -Be 'Deserialized.System.ServiceProcess.ServiceController'
        $recording.MitigationService.Status.ToString() | Should -Be 'Running'
        $recording.MitigationEvents | Should -HaveCount 4
        $recording.MitigationEvents[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.System.Diagnostics.Eventing.Reader.EventLogRecord'
        foreach ($path in @($recording.IisConfigurationPath) + $recording.MitigationLogFolder) {
            $path | Should -BeLike 'LocalTree/*'
            Test-Path -LiteralPath (Join-Path $Em $path) | Should -BeTrue -Because "$path is relative to the recording"
        }
    }
}

Describe 'Applicability: the Emergency Mitigation service exists on 2016 CU22+, 2019 CU11+ and SE, not on 2013 or Edge' {
    It 'passes for <Label>' -ForEach @(
        @{ Label = 'Exchange SE'; Build = '15.2.2562.46'; Expected = 'Exchange Server Subscription Edition RTM has the Emergency Mitigation service' }
        @{ Label = 'Exchange 2019 CU11, the first 2019 CU with EM'; Build = '15.2.986.5'; Expected = 'Exchange Server 2019 CU11 has the Emergency Mitigation service \(from CU11\)' }
        @{ Label = 'Exchange 2016 CU22, the first 2016 CU with EM'; Build = '15.1.2375.7'; Expected = 'Exchange Server 2016 CU22 has the Emergency Mitigation service \(from CU22\)' }
    ) {
        $result = Test-EmergencyMitigation @Healthy -Build $Build
        $check = Get-Check $result Applicability
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Match $Expected
        $result.Supported | Should -BeTrue
        $result.Checks | Should -HaveCount 10
    }

    It 'passes for a piped Get-ExchangeServer object of Exchange 2019 CU14 (AdminDisplayVersion only)' {
        $ex02 = Import-Clixml (Join-Path $Exchange 'ExchangeServers.xml') | Where-Object Name -eq 'EX02'
        $result = $ex02 | Test-EmergencyMitigation -SkipConnectivityTest
        $result.Server | Should -Be 'EX02'
        $result.Build | Should -Be '15.2.1544.4'
        (Get-Check $result Applicability).Outcome | Should -Be 'Pass'
    }

    It 'fails for Exchange 2016 CU21, which predates the service, and runs only the leftover check' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.1.2308.27
        $check = Get-Check $result Applicability
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Match 'Exchange Server 2016 CU21 has no Emergency Mitigation service; it arrived with CU22 \(15\.1\.2375\.7\)'
        $check.Recommendation | Should -Match 'Install CU22 or a later CU'
        $result.Supported | Should -BeFalse
        $result.Passed | Should -BeFalse
        $result.Checks.Name | Should -Be @('Applicability', 'StaleMitigations')
    }

    It 'is NotApplicable for Exchange 2013, which never had the service, without failing the server' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.0.1497.48
        $check = Get-Check $result Applicability
        $check.Outcome | Should -Be 'NotApplicable'
        $check.Detail | Should -Be 'Exchange Server 2013 never received the Emergency Mitigation service.'
        $check.Recommendation | Should -Match 'EOMT'
        $result.Supported | Should -BeFalse
        $result.Passed | Should -BeTrue
    }

    It 'is NotApplicable for an Edge Transport server (piped Get-ExchangeServer object)' {
        $edge = Import-Clixml (Join-Path $Exchange 'ExchangeServers.xml') | Where-Object Name -eq 'EDGE01'
        $result = $edge | Test-EmergencyMitigation -SkipConnectivityTest
        $check = Get-Check $result Applicability
        $check.Outcome | Should -Be 'NotApplicable'
        $check.Detail | Should -Match 'Edge Transport servers have no Emergency Mitigation service'
        $result.Supported | Should -BeFalse
        $result.Passed | Should -BeTrue
        $result.Checks.Name | Should -Not -Contain 'Service'
    }
}

Describe 'Switches: Get-OrganizationConfig and Get-ExchangeServer MitigationsEnabled' {
    BeforeAll {
        $orgOn = Import-Clixml (Join-Path $Em 'OrganizationConfig.xml')
        $orgOff = Import-Clixml (Join-Path $Em 'OrganizationConfig-MitigationsDisabled.xml')
        # A real-shaped server object: EX05's Get-ExchangeServer from the host recording.
        $ex05 = (Import-Clixml (Join-Path $Em 'LocalHost-EM.xml')).ExchangeServer
    }

    It 'passes when both switches are on' {
        $result = $ex05 | Test-EmergencyMitigation -Build 15.2.2562.46 -OrganizationConfig $orgOn -SkipConnectivityTest
        $check = Get-Check $result Switches
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Be 'Enabled on organisation and server level.'
        $result.Enabled | Should -BeTrue
    }

    It 'fails when the organisation switch is off, whatever the server says' {
        $result = $ex05 | Test-EmergencyMitigation -Build 15.2.2562.46 -OrganizationConfig $orgOff -SkipConnectivityTest
        $check = Get-Check $result Switches
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Match 'Disabled on organisation level'
        $check.Recommendation | Should -Be 'Set-OrganizationConfig -MitigationsEnabled $true'
        $result.Enabled | Should -BeFalse
        $result.Passed | Should -BeFalse
    }

    It 'warns when the organisation configuration is not given' {
        $result = $ex05 | Test-EmergencyMitigation -Build 15.2.2562.46 -SkipConnectivityTest
        $check = Get-Check $result Switches
        $check.Outcome | Should -Be 'Warn'
        $check.Detail | Should -Match 'organisation switch was not checked'
        $check.Recommendation | Should -Match '-OrganizationConfig \(Get-OrganizationConfig\)'
        $result.Enabled | Should -BeNullOrEmpty
        $result.Passed | Should -BeTrue -Because 'a warning does not fail the server'
    }

    It 'fails when the server switch is off (Get-ExchangeServer MitigationsEnabled false)' {
        $off = (Import-Clixml (Join-Path $Em 'LocalHost-EM.xml')).ExchangeServer
        $off.MitigationsEnabled = $false
        $result = $off | Test-EmergencyMitigation -Build 15.2.2562.46 -OrganizationConfig $orgOn -SkipConnectivityTest
        $check = Get-Check $result Switches
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Match 'Disabled on server level'
        $check.Recommendation | Should -Be 'Set-ExchangeServer -Identity EX05 -MitigationsEnabled $true'
        $result.Enabled | Should -BeFalse
    }

    It 'warns when the server object carries no MitigationsEnabled value' {
        $result = Test-EmergencyMitigation -Name EX05 -Build 15.2.2562.46 -OrganizationConfig $orgOn -SkipConnectivityTest
        $check = Get-Check $result Switches
        $check.Outcome | Should -Be 'Warn'
        $check.Detail | Should -Match 'no MitigationsEnabled value'
        $result.Enabled | Should -BeNullOrEmpty
    }
}

Describe 'Service: MSExchangeMitigation running and starting automatically' {
    BeforeAll {
        $running = Import-Clixml (Join-Path $Em 'Service-Running.xml')
        $stopped = Import-Clixml (Join-Path $Em 'Service-Stopped.xml')
        $manual = Import-Clixml (Join-Path $Em 'Service-Manual.xml')
    }

    It 'passes for the exported Get-Service object of a running, automatic service' {
        $result = Test-EmergencyMitigation @Healthy -Service $running
        $check = Get-Check $result Service
        $result.ServiceState | Should -Be 'Running/Automatic'
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Be 'MSExchangeMitigation is running and starts automatically.'
    }

    It 'fails for the exported Get-Service object of a <Case> service' -ForEach @(
        @{ Case = 'stopped'; Server = 'EX06'; File = 'Service-Stopped.xml'; State = 'Stopped/Automatic'; Detail = 'MSExchangeMitigation is Stopped with start type Automatic' }
        @{ Case = 'manually started'; Server = 'EX07'; File = 'Service-Manual.xml'; State = 'Running/Manual'; Detail = 'MSExchangeMitigation is Running with start type Manual' }
    ) {
        $service = Import-Clixml (Join-Path $Em $File)
        $result = Test-EmergencyMitigation @Healthy -Name $Server -Service $service
        $check = Get-Check $result Service
        $check.Outcome | Should -Be 'Fail'
        $check.Recommendation | Should -Be 'Set-Service MSExchangeMitigation -StartupType Automatic; Start-Service MSExchangeMitigation'
        $result.Passed | Should -BeFalse
        $result.ServiceState | Should -Be $State
        $check.Detail | Should -Match "^$Detail; it must be Running and Automatic\.$"
    }

    It 'judges service objects whose Status and StartType are text (Select-Object, Import-Csv)' {
        $text = [pscustomobject]@{ Name = 'MSExchangeMitigation'; MachineName = 'EX05'; Status = 'Running'; StartType = 'Automatic' }
        $result = Test-EmergencyMitigation @Healthy -Service $text
        $result.ServiceState | Should -Be 'Running/Automatic'
        (Get-Check $result Service).Outcome | Should -Be 'Pass'

        $text = [pscustomobject]@{ Name = 'MSExchangeMitigation'; MachineName = 'EX05'; Status = 'Stopped'; StartType = 'Disabled' }
        $result = Test-EmergencyMitigation @Healthy -Service $text
        $result.ServiceState | Should -Be 'Stopped/Disabled'
        (Get-Check $result Service).Outcome | Should -Be 'Fail'
    }

    It 'gives each piped server its own service by MachineName' {
        $servers = [pscustomobject]@{ Name = 'EX05'; Build = '15.2.2562.46'; MitigationsEnabled = $true },
            [pscustomobject]@{ Name = 'EX06'; Build = '15.2.2562.46'; MitigationsEnabled = $true }
        $results = $servers | Test-EmergencyMitigation -Service $running, $stopped -SkipConnectivityTest
        $results.Server | Should -Be @('EX05', 'EX06')
        $results.ServiceState | Should -Not -Contain 'Missing'
        $results.ServiceState | Should -Not -Contain 'Unknown'
        $results[0].ServiceState | Should -Not -Be $results[1].ServiceState
        $results.ServiceState | Should -Be @('Running/Automatic', 'Stopped/Automatic')
    }

    It 'fails when -Service is given but empty: the service does not exist' {
        $result = Test-EmergencyMitigation @Healthy -Service @()
        $check = Get-Check $result Service
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Be 'The MSExchangeMitigation service does not exist on this server.'
        $check.Recommendation | Should -Match 'setup /m:upgrade'
        $result.ServiceState | Should -Be 'Missing'
        $result.Passed | Should -BeFalse
    }

    It 'fails when only other services are given' {
        $other = [pscustomobject]@{ Name = 'W3SVC'; MachineName = 'EX05'; Status = 'Running'; StartType = 'Automatic' }
        $result = Test-EmergencyMitigation @Healthy -Service $other
        $result.ServiceState | Should -Be 'Missing'
        (Get-Check $result Service).Outcome | Should -Be 'Fail'
    }

    It 'warns when the service was not given' {
        $result = Test-EmergencyMitigation @Healthy
        $check = Get-Check $result Service
        $check.Outcome | Should -Be 'Warn'
        $check.Detail | Should -Be 'The MSExchangeMitigation service was not checked.'
        $result.ServiceState | Should -Be 'Unknown'
    }
}

Describe 'Endpoint: the mitigation endpoint answers HTTP 200 through the configured proxy, on a build that can validate its signature' {
    BeforeAll {
        # A minimal HTTP/1.1 server on 127.0.0.1 (ephemeral port) that answers every request with one status code,
        # optionally after a delay, and remembers the request lines (a proxy sees absolute URIs).
        if (-not ('ExchangeHardeningTests.LoopbackHttpServer' -as [type])) {
            Add-Type -TypeDefinition @'
using System;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ExchangeHardeningTests
{
    public sealed class LoopbackHttpServer : IDisposable
    {
        private readonly TcpListener listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource stopping = new CancellationTokenSource();
        private readonly int statusCode;
        private readonly int delayMilliseconds;

        public LoopbackHttpServer(int statusCode, int delayMilliseconds)
        {
            this.statusCode = statusCode;
            this.delayMilliseconds = delayMilliseconds;
            listener.Start();
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            Task.Run(AcceptAsync);
        }

        public int Port { get; }

        public ConcurrentQueue<string> Requests { get; } = new ConcurrentQueue<string>();

        public string Url(string path) { return "http://127.0.0.1:" + Port + path; }

        public void Dispose()
        {
            stopping.Cancel();
            listener.Stop();
        }

        private async Task AcceptAsync()
        {
            while (!stopping.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await listener.AcceptTcpClientAsync().ConfigureAwait(false); }
                catch (Exception) { return; }
                var ignored = Task.Run(() => AnswerAsync(client));
            }
        }

        private async Task AnswerAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    var stream = client.GetStream();
                    var buffer = new byte[8192];
                    var head = new StringBuilder();
                    while (head.ToString().IndexOf("\r\n\r\n", StringComparison.Ordinal) < 0 && head.Length < 65536)
                    {
                        var read = await stream.ReadAsync(buffer, 0, buffer.Length, stopping.Token).ConfigureAwait(false);
                        if (read == 0) { break; }
                        head.Append(Encoding.ASCII.GetString(buffer, 0, read));
                    }

                    var text = head.ToString();
                    var end = text.IndexOf("\r\n", StringComparison.Ordinal);
                    Requests.Enqueue(end < 0 ? text : text.Substring(0, end));
                    if (delayMilliseconds > 0)
                    {
                        await Task.Delay(delayMilliseconds, stopping.Token).ConfigureAwait(false);
                    }

                    var body = Encoding.UTF8.GetBytes(statusCode == 200 ? "<EOCS version=\"1.0.0\" />" : "failure");
                    var reason = statusCode == 200 ? "OK" : statusCode == 500 ? "Internal Server Error" : "Other";
                    var header = Encoding.ASCII.GetBytes("HTTP/1.1 " + statusCode + " " + reason + "\r\nContent-Type: text/xml\r\nContent-Length: " + body.Length + "\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(header, 0, header.Length, stopping.Token).ConfigureAwait(false);
                    await stream.WriteAsync(body, 0, body.Length, stopping.Token).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // the client gave up (the timeout test) or the server is stopping
                }
            }
        }
    }
}
'@
        }
        $ok = [ExchangeHardeningTests.LoopbackHttpServer]::new(200, 0)
        $broken = [ExchangeHardeningTests.LoopbackHttpServer]::new(500, 0)
        $slow = [ExchangeHardeningTests.LoopbackHttpServer]::new(200, 10000)
        # A port nothing listens on: take a free one and give it back.
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start(); $closedPort = $probe.LocalEndpoint.Port; $probe.Stop()
        $Reachable = @{ Name = 'EX05'; Build = '15.2.2562.46'; MitigationsEnabled = $true }
    }

    AfterAll {
        $ok, $broken, $slow | Where-Object { $_ } | ForEach-Object { $_.Dispose() }
    }

    It 'passes when the endpoint answers HTTP 200' {
        $uri = $ok.Url('/GetExchangeMitigations')
        $result = Test-EmergencyMitigation @Reachable -EndpointUri $uri
        $check = Get-Check $result Endpoint
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Be "$uri answered HTTP 200."
        $result.EndpointReachable | Should -BeTrue
        $ok.Requests | Should -Contain 'GET /GetExchangeMitigations HTTP/1.1'
    }

    It 'fails when the endpoint answers HTTP 500' {
        $uri = $broken.Url('/GetExchangeMitigations')
        $result = Test-EmergencyMitigation @Reachable -EndpointUri $uri
        $check = Get-Check $result Endpoint
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Be "$uri is not reachable: HttpStatus: HTTP 500 Internal Server Error"
        $check.Recommendation | Should -Match 'officeclient\.microsoft\.com'
        $check.Recommendation | Should -Match 'netsh winhttp set proxy'
        $result.EndpointReachable | Should -BeFalse
        $result.Passed | Should -BeFalse
    }

    It 'fails after the timeout when the endpoint is too slow, and does not wait for it' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $result = Test-EmergencyMitigation @Reachable -EndpointUri $slow.Url('/GetExchangeMitigations') -TimeoutSeconds 1
        $watch.Stop()
        $check = Get-Check $result Endpoint
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Match 'is not reachable: Timeout: no answer within 1 s$'
        $result.EndpointReachable | Should -BeFalse
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 8 -Because 'the server answers only after 10 s; the probe gives up after 1 s'
    }

    It 'fails when nothing listens at the endpoint' {
        $result = Test-EmergencyMitigation @Reachable -EndpointUri "http://127.0.0.1:$closedPort/GetExchangeMitigations"
        (Get-Check $result Endpoint).Outcome | Should -Be 'Fail'
        (Get-Check $result Endpoint).Detail | Should -Match "127\.0\.0\.1:$closedPort/GetExchangeMitigations is not reachable: "
    }

    It 'goes through the server''s InternetWebProxy and names the proxy' {
        # The endpoint host cannot be resolved: only a request through the proxy can succeed.
        $server = [pscustomobject]@{ Name = 'EX05'; Build = '15.2.2562.46'; MitigationsEnabled = $true; InternetWebProxy = [uri] $ok.Url('/') }
        $result = $server | Test-EmergencyMitigation -EndpointUri 'http://unreachable.invalid/GetExchangeMitigations'
        $check = Get-Check $result Endpoint
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Be "http://unreachable.invalid/GetExchangeMitigations answered HTTP 200 through proxy $($ok.Url('/'))."
        $result.EndpointReachable | Should -BeTrue
        $ok.Requests | Should -Contain 'GET http://unreachable.invalid/GetExchangeMitigations HTTP/1.1'
    }

    It 'fails and names the proxy when the proxy is down' {
        $result = Test-EmergencyMitigation @Reachable -EndpointUri 'http://unreachable.invalid/GetExchangeMitigations' -InternetWebProxy "http://127.0.0.1:$closedPort/"
        $check = Get-Check $result Endpoint
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Match "not reachable through proxy http://127\.0\.0\.1:$closedPort/"
    }

    It 'fails a build below the March 2023 update even though the endpoint is reachable (2016 CU22 Nov22SU)' {
        $result = Test-EmergencyMitigation @Reachable -Build 15.1.2375.37 -EndpointUri $ok.Url('/GetExchangeMitigations')
        $check = Get-Check $result Endpoint
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Match 'Build 15\.1\.2375\.37 is older than the Mar23SU update and cannot validate Microsoft''s current signing certificate'
        $check.Detail | Should -Match 'event 1008'
        $check.Recommendation | Should -Match 'at least Mar23SU'
        $result.EndpointReachable | Should -BeTrue -Because 'the endpoint itself answered'
    }

    It 'warns when the endpoint is reachable but the build is below the June 2026 update (2019 CU15 Feb26SU)' {
        $result = Test-EmergencyMitigation @Reachable -Build 15.2.1748.43 -EndpointUri $ok.Url('/GetExchangeMitigations')
        $check = Get-Check $result Endpoint
        $check.Outcome | Should -Be 'Warn'
        $check.Detail | Should -Match 'below \(or may be below\) Jun26SU'
        $check.Recommendation | Should -Be 'Install Jun26SU or later for this CU.'
    }

    It 'is NotApplicable with -SkipConnectivityTest and sends no request' {
        $before = $ok.Requests.Count
        $result = Test-EmergencyMitigation @Reachable -EndpointUri $ok.Url('/GetExchangeMitigations') -SkipConnectivityTest
        $check = Get-Check $result Endpoint
        $check.Outcome | Should -Be 'NotApplicable'
        $check.Detail | Should -Be 'The connectivity test was skipped.'
        $result.EndpointReachable | Should -BeNullOrEmpty
        $ok.Requests.Count | Should -Be $before
    }

    It 'probes the endpoint once per proxy for all servers of a call' {
        $before = $ok.Requests.Count
        $servers = 'EX05', 'EX06', 'EX07' | ForEach-Object { [pscustomobject]@{ Name = $_; Build = '15.2.2562.46'; MitigationsEnabled = $true } }
        $results = $servers | Test-EmergencyMitigation -EndpointUri $ok.Url('/GetExchangeMitigations')
        $results.EndpointReachable | Should -Be @($true, $true, $true)
        $ok.Requests.Count - $before | Should -Be 1
    }

    It 'rejects a timeout outside 1 to 300 seconds' {
        { Test-EmergencyMitigation @Healthy -TimeoutSeconds 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ExchangeHardening.Commands.TestEmergencyMitigationCommand'
        { Test-EmergencyMitigation @Healthy -TimeoutSeconds 301 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
    }
}

Describe 'UrlRewrite: the IIS URL Rewrite module is registered in applicationHost.config' {
    It 'passes when applicationHost.config registers RewriteModule' {
        $result = Test-EmergencyMitigation @Healthy -IisConfigPath (Join-Path $Iis 'em-m1')
        $check = Get-Check $result UrlRewrite
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Match 'RewriteModule \(%SystemRoot%\\system32\\inetsrv\\rewrite\.dll\)'
        $result.UrlRewriteInstalled | Should -BeTrue
    }

    It 'fails when the module is missing from applicationHost.config' {
        $result = Test-EmergencyMitigation @Healthy -IisConfigPath (Join-Path $Iis 'no-url-rewrite-module')
        $check = Get-Check $result UrlRewrite
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Match 'not registered in applicationHost\.config'
        $check.Recommendation | Should -Match 'URL Rewrite Module 2\.1'
        $result.UrlRewriteInstalled | Should -BeFalse
        $result.Passed | Should -BeFalse
    }

    It 'is NotApplicable when only a web.config is given' {
        $result = Test-EmergencyMitigation @Healthy -IisConfigPath (Join-Path $Iis 'em-m1/inetpub/wwwroot/web.config')
        $check = Get-Check $result UrlRewrite
        $check.Outcome | Should -Be 'NotApplicable'
        $check.Detail | Should -Match 'applicationHost\.config was not among the IIS files given'
        $result.UrlRewriteInstalled | Should -BeNullOrEmpty
    }

    It 'is NotApplicable without IIS configuration' {
        $result = Test-EmergencyMitigation @Healthy
        (Get-Check $result UrlRewrite).Outcome | Should -Be 'NotApplicable'
        (Get-Check $result UrlRewrite).Detail | Should -Be 'No IIS configuration was given.'
    }
}

Describe 'AppliedMitigations: every listed mitigation is explained and its IIS rule does what it must' {
    It 'passes when M1 is listed and the EM rule is in the Default Web Site web.config' {
        $result = Test-EmergencyMitigation @Healthy -MitigationsApplied PING1, M1 -IisConfigPath (Join-Path $Iis 'em-m1')
        $check = Get-Check $result AppliedMitigations
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Match 'PING1: Emergency Mitigation service heartbeat \(changes nothing\)'
        $check.Detail | Should -Match 'M1: Block autodiscover requests that reach remote PowerShell \(ProxyNotShell\) \(CVE-2022-41040\); rule present'
        $check.Detail | Should -Match "'EEMS M1\.1 PowerShell - inbound' \(.*inetpub/wwwroot/web\.config:7:18\)"
        $result.MitigationsApplied | Should -Be @('PING1', 'M1')
    }

    It 'recognises the rule by behaviour: EM, IIS-Manager and EOMTv2 copies side by side' {
        $result = Test-EmergencyMitigation @Healthy -MitigationsApplied M1 -IisConfigPath (Join-Path $Iis 'side-by-side')
        $check = Get-Check $result AppliedMitigations
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Match "'EEMS M1\.1 PowerShell - inbound'.*'RequestBlockingRule1'.*'PowerShell - inbound'"
    }

    It 'fails when M1 is listed but no rule with its behaviour exists' {
        $result = Test-EmergencyMitigation @Healthy -MitigationsApplied M1 -IisConfigPath (Join-Path $Iis 'm2-owa-outbound')
        $check = Get-Check $result AppliedMitigations
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Match 'M1: .*listed as applied but no rule with its behaviour exists \(removed by hand\?\); the service applies it again within an hour unless it is blocked'
        $check.Recommendation | Should -Match 'URL Rewrite rules of the Default Web Site'
        $result.Passed | Should -BeFalse
    }

    It 'fails when the M1 rule is <Case>' -ForEach @(
        @{ Case = 'named like EM but with a wrong pattern'; Scenario = 'em-name-wrong-pattern'; Detail = 'its rule does not do what the mitigation needs .*has its name but behaves otherwise: .*pattern ''\(\?=\.\*autodiscover\)\(\?=\.\*powershel1\)'', expected ''\(\?=\.\*autodiscover\)\(\?=\.\*powershell\)''' }
        @{ Case = 'disabled'; Scenario = 'm1-disabled'; Detail = 'its rule is disabled \(''EEMS M1\.1 PowerShell - inbound'' .* behaves like it but is disabled\)' }
        @{ Case = 'matching url "*" (HTTP 500)'; Scenario = 'm1-match-url-star'; Detail = 'match url is ''\*'', which is not a valid regular expression \(IIS answers HTTP 500\)' }
        @{ Case = 'removed by a child web.config'; Scenario = 'm1-removed-by-child'; Detail = 'its rule does not do what the mitigation needs' }
    ) {
        $result = Test-EmergencyMitigation @Healthy -MitigationsApplied M1 -IisConfigPath (Join-Path $Iis $Scenario)
        $check = Get-Check $result AppliedMitigations
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Match $Detail
        $result.Passed | Should -BeFalse
    }

    It 'mentions an EOMT rule that no listed mitigation accounts for, without failing' {
        $result = Test-EmergencyMitigation @Healthy -IisConfigPath (Join-Path $Iis 'eomtv2-historical-pattern')
        $check = Get-Check $result AppliedMitigations
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Match 'not listed as applied but present in IIS: EOMTv2-CVE-2022-41040 \(Eomt: implemented by ''PowerShell - inbound'''

        $result = Test-EmergencyMitigation @Healthy -IisConfigPath (Join-Path $Iis 'eomt-2021-cookie-rules')
        (Get-Check $result AppliedMitigations).Detail | Should -Match 'EOMT-CVE-2021-26855 .*''X-AnonResource-Backend Abort - inbound''.*''X-BEResource Abort - inbound'''
    }

    It 'explains listed mitigations without checking rules when no IIS configuration is given' {
        $result = Test-EmergencyMitigation @Healthy -MitigationsApplied M1, M9
        $check = Get-Check $result AppliedMitigations
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Match 'M1: .*; its IIS rule was not checked'
        $check.Detail | Should -Match 'M9: not described by the advisory data'
    }

    It 'passes with nothing applied' {
        (Get-Check (Test-EmergencyMitigation @Healthy) AppliedMitigations).Detail | Should -Be 'No mitigation is applied.'
    }
}

Describe 'StaleMitigations: mitigations that outlived their fix, with the exact rollback' {
    It 'warns about M1 on a build with the November 2022 update and gives the rollback, blocking first' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.2.1118.20 -MitigationsApplied PING1, M1 -IisConfigPath (Join-Path $Iis 'em-m1')
        $check = Get-Check $result StaleMitigations
        $check.Outcome | Should -Be 'Warn'
        $check.Detail | Should -Be 'Still in place although the installed build fixes what they mitigate: M1.'
        $check.Recommendation | Should -Match '^M1 \(CVE-2022-41040\) is fixed by Nov22SU, which this build has: '
        $check.Recommendation | Should -Match ([regex]::Escape('Set-ExchangeServer -Identity <server> -MitigationsBlocked @{Add="M1"}'))
        $check.Recommendation | Should -Match 'delete the inbound rule "EEMS M1\.1 PowerShell - inbound" from URL Rewrite of the Default Web Site'
        $check.Recommendation.IndexOf('MitigationsBlocked') | Should -BeLessThan $check.Recommendation.IndexOf('delete the inbound rule') -Because 'the block comes first, or the service reapplies the rule'
        $result.StaleMitigations | Should -Be @('M1')
    }

    It 'passes for M1 on the same CU before the November 2022 update (Oct22SU)' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.2.1118.15 -MitigationsApplied M1 -IisConfigPath (Join-Path $Iis 'em-m1')
        $check = Get-Check $result StaleMitigations
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Be 'No mitigation outlived its fix.'
        $result.StaleMitigations | Should -HaveCount 0
    }

    It 'warns about M2 on Exchange SE with the July 2026 update and says to back up the OWA web.config first' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.2.2562.45 -MitigationsApplied M2 -IisConfigPath (Join-Path $Iis 'm2-owa-outbound')
        $check = Get-Check $result StaleMitigations
        $check.Outcome | Should -Be 'Warn'
        $check.Recommendation | Should -Match ([regex]::Escape('-MitigationsBlocked @{Add="M2"}'))
        $check.Recommendation | Should -Match ([regex]::Escape('back up <ExchangeInstallPath>\FrontEnd\HttpProxy\owa\web.config'))
        $check.Recommendation | Should -Match 'web\.config\.<yyyyMMdd-HHmmss>\.bak'
        $check.Recommendation | Should -Match '"EEMS M2\.1 OWA CSP - outbound" and the preCondition "EEMS M2\.1 OWA SPA HTML shell - precondition"'
        $result.StaleMitigations | Should -Be @('M2')
    }

    It 'finds an unlisted EOMT leftover rule on a fixed build and names the tool''s rollback' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.2.1748.49 -IisConfigPath (Join-Path $Iis 'eomtv2-historical-pattern')
        $check = Get-Check $result StaleMitigations
        $check.Outcome | Should -Be 'Warn'
        $check.Recommendation | Should -Match 'EOMTv2\.ps1 -RollbackMitigation'
        $result.StaleMitigations | Should -Be @('EOMTv2-CVE-2022-41040')
    }

    It 'still reports leftovers on Exchange 2013, which has no EM service' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.0.1497.48 -MitigationsApplied M1 -IisConfigPath (Join-Path $Iis 'em-m1')
        (Get-Check $result StaleMitigations).Outcome | Should -Be 'Warn'
        $result.StaleMitigations | Should -Be @('M1')
        $result.Passed | Should -BeTrue -Because 'a stale mitigation is a warning'
    }
}

Describe 'BlockedMitigations: a blocked mitigation while the build is still vulnerable' {
    It 'fails for M2 blocked on a build below the July 2026 update (2019 CU15 Feb26SU)' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.2.1748.43 -MitigationsBlocked M2
        $check = Get-Check $result BlockedMitigations
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Be 'Blocked although the build is still vulnerable (or its update is unknown): M2 (CVE-2026-42897, fixed by Jul26SU).'
        $check.Recommendation | Should -Match ([regex]::Escape('-MitigationsBlocked @{Remove="<id>"}'))
        $result.MitigationsBlocked | Should -Be @('M2')
        $result.Passed | Should -BeFalse
    }

    It 'passes for M2 blocked on 15.2.1748.48, which has the July 2026 update' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.2.1748.48 -MitigationsBlocked M2
        $check = Get-Check $result BlockedMitigations
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Be 'Blocked: M2; the build fixes what they mitigate.'
    }

    It 'reads MitigationsBlocked from a piped Get-ExchangeServer object (EX03, 2019 CU15 RTM)' {
        $ex03 = Import-Clixml (Join-Path $Exchange 'ExchangeServers.xml') | Where-Object Name -eq 'EX03'
        $result = $ex03 | Test-EmergencyMitigation -SkipConnectivityTest
        $result.MitigationsBlocked | Should -Be @('M2')
        (Get-Check $result BlockedMitigations).Outcome | Should -Be 'Fail'
    }

    It 'passes with nothing blocked' {
        (Get-Check (Test-EmergencyMitigation @Healthy) BlockedMitigations).Detail | Should -Be 'No mitigation is blocked.'
    }
}

Describe 'MissingMitigations: EM is on and the build needs a published mitigation that is not there' {
    It 'fails when the build is vulnerable to CVE-2026-42897 and M2 is not applied' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.2.1748.43 -MitigationsApplied PING1
        $check = Get-Check $result MissingMitigations
        $check.Outcome | Should -Be 'Fail'
        $check.Detail | Should -Be 'The build is vulnerable to what M2 mitigates, but it is not applied: EM is not doing its job.'
        $check.Recommendation | Should -Match 'event 1008'
        $result.MissingMitigations | Should -Be @('M2')
        $result.Passed | Should -BeFalse
    }

    It 'passes when M2 is applied' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.2.1748.43 -MitigationsApplied PING1, M2
        (Get-Check $result MissingMitigations).Outcome | Should -Be 'Pass'
        $result.MissingMitigations | Should -HaveCount 0
    }

    It 'passes when the M2 behaviour is in IIS although not listed (applied with EOMT)' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.2.1748.43 -IisConfigPath (Join-Path $Iis 'm2-unified-eomt')
        (Get-Check $result MissingMitigations).Outcome | Should -Be 'Pass'
    }

    It 'only warns when EM is switched off' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.2.1748.43 -MitigationsEnabled $false
        $check = Get-Check $result MissingMitigations
        $check.Outcome | Should -Be 'Warn'
        $check.Detail | Should -Match '\(EM is switched off\)'
        $result.MissingMitigations | Should -Be @('M2')
    }

    It 'warns when only AdminDisplayVersion is known' {
        $result = Test-EmergencyMitigation -Name EX03 -AdminDisplayVersion 'Version 15.2 (Build 1748.10)' -MitigationsEnabled $true -SkipConnectivityTest
        $check = Get-Check $result MissingMitigations
        $check.Outcome | Should -Be 'Warn'
        $check.Detail | Should -Match 'only AdminDisplayVersion is known'
        $check.Recommendation | Should -Match '-Build'
    }

    It 'passes on a build that has every fix' {
        (Get-Check (Test-EmergencyMitigation @Healthy) MissingMitigations).Detail | Should -Be 'Every published mitigation the build needs is applied.'
    }
}

Describe 'Activity: recent successful fetches in the MSExchange Mitigation Service events and logs' {
    BeforeAll {
        $ex05Events = Import-Clixml (Join-Path $Em 'MitigationEvents-EX05.xml')
        $ex05 = [pscustomobject]@{ Name = 'EX05'; Build = '15.2.2562.46'; MitigationsEnabled = $true }
    }

    It 'passes for piped Import-Clixml events with a recent 1005/1006, mentioning the earlier 1008' {
        $result = @($ex05) + $ex05Events | Test-EmergencyMitigation -SkipConnectivityTest
        $result | Should -HaveCount 1
        $check = Get-Check $result Activity
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Match '^Last success 2026-08-30 07:10 UTC \(evidence from 2026-08-30 05:10 UTC to 2026-08-30 07:10 UTC\); 1 fetch error\(s\), the last at 2026-08-30 05:10 UTC'
    }

    It 'takes piped events when the server is named by parameters' {
        $result = $ex05Events | Test-EmergencyMitigation -Name EX05 -Build 15.2.2562.46 -SkipConnectivityTest -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -BeNullOrEmpty
        (Get-Check $result Activity).Outcome | Should -Be 'Pass'
    }

    It 'passes for -EventLogPath with a Get-WinEvent | ConvertTo-Json export (PowerShell 7)' {
        $result = Test-EmergencyMitigation @Healthy -EventLogPath (Join-Path $Em 'MitigationEvents-EX05.json')
        $check = Get-Check $result Activity
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Match '^Last success 2026-08-30 07:10 UTC'
    }

    It 'warns for -EventLogPath with a Get-WinEvent | Export-Csv export holding only 1008 errors' {
        $result = Test-EmergencyMitigation @Healthy -Name EX06 -EventLogPath (Join-Path $Em 'MitigationEvents-EX06.csv')
        $check = Get-Check $result Activity
        $check.Outcome | Should -Be 'Warn'
        $check.Detail | Should -Match '^No successful fetch in the last 24 hours of the evidence: no success at all \(evidence from 2026-08-30 06:10 UTC to 2026-08-30 09:10 UTC\); 4 fetch error\(s\)'
        $check.Detail | Should -Match 'Exception encountered while fetching mitigations'
        $check.Recommendation | Should -Match 'restart MSExchangeMitigation'
        $result.Passed | Should -BeTrue -Because 'missing activity is a warning'
    }

    It 'warns when errors follow the last success (<File>, <Server>)' -ForEach @(
        @{ File = 'em-events-ps51.json'; Server = 'EXCH01'; Detail = '^Last success 2023-01-09 10:00 UTC .*2 fetch error\(s\), the last at 2023-01-10 09:00 UTC' }
        @{ File = 'em-events-ps7.json'; Server = 'EXCH02'; Detail = '^No successful fetch in the last 24 hours of the evidence: the last success was 2023-03-01 07:00 UTC' }
        @{ File = 'em-eventlog-ps51.csv'; Server = 'EXCH01'; Detail = '^Last success 2023-01-09 10:00 UTC .*1 fetch error\(s\)' }
    ) {
        $result = Test-EmergencyMitigation @Healthy -Name $Server -EventLogPath (Join-Path $EventExports $File)
        $check = Get-Check $result Activity
        $check.Outcome | Should -Be 'Warn'
        $check.Detail | Should -Match $Detail
    }

    It 'is NotApplicable, with a note, when the events are from another server only' {
        $ex06 = [pscustomobject]@{ Name = 'EX06'; Build = '15.2.2562.46'; MitigationsEnabled = $true }
        $result = @($ex06) + $ex05Events | Test-EmergencyMitigation -SkipConnectivityTest
        $check = Get-Check $result Activity
        $check.Outcome | Should -Be 'NotApplicable'
        $check.Detail | Should -Be 'None of the 4 events given is from EX06 (they are from EX05.contoso.com).'
    }

    It 'gives each piped server its own events' {
        $ex06 = [pscustomobject]@{ Name = 'EX06'; Build = '15.2.2562.46'; MitigationsEnabled = $true }
        $results = @($ex05, $ex06) + $ex05Events | Test-EmergencyMitigation -SkipConnectivityTest
        $results.Server | Should -Be @('EX05', 'EX06')
        (Get-Check $results[0] Activity).Outcome | Should -Be 'Pass'
        (Get-Check $results[1] Activity).Outcome | Should -Be 'NotApplicable'
    }

    It 'passes for -MitigationLogPath with an EM text log holding a recent fetch' {
        $result = Test-EmergencyMitigation @Healthy -MitigationLogPath $LocalLog
        $check = Get-Check $result Activity
        $check.Outcome | Should -Be 'Pass'
        $check.Detail | Should -Match '^Last success 2026-08-30 07:10 UTC \(evidence from 2026-08-30 05:10 UTC to 2026-08-30 07:10 UTC\); 1 fetch error\(s\)'
    }

    It 'warns for -MitigationLogPath with an EM text log whose fetches fail' {
        $result = Test-EmergencyMitigation @Healthy -MitigationLogPath $EngineLog
        $check = Get-Check $result Activity
        $check.Outcome | Should -Be 'Warn'
        $check.Detail | Should -Match '^No successful fetch in the last 24 hours of the evidence: the last success was 2023-01-09 01:05 UTC'
    }

    It 'reads the log files of a -MitigationLogPath folder' {
        $result = Test-EmergencyMitigation @Healthy -MitigationLogPath $LocalLogFolder
        $check = Get-Check $result Activity
        $check.Outcome | Should -Be 'Pass'
    }

    It 'is NotApplicable without events or logs' {
        $check = Get-Check (Test-EmergencyMitigation @Healthy) Activity
        $check.Outcome | Should -Be 'NotApplicable'
        $check.Detail | Should -Be 'No EM events or logs were given.'
        $check.Recommendation | Should -Match '-EventLogPath'
    }
}

Describe 'The verdict: Passed, and -Quiet for Pester' {
    It 'returns one [bool] per server with -Quiet, equal to Passed' {
        $servers = Import-Clixml (Join-Path $Exchange 'ExchangeServers.xml')
        $quiet = $servers | Test-EmergencyMitigation -SkipConnectivityTest -Quiet
        $full = $servers | Test-EmergencyMitigation -SkipConnectivityTest
        $quiet | Should -HaveCount 5
        $quiet | ForEach-Object { $_ | Should -BeOfType [bool] }
        $quiet | Should -Be @($full.Passed)
        $quiet | Should -Be @($false, $true, $true, $true, $false)
    }

    It 'works as a Pester assertion: a healthy server is true, a server that fails a check is false' {
        Test-EmergencyMitigation @Healthy -Service ([pscustomobject]@{ Name = 'MSExchangeMitigation'; Status = 'Running'; StartType = 'Automatic' }) -Quiet | Should -BeTrue
        Test-EmergencyMitigation @Healthy -Service @() -Quiet | Should -BeFalse
    }

    It 'sets Passed to false exactly when a check failed (warnings do not count)' {
        $results = @(
            Test-EmergencyMitigation @Healthy
            Test-EmergencyMitigation @Healthy -Build 15.2.1748.43 -MitigationsBlocked M2
            Test-EmergencyMitigation @Healthy -Build 15.2.1118.20 -MitigationsApplied M1 -IisConfigPath (Join-Path $Iis 'em-m1')
            Test-EmergencyMitigation @Healthy -Build 15.1.2308.27
            Test-EmergencyMitigation @Healthy -Build 15.0.1497.48
            Test-EmergencyMitigation @Healthy -Name EX06 -EventLogPath (Join-Path $Em 'MitigationEvents-EX06.csv')
            Test-EmergencyMitigation @Healthy -IisConfigPath (Join-Path $Iis 'no-url-rewrite-module')
            Import-Clixml (Join-Path $Exchange 'ExchangeServers.xml') | Test-EmergencyMitigation -SkipConnectivityTest
        )
        $results.Count | Should -Be 12
        foreach ($result in $results) {
            $failed = @($result.Checks | Where-Object Outcome -eq 'Fail').Count -gt 0
            $result.Passed | Should -Be (-not $failed) -Because "$($result.Server) $($result.Build): $(($result.Checks | ForEach-Object { "$($_.Name)=$($_.Outcome)" }) -join ' ')"
        }
        ($results.Passed | Where-Object { $_ }).Count | Should -BeGreaterThan 2
        ($results.Passed | Where-Object { -not $_ }).Count | Should -BeGreaterThan 2
        # The warning-only results pass.
        $warnOnly = $results | Where-Object { @($_.Checks.Outcome) -contains 'Warn' -and @($_.Checks.Outcome) -notcontains 'Fail' }
        $warnOnly | Should -Not -BeNullOrEmpty
        $warnOnly.Passed | Sort-Object -Unique | Should -BeTrue
    }
}

Describe 'Broken or missing evidence' {
    It 'reports a malformed web.config as a non-terminating error naming file and line, and still runs every check' {
        $result = Test-EmergencyMitigation @Healthy -Build 15.2.1748.43 -MitigationsApplied M2 -IisConfigPath (Join-Path $Iis 'malformed-xml') -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -HaveCount 1
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'IisConfigurationInvalid*'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $problems[0].TargetObject | Should -BeLike '*malformed-xml*inetpub*wwwroot*web.config'
        $problems[0].ToString() | Should -Match 'malformed-xml[/\\]inetpub[/\\]wwwroot[/\\]web\.config:11:\d+: The file is not well-formed XML'
        $result | Should -HaveCount 1
        $result.Checks | Should -HaveCount 10
        (Get-Check $result UrlRewrite).Outcome | Should -Be 'Pass' -Because 'applicationHost.config is fine'
        (Get-Check $result AppliedMitigations).Outcome | Should -Be 'Pass' -Because 'the OWA web.config with M2 is fine'
        (Get-Check $result AppliedMitigations).Detail | Should -Match 'M2: .*rule present'
        (Get-Check $result MissingMitigations).Outcome | Should -Be 'Pass'
    }

    It 'stops on the broken file with -ErrorAction Stop' {
        { Test-EmergencyMitigation @Healthy -IisConfigPath (Join-Path $Iis 'malformed-xml') -ErrorAction Stop } | Should -Throw -ErrorId 'IisConfigurationInvalid,*'
    }

    It 'reports a garbled event export and keeps the readable events' {
        $result = Test-EmergencyMitigation @Healthy -Name EXCH01 -EventLogPath (Join-Path $EventExports 'garbled-ps51.json') -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems | Should -Not -BeNullOrEmpty
        $problems.FullyQualifiedErrorId | Sort-Object -Unique | Should -BeLike 'EventExportInvalid,*'
        $problems[0].ToString() | Should -Match 'garbled-ps51\.json:\d+: '
        (Get-Check $result Activity).Outcome | Should -Be 'Warn'
    }

    It 'reports evidence paths that do not exist' {
        $result = Test-EmergencyMitigation @Healthy -IisConfigPath '/no/such/iis' -EventLogPath '/no/such/events.json' -MitigationLogPath '/no/such/logs' -ErrorVariable problems -ErrorAction SilentlyContinue
        $ids = @($problems | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] })
        $ids | Should -Contain 'IisConfigurationNotFound'
        $ids | Should -Contain 'EvidencePathNotFound'
        @($ids | Where-Object { $_ -eq 'EvidencePathNotFound' }) | Should -HaveCount 2
        $result.Checks | Should -HaveCount 10
    }

    It 'writes ExchangeServerMissing when no server is named' {
        $output = Test-EmergencyMitigation -SkipConnectivityTest -ErrorVariable problems -ErrorAction SilentlyContinue
        $output | Should -BeNullOrEmpty
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ExchangeServerMissing,*'
    }

    It 'writes ExchangeBuildUnknown for a build no Exchange version has and goes on with the next server' {
        $servers = [pscustomobject]@{ Name = 'OLD'; Build = '14.3.123.4' }, [pscustomobject]@{ Name = 'EX05'; Build = '15.2.2562.46' }
        $results = $servers | Test-EmergencyMitigation -SkipConnectivityTest -ErrorVariable problems -ErrorAction SilentlyContinue
        $results.Server | Should -Be 'EX05'
        $problems[0].FullyQualifiedErrorId | Should -BeLike 'ExchangeBuildUnknown,*'
        $problems[0].ToString() | Should -Match "Build 14\.3\.123\.4 of 'OLD'"
    }
}

Describe '-Local: the server the command runs on, replayed from a host recording' {
    BeforeAll {
        $recording = Join-Path $Em 'LocalHost-EM.xml'
    }

    AfterEach {
        Remove-Item Env:\EXCHANGEHARDENING_HOST_RECORDING -ErrorAction SilentlyContinue
    }

    It 'evaluates the recorded server with its ExSetup build, Exchange objects, IIS copy, events and logs' {
        $env:EXCHANGEHARDENING_HOST_RECORDING = $recording
        $result = Test-EmergencyMitigation -Local -SkipConnectivityTest
        $result | Should -HaveCount 1
        $result.Server | Should -Be 'EX05'
        $result.Build | Should -Be '15.2.2562.43'
        $result.Supported | Should -BeTrue
        $result.Enabled | Should -BeTrue -Because 'both switches come from the recording'
        $result.UrlRewriteInstalled | Should -BeTrue
        $result.MitigationsApplied | Should -Be @('PING1', 'M2')
        $result.MissingMitigations | Should -HaveCount 0
        $result.StaleMitigations | Should -HaveCount 0
        (Get-Check $result Switches).Outcome | Should -Be 'Pass'
        (Get-Check $result UrlRewrite).Outcome | Should -Be 'Pass'
        (Get-Check $result AppliedMitigations).Outcome | Should -Be 'Pass'
        (Get-Check $result AppliedMitigations).Detail | Should -Match "M2: .*rule present \(implemented by 'EEMS M2\.1 OWA CSP - outbound' \(.*LocalTree[/\\]Program Files[/\\].*[/\\]owa[/\\]web\.config:31:10\)\)"
        (Get-Check $result StaleMitigations).Outcome | Should -Be 'Pass'
        (Get-Check $result BlockedMitigations).Outcome | Should -Be 'Pass'
        (Get-Check $result MissingMitigations).Outcome | Should -Be 'Pass'
        (Get-Check $result Activity).Outcome | Should -Be 'Pass'
        (Get-Check $result Endpoint).Outcome | Should -Be 'NotApplicable'
    }

    It 'reads the recorded MSExchangeMitigation service' {
        $env:EXCHANGEHARDENING_HOST_RECORDING = $recording
        $result = Test-EmergencyMitigation -Local -SkipConnectivityTest
        $result.ServiceState | Should -Not -Be 'Unknown'
        $result.ServiceState | Should -Be 'Running/Automatic'
        (Get-Check $result Service).Outcome | Should -Be 'Pass'
        $result.Passed | Should -BeTrue
        Test-EmergencyMitigation -Local -SkipConnectivityTest -Quiet | Should -BeTrue
    }

    It 'lets -OrganizationConfig and -Service override what the recording holds' {
        $env:EXCHANGEHARDENING_HOST_RECORDING = $recording
        $result = Test-EmergencyMitigation -Local -SkipConnectivityTest -OrganizationConfig (Import-Clixml (Join-Path $Em 'OrganizationConfig-MitigationsDisabled.xml')) -Service @()
        (Get-Check $result Switches).Outcome | Should -Be 'Fail'
        $result.ServiceState | Should -Be 'Missing'
    }

    It 'uses this computer''s IIS configuration and logs for this computer only' {
        $env:EXCHANGEHARDENING_HOST_RECORDING = $recording
        $ex01 = Import-Clixml (Join-Path $Exchange 'ExchangeServers.xml') | Where-Object Name -eq 'EX01'
        $result = $ex01 | Test-EmergencyMitigation -Local -SkipConnectivityTest
        $result.Server | Should -Be 'EX01'
        $result.ServiceState | Should -Be 'Unknown' -Because 'the recorded service is EX05''s'
        (Get-Check $result Activity).Outcome | Should -Be 'NotApplicable' -Because 'the recorded events are EX05''s'
        $applied = Get-Check $result AppliedMitigations
        $applied.Detail | Should -Match 'its IIS rule was not checked'
    }

    It 'stops with LocalServerUnavailable on a system that is not Windows and has no recording' -Skip:$IsWindows {
        Remove-Item Env:\EXCHANGEHARDENING_HOST_RECORDING -ErrorAction SilentlyContinue
        $failure = { Test-EmergencyMitigation -Local -SkipConnectivityTest } | Should -Throw -ErrorId 'LocalServerUnavailable,ExchangeHardening.Commands.TestEmergencyMitigationCommand' -PassThru
        $failure.Exception.Message | Should -Match '-Local reads the Exchange server this command runs on and works only on Windows'
        $failure.CategoryInfo.Category | Should -Be 'NotImplemented'
    }
}

Describe 'Output: type, serialization, views' {
    BeforeAll {
        $result = Test-EmergencyMitigation @Healthy -Name EX06 -Build 15.1.2375.37 -MitigationsEnabled $false -MitigationsApplied PING1, M1 -MitigationsBlocked M2 -IisConfigPath (Join-Path $Iis 'em-m1')
    }

    It 'returns an ExchangeHardening.EmergencyMitigationResult with the documented properties' {
        $result -is [ExchangeHardening.EmergencyMitigationResult] | Should -BeTrue
        $result.PSObject.Properties.Name | Should -Be @('Server', 'Build', 'Supported', 'Enabled', 'ServiceState', 'EndpointReachable', 'UrlRewriteInstalled',
            'MitigationsApplied', 'MitigationsBlocked', 'StaleMitigations', 'MissingMitigations', 'Checks', 'Passed')
        $result.Checks | ForEach-Object { $_ -is [ExchangeHardening.CheckResult] | Should -BeTrue }
        $result.Checks.Name | Should -Be @('Applicability', 'Switches', 'Service', 'Endpoint', 'UrlRewrite', 'AppliedMitigations', 'StaleMitigations', 'BlockedMitigations', 'MissingMitigations', 'Activity')
        $result.Checks[0].PSObject.Properties.Name | Should -Be @('Name', 'Outcome', 'Detail', 'Recommendation')
    }

    It 'shows the verdict and the failing checks in the table view' {
        $text = $result | Format-Table | Out-String -Width 250
        $text | Should -Match 'Server\s+Passed\s+Build\s+Enabled\s+Service\s+Applied\s+Stale\s+Missing\s+Failing'
        $text | Should -Match 'EX06\s+False\s+15\.1\.2375\.37\s+False\s+Unknown\s+PING1,M1\s+M1\s+Switches, Endpoint, BlockedMitigations'
    }

    It 'shows the checks as a table of outcome, name and detail' {
        $text = $result.Checks | Format-Table | Out-String -Width 250
        $text | Should -Match 'Outcome\s+Name\s+Detail'
        $text | Should -Match 'Fail\s+Switches\s+Disabled on server level'
        $text | Should -Match 'Warn\s+StaleMitigations\s+Still in place'
    }

    It 'survives remoting serialization with its type names, values and views' {
        $copy = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($result, 3))
        $copy.PSObject.TypeNames[0] | Should -Be 'Deserialized.ExchangeHardening.EmergencyMitigationResult'
        $copy.Checks[0].PSObject.TypeNames[0] | Should -Be 'Deserialized.ExchangeHardening.CheckResult'
        $copy.Server | Should -Be 'EX06'
        $copy.Passed | Should -BeFalse
        @($copy.MitigationsApplied) | Should -Be @('PING1', 'M1')
        @($copy.StaleMitigations) | Should -Be @('M1')
        @($copy.Checks) | Should -HaveCount 10
        @($copy.Checks | ForEach-Object { $_.Outcome.ToString() }) | Should -Be @($result.Checks | ForEach-Object { $_.Outcome.ToString() })
        ($copy.Checks | Format-Table | Out-String -Width 250) | Should -Match 'Fail\s+Switches\s+Disabled on server level'
        $text = $copy | Format-Table | Out-String -Width 250
        $text | Should -Match 'Server\s+Passed\s+Build\s+Enabled\s+Service\s+Applied\s+Stale\s+Missing\s+Failing'
        $text | Should -Match 'EX06\s+False\s+15\.1\.2375\.37\s+False\s+Unknown\s+PING1,M1\s+M1'
        $text | Should -Match 'EX06\s+False\s+15\.1\.2375\.37\s+False\s+Unknown\s+PING1,M1\s+M1\s+Switches, Endpoint, BlockedMitigations'
    }

    It 'converts to JSON for reports' {
        $json = $result | ConvertTo-Json -Depth 4 | ConvertFrom-Json
        $json.Server | Should -Be 'EX06'
        $json.Passed | Should -BeFalse
        $json.Checks | Should -HaveCount 10
        $json.Checks[1].Name | Should -Be 'Switches'
        $json.Checks[1].Recommendation | Should -Be 'Set-ExchangeServer -Identity EX06 -MitigationsEnabled $true'
    }

    It 'guards the tests against the internet: the default endpoint here is a closed loopback port' {
        $probe = Test-EmergencyMitigation -Name EX05 -Build 15.2.2562.46 -MitigationsEnabled $true -TimeoutSeconds 5
        (Get-Check $probe Endpoint).Detail | Should -Match '^http://127\.0\.0\.1:1/GetExchangeMitigations is not reachable'
    }
}

Describe 'Read-only: the evidence files are never changed' {
    It 'leaves the IIS copies, event exports, logs and recordings byte for byte as they were' {
        $roots = $Em, (Join-Path $Iis 'em-m1'), (Join-Path $Iis 'malformed-xml'), (Join-Path $Iis 'm2-owa-outbound'), $EventExports, (Split-Path $EngineLog)
        $snapshot = {
            Get-ChildItem -LiteralPath $roots -Recurse -File | Sort-Object FullName | ForEach-Object {
                '{0}|{1}|{2}|{3}' -f $_.FullName, (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash, $_.Length, $_.LastWriteTimeUtc.Ticks
            }
        }
        $before = & $snapshot
        $before.Count | Should -BeGreaterThan 20

        try {
            $env:EXCHANGEHARDENING_HOST_RECORDING = Join-Path $Em 'LocalHost-EM.xml'
            $null = Test-EmergencyMitigation -Local -SkipConnectivityTest
        }
        finally {
            Remove-Item Env:\EXCHANGEHARDENING_HOST_RECORDING -ErrorAction SilentlyContinue
        }
        $null = Test-EmergencyMitigation @Healthy -MitigationsApplied M1 -IisConfigPath (Join-Path $Iis 'em-m1'), (Join-Path $Iis 'm2-owa-outbound') `
            -EventLogPath $EventExports, (Join-Path $Em 'MitigationEvents-EX05.json') -MitigationLogPath (Split-Path $EngineLog), $LocalLogFolder -ErrorAction SilentlyContinue
        $null = Test-EmergencyMitigation @Healthy -IisConfigPath (Join-Path $Iis 'malformed-xml') -ErrorAction SilentlyContinue
        $null = @([pscustomobject]@{ Name = 'EX05'; Build = '15.2.2562.46' }) + (Import-Clixml (Join-Path $Em 'MitigationEvents-EX05.xml')) |
            Test-EmergencyMitigation -SkipConnectivityTest

        $after = & $snapshot
        $after | Should -Be $before
    }
}
