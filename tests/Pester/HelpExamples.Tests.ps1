# The help examples marked runnable run on the module's bundled samples and raise no error.
#
# The marker: a line '<!-- runnable -->' directly above the first code fence of an example in docs/en-US/<Cmdlet>.md:
#
#     ### Example 1: Find the advisory for a CVE
#     <!-- runnable -->
#     ```powershell
#     Get-ExchangeAdvisory -Cve CVE-2021-26855
#     ```
#
# Not an attribute on the fence line ('```powershell {runnable}'): PlatyPS 0.14 matches a fence as ```(\w*) and makes
# the rest of that line the first line of the example's code. A comment above the fence stays out of the code in our
# help compiler (which drops it), in PlatyPS 0.14 (its example introduction) and in PlatyPS 1.0 (raw markdown kept as
# written), and markdown viewers hide it. The compiler rejects a misspelt or misplaced marker; this file checks the same
# independently of it.
#
# Mark an example when it can run on any computer against Samples/ of the built module; leave it unmarked when it needs
# Windows, PowerShell remoting (Invoke-Command -ComputerName), -Local, a live Exchange server or service, the internet
# (the Emergency Mitigation endpoint) or paths that exist only on a server or share (D:\, \\server\share).
#
# Each marked example runs in a fresh runspace: the built module and Pester imported (Invoke-ExchangeHardeningCompliance
# runs the compliance suite with it, as on an admin's computer), stand-ins for the Exchange cmdlets Get-ExchangeServer,
# Get-SettingOverride and Get-OrganizationConfig that return the sample organisation (Samples/Organization), an empty
# temporary working directory, $ErrorActionPreference = 'Stop' and $ProgressPreference = 'SilentlyContinue'. The code
# run is the code Get-Help shows, so what a reader copies is what was tested.
BeforeDiscovery {
    $Docs = Join-Path $PSScriptRoot '../../docs/en-US'
    $Marker = '<!-- runnable -->'
    # Cmdlets none of whose examples can run here, with the reason (cmdlet name = reason). Empty: every cmdlet has one.
    $NotRunnable = @{}

    # Reads the examples of one markdown page and everything that is wrong with its markers. A small line reader for the
    # subset PlatyPS writes (ATX headings, fenced code, HTML comments), kept apart from the compiler on purpose.
    function Read-HelpExample([string] $Path) {
        $file = Split-Path $Path -Leaf
        $lines = [System.IO.File]::ReadAllLines($Path)
        $examples = [System.Collections.Generic.List[object]]::new()
        $problems = [System.Collections.Generic.List[string]]::new()
        $fence = $null; $section = ''; $example = $null; $start = 0
        $fencePattern = '^ {0,3}(`{3,}|~{3,})\s*(.*?)\s*$'
        # Front matter: from a first line '---' to the next '---'.
        if ($lines.Length -and $lines[0] -eq '---') {
            $start = 1
            while ($start -lt $lines.Length -and $lines[$start] -ne '---') { $start++ }
            $start++
        }
        for ($i = $start; $i -lt $lines.Length; $i++) {
            $line = $lines[$i]
            $where = "$file($($i + 1))"
            if ($fence) {
                $trimmed = $line.Trim()
                if ($trimmed.Length -ge $fence.Length -and $trimmed.Trim($fence[0]).Length -eq 0) { $fence = $null }
                continue
            }
            if ($line -match $fencePattern) {
                $fence = $Matches[1]
                if ($Matches[2] -notmatch '^\w*$') {
                    $problems.Add("${where}: '$($line.Trim())': only a language name may follow the fence (PlatyPS 0.14 reads the rest as code); mark a runnable example with '$Marker' on the line above the fence")
                }
                if ($example) { $example.CodeSeen = $true }
                continue
            }
            if ($line -match '^ {0,3}(#{1,6})\s+(.*?)\s*$') {
                $level = $Matches[1].Length; $title = $Matches[2]
                if ($level -le 2) { $section = if ($level -eq 2) { $title } else { '' }; $example = $null }
                elseif ($level -eq 3 -and $section -eq 'EXAMPLES') {
                    $number = if ($title -match '^Example\s+(\d+)\s*:?\s*(.*)$') { [int] $Matches[1] } else { $examples.Count + 1 }
                    $example = [pscustomobject]@{
                        File = $file; Cmdlet = [System.IO.Path]::GetFileNameWithoutExtension($file); Index = $examples.Count + 1
                        Number = $number; Heading = $title; Title = ($title -replace '^Example\s+\d+\s*:?\s*', ''); Line = $i + 1
                        Runnable = $false; CodeSeen = $false
                    }
                    $examples.Add($example)
                }
                continue
            }
            if ($line -match '^ {0,3}<!--') {
                # The whole comment, also when it spans lines.
                $text = $line; $first = $i
                while ($text -notmatch '-->' -and $i + 1 -lt $lines.Length) { $i++; $text += "`n" + $lines[$i] }
                $content = ($text -replace '^\s*<!--', '' -replace '-->.*$', '').Trim()
                $inExample = $section -eq 'EXAMPLES' -and $example
                if ($text.TrimEnd() -ceq $Marker) {
                    $next = if ($i + 1 -lt $lines.Length) { $lines[$i + 1] } else { '' }
                    if (-not $inExample) { $problems.Add("${where}: '$Marker' outside an example; it belongs directly above an example's first code fence") }
                    elseif ($example.Runnable) { $problems.Add("${where}: a second '$Marker' in '$($example.Heading)'") }
                    elseif ($example.CodeSeen) { $problems.Add("${where}: '$Marker' after the code of '$($example.Heading)'; it belongs above the first code fence") }
                    elseif ($next -notmatch $fencePattern) { $problems.Add("${where}: '$Marker' is not directly above a code fence (the next line is '$next')") }
                    else { $example.Runnable = $true }
                }
                elseif ($inExample) {
                    $problems.Add("${where}: comment '<!-- $content -->' in '$($example.Heading)'; the only comment an example takes is '$Marker' (the compiler rejects others)")
                }
                elseif ($content -match '(?i)run\W*n?\W*a?\W*b+\W*l|runnable') {
                    $problems.Add("${where}: '$($text.Trim())' looks like a misspelt or misplaced '$Marker'")
                }
                if ($i -gt $first -and $text -notmatch '-->') { $problems.Add("${where}: the comment is not closed by '-->'") }
            }
        }
        [pscustomobject]@{ File = $file; Examples = $examples; Problems = $problems }
    }

    Import-Module $env:EXCHANGEHARDENING_MODULE -Force
    $pages = @(Get-ChildItem $Docs -Filter '*.md' | Sort-Object Name | ForEach-Object { Read-HelpExample $_.FullName })
    $CommandPages = @($pages | Where-Object { $_.File -notlike 'about_*' })

    $Markers = @($pages | ForEach-Object { @{ File = $_.File; Problems = @($_.Problems) } })
    $Runnable = @($CommandPages | ForEach-Object { $_.Examples } | Where-Object Runnable | ForEach-Object {
            @{ Cmdlet = $_.Cmdlet; Number = $_.Number; Title = $_.Title; Heading = $_.Heading; Index = $_.Index; Source = "$($_.File)($($_.Line))" }
        })
    $Coverage = @(Get-Command -Module ExchangeHardening -CommandType Cmdlet | Sort-Object Name | ForEach-Object {
            $name = $_.Name
            $page = $CommandPages | Where-Object File -eq "$name.md"
            @{
                Name = $name; Documented = [bool] $page; Reason = $NotRunnable[$name]
                Marked = @($page | ForEach-Object { $_.Examples } | Where-Object Runnable | ForEach-Object Heading)
            }
        })
    $Exceptions = @($NotRunnable.GetEnumerator() | ForEach-Object { @{ Name = $_.Key; Reason = $_.Value } })
}

