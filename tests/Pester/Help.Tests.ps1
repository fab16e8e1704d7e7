# Every exported cmdlet has complete help compiled from docs/en-US (PlatyPS-format markdown -> MAML).
BeforeDiscovery {
    Import-Module $env:EXCHANGEHARDENING_MODULE -Force
    $Commands = @(Get-Command -Module ExchangeHardening -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    Import-Module $env:EXCHANGEHARDENING_MODULE -Force
    $Common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
}

Describe 'Help for <Name>' -ForEach $Commands {
    BeforeAll {
        $help = Get-Help $Name -Full
        $command = Get-Command $Name
    }

    It 'has a synopsis written by hand' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis.Trim() | Should -Not -BeLike "$Name *" -Because 'an auto-generated synopsis is only the syntax'
    }

    It 'has a description' {
        ($help.Description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'documents every parameter' {
        $documented = @($help.Parameters.Parameter | ForEach-Object Name)
        foreach ($parameter in $command.Parameters.Keys | Where-Object { $_ -notin $Common }) {
            $documented | Should -Contain $parameter
            $text = ($help.Parameters.Parameter | Where-Object Name -eq $parameter).Description | Out-String
            $text.Trim() | Should -Not -BeNullOrEmpty -Because "-$parameter needs a description"
        }
    }

    It 'has at least two examples with code' {
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
        foreach ($example in $help.Examples.Example) {
            $example.Code | Should -Not -BeNullOrEmpty
        }
    }

    It 'shows no markdown comment in its examples, such as the runnable marker of HelpExamples.Tests.ps1' {
        foreach ($example in $help.Examples.Example) {
            ($example | Out-String) | Should -Not -Match '<!--' -Because "$($example.Title.Trim(' -')) is shown as Get-Help prints it"
        }
    }

    It 'has examples that parse' {
        foreach ($example in $help.Examples.Example) {
            $errors = $null
            $null = [System.Management.Automation.Language.Parser]::ParseInput(($example.Code -replace '^PS C:\\>\s*', ''), [ref] $null, [ref] $errors)
            $errors | Should -BeNullOrEmpty -Because $example.Code
        }
    }
}
