# The scripts in docs/examples: they parse, never prompt, stay within what Windows PowerShell 5.1 reads (Hybrid
# Runbook Workers and Exchange servers run it), and the runbook produces its report from the module's sample data
# when the Exchange session commands are replaced by stand-ins (no Exchange server here).
BeforeDiscovery {
    $ExamplesFolder = Join-Path $PSScriptRoot '../../docs/examples'
    $Scripts = @(Get-ChildItem $ExamplesFolder -Filter '*.ps1' -Recurse | ForEach-Object { @{ Name = $_.Name; Path = $_.FullName } })
}

BeforeAll {
    $ExamplesFolder = Join-Path $PSScriptRoot '../../docs/examples'

    function Get-ScriptAst([string] $Path) {
        $tokens = $null; $errors = $null
        $ast = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $tokens, [ref] $errors)
        [pscustomobject]@{ Ast = $ast; Errors = @($errors) }
    }

    function Get-CommandCall([System.Management.Automation.Language.Ast] $Ast) {
        $Ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.CommandAst] }, $true)
    }

    function Get-NodeLocation([System.Management.Automation.Language.Ast] $Node) {
        "line $($Node.Extent.StartLineNumber): $($Node.Extent.Text.Split("`n")[0].Trim())"
    }
}

Describe 'docs/examples/<Name>' -ForEach $Scripts {
    BeforeAll {
        $parsed = Get-ScriptAst $Path
        $calls = @(Get-CommandCall $parsed.Ast)
    }

    It 'parses without errors' {
        $parsed.Errors | ForEach-Object { "$($_.Extent.StartLineNumber): $($_.Message)" } | Should -BeNullOrEmpty
    }

    It 'never waits for someone to type' {
        $problems = New-Object System.Collections.Generic.List[string]
        foreach ($call in $calls) {
            $name = $call.GetCommandName()
            if ($name -in 'Read-Host', 'Out-GridView', 'pause', 'Show-Command') { $problems.Add((Get-NodeLocation $call)) }
            # Get-Credential asks unless it is handed a credential object.
            if ($name -eq 'Get-Credential' -and -not ($call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] -and $_.ParameterName -eq 'Credential' })) {
                $problems.Add((Get-NodeLocation $call))
            }
        }
        # $Host.UI.ReadLine/Prompt*/ReadLineAsSecureString and [Console]::ReadLine/ReadKey.
        $members = $parsed.Ast.FindAll({ param($node) $node -is [System.Management.Automation.Language.InvokeMemberExpressionAst] }, $true)
        foreach ($member in $members) {
            if ($member.Member.Extent.Text -match '^(ReadLine|ReadKey|ReadLineAsSecureString|Prompt|PromptForChoice|PromptForCredential)$') { $problems.Add((Get-NodeLocation $member)) }
        }
        # A mandatory script parameter prompts when it is missing.
        if ($parsed.Ast.ParamBlock) {
            foreach ($parameter in $parsed.Ast.ParamBlock.Parameters) {
                foreach ($attribute in $parameter.Attributes | Where-Object { $_.TypeName.Name -eq 'Parameter' }) {
                    if ($attribute.NamedArguments | Where-Object { $_.ArgumentName -eq 'Mandatory' }) { $problems.Add((Get-NodeLocation $parameter)) }
                }
            }
        }
        $problems | Should -BeNullOrEmpty -Because 'a runbook or scheduled task has nobody to answer'
    }

    It 'sets $ErrorActionPreference = ''Stop'' at the top level' {
        $assignments = @($parsed.Ast.EndBlock.Statements | Where-Object {
                $_ -is [System.Management.Automation.Language.AssignmentStatementAst] -and $_.Left.Extent.Text -eq '$ErrorActionPreference' -and $_.Right.Extent.Text -eq "'Stop'"
            })
        $assignments | Should -HaveCount 1
    }

    It 'is ASCII, so that Windows PowerShell 5.1 reads it the same without a byte order mark' {
        $lines = [System.IO.File]::ReadAllLines($Path, [System.Text.Encoding]::UTF8)
        $offending = @(for ($i = 0; $i -lt $lines.Length; $i++) { if ($lines[$i] -match '[^\x00-\x7F]') { "line $($i + 1): $($lines[$i].Trim())" } })
        $offending | Should -BeNullOrEmpty -Because 'non-ASCII characters are read in the system code page by Windows PowerShell 5.1'
    }

    It 'uses no syntax or parameter that Windows PowerShell 5.1 lacks' {
        $problems = @($parsed.Ast.FindAll({
                    param($node)
                    $node.GetType().Name -in 'TernaryExpressionAst', 'PipelineChainAst' -or
                    ($node -is [System.Management.Automation.Language.BinaryExpressionAst] -and $node.Operator -eq 'QuestionQuestion') -or
                    ($node -is [System.Management.Automation.Language.AssignmentStatementAst] -and $node.Operator -eq 'QuestionQuestionEquals') -or
                    ($node -is [System.Management.Automation.Language.MemberExpressionAst] -and $node.NullConditional) -or
                    ($node -is [System.Management.Automation.Language.IndexExpressionAst] -and $node.NullConditional)
                }, $true) | ForEach-Object { Get-NodeLocation $_ })
        foreach ($call in $calls) {
            $parameters = @($call.CommandElements | Where-Object { $_ -is [System.Management.Automation.Language.CommandParameterAst] } | ForEach-Object ParameterName)
            $name = $call.GetCommandName()
            if (($name -eq 'ForEach-Object' -and $parameters -contains 'Parallel') -or $parameters -contains 'EnumsAsStrings' -or ($name -eq 'ConvertFrom-Json' -and $parameters -contains 'AsHashtable')) {
                $problems += Get-NodeLocation $call
            }
        }
        $problems | Should -BeNullOrEmpty
    }
}

Describe 'docs/examples/README.md' {
    It 'describes every example script' {
        $readme = Get-Content (Join-Path $ExamplesFolder 'README.md') -Raw
        foreach ($script in Get-ChildItem $ExamplesFolder -Filter '*.ps1') { $readme | Should -Match ([regex]::Escape($script.Name)) }
    }
}

Describe 'Runbook-ExchangeHardening.ps1 on the sample organisation' {
    BeforeAll {
        $ModulePath = $env:EXCHANGEHARDENING_MODULE
        Import-Module $ModulePath -Force
        $Samples = Join-Path (Split-Path $ModulePath) 'Samples'
        $Fixtures = Join-Path $PSScriptRoot 'Fixtures'
        $Runbook = Join-Path $ExamplesFolder 'Runbook-ExchangeHardening.ps1'
        # The runbook imports the module by name, as on a worker: the built module's parent folder goes on the path.
        $SavedModulePath = $env:PSModulePath
        $env:PSModulePath = (Split-Path (Split-Path $ModulePath)) + [System.IO.Path]::PathSeparator + $env:PSModulePath

        # Stand-ins for what the runbook gets from Exchange and the servers: the module's sample organisation, and the
        # Pester fixtures of a deserialized organization config, ExSetup.exe version (EX02) and EM service.
        function New-PSSession { [CmdletBinding()] param($ConfigurationName, $ConnectionUri, $Authentication, $Credential) [pscustomobject]@{ ComputerName = ([uri] $ConnectionUri).Host } }
        function Import-PSSession { [CmdletBinding()] param($Session, [string[]] $CommandName, [switch] $AllowClobber, [switch] $DisableNameChecking) }
        function Remove-PSSession { [CmdletBinding()] param($Session) }
        function Get-ExchangeServer { Import-Clixml (Join-Path $Samples 'Organization/ExchangeServers.xml') }
        function Get-OrganizationConfig { Import-Clixml (Join-Path $Fixtures 'EmergencyMitigation/OrganizationConfig.xml') }
        function Get-SettingOverride { Import-Clixml (Join-Path $Samples 'Organization/SettingOverrides.xml') }
        function Invoke-Command {
            [CmdletBinding()] param([string[]] $ComputerName, [int] $ThrottleLimit, [scriptblock] $ScriptBlock, $Credential)
            Import-Clixml (Join-Path $Fixtures 'Exchange/ExSetupFileVersionInfo.xml')
            Import-Clixml (Join-Path $Fixtures 'EmergencyMitigation/Service-Running.xml')
        }

        $OutputFolder = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'reports') -Force
        $Page = Join-Path $TestDrive 'report.html'
        $Output = New-Object System.Collections.Generic.List[object]
        $Failure = $null
        try {
            & $Runbook -ExchangeServer ex01.contoso.com -ReadFromServers -EvidencePath (Join-Path $Samples 'Evidence') -OutputPath $OutputFolder.FullName -HtmlReportPath $Page -ReportLanguage de -FailWhenExposed |
                ForEach-Object { $Output.Add($_) }
        }
        catch { $Failure = $_ }
        $Report = if ($Output.Count) { $Output[0] | ConvertFrom-Json } else { $null }
        $Servers = @(Get-ExchangeServer)
    }

    AfterAll {
        $env:PSModulePath = $SavedModulePath
    }

    It 'writes one JSON report to the output and the same to a dated file' {
        $Output | Should -HaveCount 1 -Because "the runbook writes only the report ($Failure)"
        $Report | Should -Not -BeNullOrEmpty
        $files = @(Get-ChildItem $OutputFolder -Filter 'ExchangeHardening-*.json')
        $files | Should -HaveCount 1
        (Get-Content $files[0].FullName -Raw).Trim() | Should -Be ([string] $Output[0]).Trim()
    }

    It 'writes the German HTML report with the traffic light of every server, as the JSON has it' {
        $html = Get-Content $Page -Raw -Encoding utf8
        $html | Should -Match '<html lang="de">'
        foreach ($summary in $Report.Exposure) {
            $html | Should -Match ('data-server="{0}" data-level="{1}"' -f $summary.Server, $summary.Level)
        }
        $html | Should -Match 'class="open"' -Because 'the records behind the summaries are listed'
        @($Report.Problems | Where-Object { $_ -like 'Export-ExchangeHardeningReport*' }) | Should -BeNullOrEmpty
    }

    It 'gives the same traffic lights when its JSON is turned into a report later' {
        $later = Join-Path $TestDrive 'later.html'
        @($Report.Exposure) + @($Report.EmergencyMitigation) + @($Report.Findings) | Export-ExchangeHardeningReport -Path $later -Language en
        $html = Get-Content $later -Raw
        foreach ($summary in $Report.Exposure) {
            $html | Should -Match ('data-server="{0}" data-level="{1}"' -f $summary.Server, $summary.Level)
        }
        foreach ($result in $Report.EmergencyMitigation) {
            $html | Should -Match ('data-server="{0}" data-level="[A-Za-z]+" data-review="[A-Za-z]+" data-emergency-mitigation="{1}"' -f $result.Server, $(if ($result.Passed) { 'Pass' } else { 'Fail' }))
        }
    }

    It 'ends as Failed with -FailWhenExposed, after the report, because the samples have Red servers' {
        $Failure | Should -Not -BeNullOrEmpty
        $Failure.Exception.Message | Should -BeLike 'Action needed:*'
    }

    It 'has one exposure summary per server, with the Level as a name and the exact update where the build was read' {
        @($Report.Exposure) | Should -HaveCount $Servers.Count
        foreach ($summary in $Report.Exposure) { $summary.Level | Should -BeIn 'Red', 'Orange', 'Yellow', 'Green' }
        ($Report.Exposure | Where-Object Server -eq 'EX02').SecurityUpdate | Should -Be 'Feb26SU' -Because 'the ExSetup.exe version read from EX02 names the update'
        ($Report.Exposure | Where-Object Server -eq 'EX01').SecurityUpdate | Should -Be 'Unknown'
    }

    It 'has the EM verdict (-Quiet) and the full result, checks with their outcome as a name, per server' {
        @($Report.EmergencyMitigationPassed) | Should -HaveCount $Servers.Count
        foreach ($verdict in $Report.EmergencyMitigationPassed) { $verdict.Passed | Should -BeOfType [bool] }
        @($Report.EmergencyMitigation) | Should -HaveCount $Servers.Count
        foreach ($result in $Report.EmergencyMitigation) {
            @($result.Checks).Count | Should -BeGreaterThan 0
            foreach ($check in $result.Checks) { $check.Outcome | Should -BeIn 'Pass', 'Warn', 'Fail', 'NotApplicable' }
        }
        $passed = @{}
        foreach ($verdict in $Report.EmergencyMitigationPassed) { $passed[$verdict.Server] = $verdict.Passed }
        foreach ($result in $Report.EmergencyMitigation) { $result.Passed | Should -Be $passed[$result.Server] }
    }

    It 'reviews each server folder of the share on its own, with severities as names and times as ISO 8601' {
        $servers = @($Report.Findings | ForEach-Object Server | Sort-Object -Unique)
        $servers | Should -Contain 'EX2016-Compromised'
        $servers | Should -Contain 'EX2019-Clean'
        foreach ($finding in $Report.Findings) {
            $finding.Severity | Should -BeIn 'Critical', 'High', 'Medium', 'Low'
            if ($finding.Timestamp) { [datetimeoffset]::Parse($finding.Timestamp, [cultureinfo]::InvariantCulture) | Should -BeOfType [datetimeoffset] }
        }
        @($Report.Findings | Where-Object { $_.Server -eq 'EX2016-Compromised' -and $_.Severity -in 'Critical', 'High' }) | Should -Not -BeNullOrEmpty
    }

    It 'lists problems instead of stopping' {
        $Report.PSObject.Properties.Name | Should -Contain 'Problems'
        @($Report.Problems) | Where-Object { $_ } | Should -BeNullOrEmpty -Because 'the sample data is valid'
    }
}
