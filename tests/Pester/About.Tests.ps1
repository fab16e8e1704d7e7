# about_ExchangeHardening (docs/en-US/about_ExchangeHardening.md, compiled by the build into
# en-US/about_ExchangeHardening.help.txt): Get-Help finds it, it names every cmdlet, its code parses, and its JSON
# snippets write enumeration names when run on the module's sample organisation.
BeforeAll {
    $ModulePath = $env:EXCHANGEHARDENING_MODULE
    Import-Module $ModulePath -Force
    $Samples = Join-Path (Split-Path $ModulePath) 'Samples'
    $Source = Join-Path $PSScriptRoot '../../docs/en-US/about_ExchangeHardening.md'
    $Markdown = Get-Content $Source -Raw
    # The fenced PowerShell blocks of the page.
    $CodeBlocks = @([regex]::Matches($Markdown, '(?ms)^```powershell\r?\n(.*?)^```') | ForEach-Object { $_.Groups[1].Value })
}

Describe 'about_ExchangeHardening' {
    It 'is found by Get-Help after importing the built module' {
        $help = @(Get-Help about_ExchangeHardening)
        $help | Should -HaveCount 1 -Because 'the exact topic, not every about_ExchangeHardening* topic'
        $text = $help[0] | Out-String
        $text | Should -Match 'TOPIC\s+about_ExchangeHardening\s'
        $text | Should -Match 'SHORT DESCRIPTION'
        Test-Path (Join-Path (Split-Path $ModulePath) 'en-US/about_ExchangeHardening.help.txt') | Should -BeTrue
    }

    It 'has a one-line synopsis that Get-Help lists' {
        $topic = Get-Help about_ExchangeHardening* | Where-Object Name -eq 'about_ExchangeHardening'
        $topic | Should -Not -BeNullOrEmpty
        $topic.Synopsis | Should -Match 'three questions'
    }

    It 'names the cmdlet that answers each question' {
        $text = Get-Help about_ExchangeHardening | Out-String
        foreach ($cmdlet in 'Get-ExchangeExposure', 'Test-EmergencyMitigation', 'Invoke-EomtReview', 'Get-ExchangeAdvisory') {
            $text | Should -Match ([regex]::Escape($cmdlet))
        }
        $text | Should -Match 'Which known vulnerabilities apply'
        $text | Should -Match 'Emergency Mitigation service working'
        $text | Should -Match 'Was I compromised'
    }

    It 'covers remoting, Azure Automation, Windows PowerShell 5.1 JSON and the read-only guarantee' {
        foreach ($heading in 'Remoting, background jobs and Import-Clixml', 'Azure Automation', 'JSON, and Windows PowerShell 5.1', 'Read-only') {
            $Markdown | Should -Match ('(?m)^### ' + [regex]::Escape($heading))
        }
        $Markdown | Should -Match 'Deserialized\.'
        $Markdown | Should -Match '-EnumsAsStrings'
        $Markdown | Should -Match '-ErrorAction Stop'
    }

    It 'has code that parses' {
        $CodeBlocks.Count | Should -BeGreaterThan 5
        foreach ($code in $CodeBlocks) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput($code, [ref] $null, [ref] $errors)
            $errors | Should -BeNullOrEmpty -Because $code
        }
    }

    It 'has JSON snippets that write enumerations as names (run on the sample organisation)' {
        # Get-ExchangeServer and Get-OrganizationConfig come from the samples; Set-Content keeps what it is given.
        function Get-ExchangeServer { Import-Clixml (Join-Path $Samples 'Organization/ExchangeServers.xml') }
        function Get-OrganizationConfig { Import-Clixml (Join-Path $PSScriptRoot 'Fixtures/EmergencyMitigation/OrganizationConfig.xml') }
        $written = New-Object System.Collections.Generic.List[string]
        function Set-Content { param([Parameter(ValueFromPipeline)] $Value, $Path, $Encoding) process { $written.Add([string] $Value) } }

        $snippets = @($CodeBlocks | Where-Object { $_ -match 'ConvertTo-Json' -and $_ -match 'Set-Content' })
        $snippets.Count | Should -Be 3 -Because 'PowerShell 7 with -EnumsAsStrings, and 5.1 for exposure and for EM'
        foreach ($snippet in $snippets) {
            $written.Clear()
            $null = & ([scriptblock]::Create($snippet))
            $json = $written -join "`n"
            $json | Should -Not -BeNullOrEmpty -Because $snippet
            $data = @($json | ConvertFrom-Json)
            $data.Count | Should -BeGreaterThan 0
            if ($snippet -match 'Test-EmergencyMitigation') {
                foreach ($check in $data.Checks) { $check.Outcome | Should -BeIn 'Pass', 'Warn', 'Fail', 'NotApplicable' }
            }
            else {
                foreach ($record in $data) {
                    $record.Status | Should -BeIn 'Vulnerable', 'Unknown', 'ConfigurationRequired', 'Mitigated', 'Unsupported', 'Patched'
                    $record.Severity | Should -BeIn 'Critical', 'High', 'Medium', 'Low'
                }
            }
        }
    }

    It 'shows, as it says, that Import-Clixml enumerations need a text comparison' {
        $record = Get-ExchangeExposure -Build 15.2.1748.43 | Where-Object Status -eq 'Vulnerable' | Select-Object -First 1
        $path = Join-Path $TestDrive 'exposure.xml'
        $record | Export-Clixml -Path $path
        @(Import-Clixml $path | Where-Object Status -eq 'Vulnerable') | Should -HaveCount 0 -Because 'the page says so; if PowerShell changes, change the page'
        @(Import-Clixml $path | Where-Object { $_.Status.ToString() -eq 'Vulnerable' }) | Should -HaveCount 1
    }
}