BeforeAll {
    Import-Module $env:EXCHANGEHARDENING_MODULE -Force
    $Samples = Join-Path (Split-Path $env:EXCHANGEHARDENING_MODULE) 'Samples'
    $Exported = @(Get-Command -Module ExchangeHardening -CommandType Cmdlet | ForEach-Object Name)

    # What the Exchange Management Shell and an admin's computer provide; the example itself runs after this.
    $Setup = {
        param([string] $ModulePath, [string] $PesterPath, [string] $Samples, [string] $Location)
        Import-Module $PesterPath
        Import-Module $ModulePath
        $organization = Join-Path $Samples 'Organization'
        Set-Item -Path function:global:Get-ExchangeServer -Value ({
                [CmdletBinding()] param([Parameter(Position = 0)] [string] $Identity)
                $servers = Import-Clixml (Join-Path $organization 'ExchangeServers.xml')
                if ($Identity) { $servers | Where-Object { $_.Name -eq $Identity -or $_.Fqdn -eq $Identity } } else { $servers }
            }.GetNewClosure())
        Set-Item -Path function:global:Get-SettingOverride -Value ({
                [CmdletBinding()] param([Parameter(Position = 0)] [string] $Identity)
                $overrides = Import-Clixml (Join-Path $organization 'SettingOverrides.xml')
                if ($Identity) { $overrides | Where-Object Name -eq $Identity } else { $overrides }
            }.GetNewClosure())
        Set-Item -Path function:global:Get-OrganizationConfig -Value ({
                [CmdletBinding()] param()
                Import-Clixml (Join-Path $organization 'OrganizationConfig.xml')
            }.GetNewClosure())
        Set-Location -LiteralPath $Location
        $global:ErrorActionPreference = 'Stop'
        $global:ProgressPreference = 'SilentlyContinue'
    }

    # Runs example code in a new runspace with $Setup applied; returns its output and every error it raised.
    function Invoke-HelpExample([string] $Code, [string] $Location) {
        $runspace = [runspacefactory]::CreateRunspace([initialsessionstate]::CreateDefault2())
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
        $output = @(); $errors = [System.Collections.Generic.List[string]]::new()
        try {
            $runspace.Open()
            $null = $shell.AddScript($Setup.ToString()).AddParameters(@{
                    ModulePath = $env:EXCHANGEHARDENING_MODULE; PesterPath = $env:EXCHANGEHARDENING_PESTER; Samples = $Samples; Location = $Location
                }).Invoke()
            if ($shell.HadErrors) { throw "The example's setup failed: $($shell.Streams.Error -join '; ')" }
            $shell.Commands.Clear()
            $null = $shell.AddScript($Code)
            $pending = $shell.BeginInvoke()
            if (-not $pending.AsyncWaitHandle.WaitOne([timespan]::FromMinutes(5))) {
                $shell.Stop()
                $errors.Add('did not finish within 5 minutes')
            }
            else {
                try { $output = @($shell.EndInvoke($pending)) }
                catch {
                    # EndInvoke wraps the example's terminating error; its record says where in the example it stopped.
                    $exception = $_.Exception
                    if ($exception -is [System.Management.Automation.MethodInvocationException] -and $exception.InnerException) { $exception = $exception.InnerException }
                    $record = if ($exception -is [System.Management.Automation.IContainsErrorRecord]) { $exception.ErrorRecord }
                    $errors.Add(("{0} {1}" -f $exception.Message, $(if ($record) { $record.InvocationInfo.PositionMessage })).Trim())
                }
            }
            foreach ($record in $shell.Streams.Error) { $errors.Add("$record $($record.InvocationInfo.PositionMessage)") }
        }
        finally {
            $shell.Dispose()
            $runspace.Dispose()
        }
        [pscustomobject]@{ Output = $output; Errors = @($errors) }
    }

    # An example is expected to write output unless each of its top-level statements is an assignment, a loop or
    # branch, or a pipeline that ends in a command that writes elsewhere (a file, the host, nothing).
    function Test-WritesOutput([string] $Code) {
        $sinks = 'Out-Null', 'Out-File', 'Set-Content', 'Add-Content', 'Export-Csv', 'Export-Clixml', 'Write-Host', 'Write-Warning',
        'Write-Verbose', 'Write-Information', 'Set-Location', 'Import-Module', 'Remove-Item'
        $ast = [System.Management.Automation.Language.Parser]::ParseInput($Code, [ref] $null, [ref] $null)
        foreach ($statement in $ast.EndBlock.Statements) {
            if ($statement -isnot [System.Management.Automation.Language.PipelineAst]) { continue }
            $last = $statement.PipelineElements[-1]
            if ($last -is [System.Management.Automation.Language.CommandAst] -and $last.GetCommandName() -in $sinks) { continue }
            if ($last -is [System.Management.Automation.Language.CommandExpressionAst] -and $last.Expression -is [System.Management.Automation.Language.ConvertExpressionAst] -and $last.Expression.Type.TypeName.Name -eq 'void') { continue }
            return $true
        }
        return $false
    }
}

Describe 'The runnable marker in docs/en-US/<File>' -ForEach $Markers {
    # No angle brackets in the test name: Pester would read them as a template.
    It 'has the runnable marker only as documented: spelt exactly, directly above an example''s first code fence' {
        $Problems | Should -BeNullOrEmpty
    }
}

Describe 'Runnable examples of <Name>' -ForEach $Coverage {
    It 'has its help page and at least one example marked runnable, or a listed reason why none can run here' {
        $Documented | Should -BeTrue -Because "docs/en-US/$Name.md documents the cmdlet"
        if ($Reason) { $Marked | Should -BeNullOrEmpty -Because "$Name is listed as having no runnable example ($Reason); remove it from the list" }
        else { $Marked | Should -Not -BeNullOrEmpty -Because "an example that runs on the samples shows that the help is right; mark one with '<!-- runnable -->'" }
    }
}

Describe 'Cmdlets listed without runnable examples' -ForEach $Exceptions {
    It '<Name> is exported' {
        $Exported | Should -Contain $Name
    }
}

Describe 'Help examples on the samples' {
    It 'finds marked examples' -ForEach @(@{ Count = $Runnable.Count }) {
        $Count | Should -BeGreaterThan 0 -Because 'a reader that finds no marker would leave every example untested'
    }

    It '<Cmdlet> example <Number>: <Title>' -ForEach $Runnable {
        $Exported | Should -Contain $Cmdlet -Because "$Source marks an example of $Cmdlet runnable"
        $compiled = @((Get-Help $Cmdlet -Full).Examples.Example)[$Index - 1]
        ($compiled.Title -replace '^[-\s]+|[-\s]+$', '') | Should -Be $Heading -Because 'Get-Help shows the examples in the order of the page'
        $code = $compiled.Code -replace '^PS C:\\>\s*', ''
        $code | Should -Not -Match '<!--' -Because 'the marker must not reach the code Get-Help shows'

        $location = New-Item -ItemType Directory -Path (Join-Path $TestDrive "$Cmdlet-$Index") -Force
        $result = Invoke-HelpExample -Code $code -Location $location.FullName

        $result.Errors | Should -BeNullOrEmpty -Because "the example at $Source must run on the samples"
        if (Test-WritesOutput $code) { $result.Output | Should -Not -BeNullOrEmpty -Because "the example at $Source writes its result to the output" }
    }
}
