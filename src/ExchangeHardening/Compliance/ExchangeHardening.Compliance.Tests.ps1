<#
.SYNOPSIS
    The ExchangeHardening compliance suite: one Pester test per check and server, from the output of
    Get-ExchangeExposure, Test-EmergencyMitigation and Invoke-EomtReview.
.DESCRIPTION
    Run it with Invoke-ExchangeHardeningCompliance, or directly with Pester 5:

        $data = @{ Servers = Get-ExchangeServer; OrganizationConfig = Get-OrganizationConfig }
        Invoke-Pester -Container (New-PesterContainer -Path <module folder>/Compliance -Data $data)

    The checks (ids, titles, areas, default severities and what each looks for in the cmdlets' output) are data, in
    ExchangeHardening.Compliance.Checks.psd1 next to this file. The cmdlets make every judgement; this file only runs
    them once per server and turns their verdicts into test results: a failing verdict fails the test with the
    cmdlet's own recommendation, a check that does not apply is skipped with the reason, a warning passes and writes
    its detail to the test's output. See Get-Help Invoke-ExchangeHardeningCompliance for the data keys and the YAML
    configuration file (skip checks with a reason, change severities).
#>
[CmdletBinding()]
param(
    # Server objects (Get-ExchangeServer, live or deserialized, or any object with a Name and a Build or
    # AdminDisplayVersion), build strings, or paths of CLIXML files to read with Import-Clixml.
    [object[]] $Servers,

    # Get-OrganizationConfig (or the path of its CLIXML export).
    [object] $OrganizationConfig,

    # Get-Service MSExchangeMitigation objects of the servers (or CLIXML paths); given but empty means the service
    # does not exist.
    [object[]] $Service,

    # Get-SettingOverride objects (or CLIXML paths).
    [object[]] $SettingOverride,

    # Evidence folders: a path or paths (one server, or folders named after the servers), or a hashtable from server
    # name to paths or to @{ Path = ...; IisConfigPath = ...; EventLogPath = ...; MitigationLogPath = ... }.
    [object] $EvidencePath,

    # A YAML file that skips checks (with a reason) and changes severities.
    [string] $ConfigPath,

    [switch] $SkipConnectivityTest,

    [uri] $EndpointUri,

    [string[]] $AdvisoryPath,

    [Nullable[datetime]] $AsOf
)

# Given but empty is not the same as not given (the service does not exist); only the script's own parameters tell.
$ServiceGiven = $PSBoundParameters.ContainsKey('Service')

BeforeDiscovery {
    $ModuleBase = Split-Path -Parent $PSScriptRoot
    if (-not (Get-Module -Name ExchangeHardening | Where-Object { $_.ModuleBase -eq $ModuleBase })) {
        Import-Module (Join-Path $ModuleBase 'ExchangeHardening.psd1') -ErrorAction Stop
    }

    function Resolve-CompliancePath([string] $Path) {
        $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    }

    function Get-ComplianceShortName([string] $Name) {
        if ([string]::IsNullOrEmpty($Name)) { return $Name }
        $Name.Split('.')[0]
    }

    # Objects as given; strings are paths of CLIXML files (or, where allowed, builds).
    function Import-ComplianceObject([object[]] $Items, [string] $Key, [switch] $AllowBuild) {
        foreach ($item in $Items) {
            if ($null -eq $item) { continue }
            if ($item -is [string] -or $item -is [System.IO.FileInfo]) {
                $text = [string] $(if ($item -is [System.IO.FileInfo]) { $item.FullName } else { $item })
                if ($AllowBuild -and $text -match '^\s*\d{1,2}\.\d{1,2}\.\d{1,5}\.\d{1,5}\s*$') {
                    $text.Trim()
                    continue
                }
                $path = Resolve-CompliancePath $text
                if (-not (Test-Path -LiteralPath $path -PathType Leaf)) {
                    throw "${Key}: '$text' is not a CLIXML file$(if ($AllowBuild) { ' or a build number' }) (no such file: $path)."
                }
                foreach ($imported in Import-Clixml -LiteralPath $path) { $imported }
                continue
            }
            $item
        }
    }

    # The name the cmdlets give a server: the properties they bind as the server name, in the same order.
    function Get-ComplianceServerName([object] $Server, [int] $Index) {
        if ($Server -is [string]) { return $Server }
        foreach ($property in 'Name', 'Identity', 'ComputerName', 'ServerName', 'Fqdn') {
            $value = $Server.PSObject.Properties[$property]
            if ($value -and -not [string]::IsNullOrWhiteSpace([string] $value.Value)) { return [string] $value.Value }
        }
        "Server $Index"
    }

    # The module's own YamlDotNet: loaded with the engine in its private context (PowerShell 7) or side by side
    # (Windows PowerShell 5.1), so the configuration is read as real YAML without another module.
    function Get-ComplianceYamlStreamType {
        if ($PSVersionTable.PSEdition -eq 'Core') {
            $context = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object { $_.Name -eq 'ExchangeHardening' } | Select-Object -First 1
            if (-not $context) { throw 'The ExchangeHardening module is not initialised: import it before reading a compliance configuration.' }
            $assembly = $context.LoadFromAssemblyName([System.Reflection.AssemblyName]::new('YamlDotNet'))
        }
        else {
            $assembly = [System.Reflection.Assembly]::LoadFrom((Join-Path $ModuleBase 'Dependencies/Desktop/YamlDotNet.dll'))
        }
        $assembly.GetType('YamlDotNet.RepresentationModel.YamlStream', $true)
    }

    # Reads the configuration file:
    #   skip:                       # checks not to run, each with the reason recorded in the result
    #     - id: EXH-EM-004          # a check id, or a pattern such as EXH-REV-*
    #       reason: why             # required
    #       servers: [EX01, EX02]   # optional: only these servers
    #   severity:                   # a new severity (Critical, High, Medium, Low) per check id or pattern
    #     EXH-EXP-004: Low
    function Read-ComplianceConfiguration([string] $Path, [string[]] $KnownIds) {
        $configuration = @{ Skip = @(); Severity = @(); File = $Path }
        if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { throw "ConfigPath: the file '$Path' does not exist." }
        $text = [System.IO.File]::ReadAllText($Path)
        $stream = (Get-ComplianceYamlStreamType)::new()
        try {
            $stream.Load([System.IO.StringReader]::new($text))
        }
        catch {
            $problem = $_.Exception
            while ($problem -is [System.Management.Automation.MethodInvocationException] -and $problem.InnerException) { $problem = $problem.InnerException }
            $where = if ($problem.PSObject.Properties['Start']) { "${Path}:$($problem.Start.Line):$($problem.Start.Column)" } else { $Path }
            throw "${where}: the compliance configuration is not valid YAML: $($problem.Message)"
        }
        if ($stream.Documents.Count -eq 0) { return $configuration }
        if ($stream.Documents.Count -gt 1) { throw "${Path}: the compliance configuration must be one YAML document, not $($stream.Documents.Count)." }

        $at = { param($node) "${Path}:$($node.Start.Line):$($node.Start.Column)" }
        $kind = { param($node) $node.GetType().Name -replace '^Yaml(\w+)Node$', '$1' }
        $scalar = {
            param($node, [string] $what)
            if ((& $kind $node) -ne 'Scalar') { throw "$(& $at $node): $what must be a single value." }
            [string] $node.Value
        }
        $ids = {
            param($node, [string] $what)
            $pattern = & $scalar $node $what
            $matched = @($KnownIds | Where-Object { $_ -like $pattern })
            if ($matched.Count -eq 0) { throw "$(& $at $node): '$pattern' is not a check id (known: $($KnownIds -join ', '))." }
            $matched
        }

        $root = $stream.Documents[0].RootNode
        if ((& $kind $root) -eq 'Scalar' -and [string]::IsNullOrEmpty($root.Value)) { return $configuration }
        if ((& $kind $root) -ne 'Mapping') { throw "$(& $at $root): the compliance configuration must be a mapping with the keys 'skip' and 'severity'." }
        foreach ($section in $root.Children) {
            $name = & $scalar $section.Key 'A key'
            switch ($name) {
                'skip' {
                    if ((& $kind $section.Value) -eq 'Scalar' -and [string]::IsNullOrEmpty($section.Value.Value)) { break }
                    if ((& $kind $section.Value) -ne 'Sequence') { throw "$(& $at $section.Value): 'skip' must be a list of entries with 'id' and 'reason'." }
                    foreach ($entry in $section.Value.Children) {
                        if ((& $kind $entry) -ne 'Mapping') { throw "$(& $at $entry): a 'skip' entry must be a mapping with 'id', 'reason' and optionally 'servers'." }
                        $skip = @{ Ids = $null; Reason = $null; Servers = @(); Location = & $at $entry }
                        foreach ($field in $entry.Children) {
                            switch (& $scalar $field.Key 'A key') {
                                'id' { $skip.Ids = & $ids $field.Value "'id'" }
                                'reason' { $skip.Reason = (& $scalar $field.Value "'reason'").Trim() }
                                'servers' {
                                    $skip.Servers = @(switch (& $kind $field.Value) {
                                            'Sequence' { foreach ($server in $field.Value.Children) { & $scalar $server 'A server name' } }
                                            default { & $scalar $field.Value "'servers'" }
                                        })
                                }
                                default { throw "$(& $at $field.Key): unknown key '$($field.Key.Value)' in a 'skip' entry; expected id, reason, servers." }
                            }
                        }
                        if (-not $skip.Ids) { throw "$($skip.Location): the 'skip' entry has no 'id'." }
                        if ([string]::IsNullOrWhiteSpace($skip.Reason)) { throw "$($skip.Location): the 'skip' entry for $($skip.Ids -join ', ') has no 'reason'; every skipped check needs one, because it is recorded in the result." }
                        $configuration.Skip += $skip
                    }
                }
                'severity' {
                    if ((& $kind $section.Value) -eq 'Scalar' -and [string]::IsNullOrEmpty($section.Value.Value)) { break }
                    if ((& $kind $section.Value) -ne 'Mapping') { throw "$(& $at $section.Value): 'severity' must map check ids to Critical, High, Medium or Low." }
                    foreach ($field in $section.Value.Children) {
                        $matched = & $ids $field.Key 'A check id'
                        $value = & $scalar $field.Value 'A severity'
                        $severity = @('Critical', 'High', 'Medium', 'Low') | Where-Object { $_ -eq $value.Trim() }
                        if (-not $severity) { throw "$(& $at $field.Value): '$value' is not a severity; expected Critical, High, Medium or Low." }
                        $configuration.Severity += @{ Ids = $matched; Severity = $severity }
                    }
                }
                default { throw "$(& $at $section.Key): unknown key '$name'; expected 'skip' or 'severity'." }
            }
        }
        $configuration
    }

    # Evidence per server name: @{ Path; IisConfigPath; EventLogPath; MitigationLogPath } (each a list of full paths).
    function Resolve-ComplianceEvidence([object] $Evidence, [string[]] $Names) {
        $byServer = @{}
        if ($null -eq $Evidence) { return $byServer }
        $keys = 'Path', 'IisConfigPath', 'EventLogPath', 'MitigationLogPath'
        $find = {
            param([string] $Name)
            $Names | Where-Object { $_ -eq $Name -or (Get-ComplianceShortName $_) -eq (Get-ComplianceShortName $Name) } | Select-Object -First 1
        }
        $add = {
            param([string] $Server, [string] $Key, [object[]] $Paths)
            if (-not $byServer.ContainsKey($Server)) { $byServer[$Server] = @{} }
            $byServer[$Server][$Key] = @($byServer[$Server][$Key]) + @($Paths | Where-Object { $_ } | ForEach-Object { Resolve-CompliancePath ([string] $_) }) | Where-Object { $_ }
        }
        if ($Evidence -is [System.Collections.IDictionary]) {
            foreach ($entry in $Evidence.GetEnumerator()) {
                $server = & $find ([string] $entry.Key)
                if (-not $server) { throw "EvidencePath names the server '$($entry.Key)', which is not among the servers ($($Names -join ', '))." }
                if ($entry.Value -is [System.Collections.IDictionary]) {
                    foreach ($kind in $entry.Value.GetEnumerator()) {
                        $key = $keys | Where-Object { $_ -eq $kind.Key }
                        if (-not $key) { throw "EvidencePath for '$($entry.Key)': unknown key '$($kind.Key)'; expected $($keys -join ', ')." }
                        & $add $server $key @($kind.Value)
                    }
                }
                else {
                    & $add $server 'Path' @($entry.Value)
                }
            }
            return $byServer
        }
        foreach ($path in @($Evidence)) {
            if ($null -eq $path) { continue }
            $text = [string] $(if ($path -is [System.IO.FileSystemInfo]) { $path.FullName } else { $path })
            $server = if ($Names.Count -eq 1) { $Names[0] } else { & $find (Split-Path -Leaf ($text.TrimEnd('/', '\'))) }
            if (-not $server) { throw "EvidencePath '$text' is not named after one of the servers ($($Names -join ', ')); pass a hashtable such as @{ EX01 = '$text' } to say which server it belongs to." }
            & $add $server 'Path' @($text)
        }
        $byServer
    }

    $Definitions = Import-PowerShellDataFile -LiteralPath (Join-Path $PSScriptRoot 'ExchangeHardening.Compliance.Checks.psd1')
    $ComplianceAreas = $Definitions.Areas
    $knownIds = @($Definitions.Checks | ForEach-Object { $_.Id })
    $configuration = if ($ConfigPath) { Read-ComplianceConfiguration -Path (Resolve-CompliancePath $ConfigPath) -KnownIds $knownIds } else { $null }

    $serverObjects = @(Import-ComplianceObject -Items $Servers -Key 'Servers' -AllowBuild)
    if ($serverObjects.Count -eq 0) {
        throw 'No servers to check: pass Servers (Get-ExchangeServer objects, objects with a Name and a Build, build numbers, or CLIXML files).'
    }
    $names = @(for ($i = 0; $i -lt $serverObjects.Count; $i++) { Get-ComplianceServerName $serverObjects[$i] ($i + 1) })
    $evidence = Resolve-ComplianceEvidence -Evidence $EvidencePath -Names $names

    $settings = @{
        OrganizationConfig   = @(Import-ComplianceObject -Items @($OrganizationConfig) -Key 'OrganizationConfig') | Select-Object -First 1
        ServiceGiven         = $ServiceGiven -or $null -ne $Service
        Service              = @(Import-ComplianceObject -Items $Service -Key 'Service')
        SettingOverride      = if ($null -ne $SettingOverride) { @(Import-ComplianceObject -Items $SettingOverride -Key 'SettingOverride') } else { $null }
        SkipConnectivityTest = [bool] $SkipConnectivityTest
        EndpointUri          = $EndpointUri
        AdvisoryPath         = if ($AdvisoryPath) { @($AdvisoryPath | ForEach-Object { Resolve-CompliancePath $_ }) } else { $null }
        AsOf                 = $AsOf
    }

    $ComplianceServers = for ($i = 0; $i -lt $serverObjects.Count; $i++) {
        $name = $names[$i]
        $checks = foreach ($definition in $Definitions.Checks) {
            $check = $definition.Clone()
            if ($configuration) {
                $override = $configuration.Severity | Where-Object { $_.Ids -contains $check.Id } | Select-Object -Last 1
                if ($override) { $check.Severity = $override.Severity }
                $skip = $configuration.Skip | Where-Object {
                    $_.Ids -contains $check.Id -and ($_.Servers.Count -eq 0 -or ($_.Servers | Where-Object { (Get-ComplianceShortName $_) -eq (Get-ComplianceShortName $name) }))
                } | Select-Object -First 1
                if ($skip) { $check.SkipReason = "$($skip.Reason) (skipped by the configuration $($skip.Location))" }
            }
            $check.Tags = @($check.Id, $check.Area, $check.Severity)
            $check
        }
        @{
            ServerName     = $name
            ServerObject   = $serverObjects[$i]
            ServerEvidence = $(if ($evidence.ContainsKey($name)) { $evidence[$name] } else { @{} })
            ServerSettings = $settings
            ServerChecks   = @($checks)
        }
    }
}

BeforeAll {
    $ModuleBase = Split-Path -Parent $PSScriptRoot
    if (-not (Get-Module -Name ExchangeHardening | Where-Object { $_.ModuleBase -eq $ModuleBase })) {
        Import-Module (Join-Path $ModuleBase 'ExchangeHardening.psd1') -ErrorAction Stop
    }
    $MaxListed = 10

    # What is known about one server. Each cmdlet runs at most once per server, when the first check that needs it
    # runs: checks left out by a tag filter or skipped by the configuration cost nothing.
    function New-ComplianceEvaluation {
        param([string] $Name, [object] $Server, [hashtable] $Evidence, [hashtable] $Settings)
        $common = @{}
        if ($Settings.AdvisoryPath) { $common.AdvisoryPath = [string[]] $Settings.AdvisoryPath }
        @{
            Name = $Name; Server = $Server; Evidence = $Evidence; Settings = $Settings; Common = $common
            ExposureRan = $false; Records = @(); Summary = $null; ExposureErrors = @()
            EmergencyMitigationRan = $false; EmergencyMitigation = $null; EmergencyMitigationErrors = @()
            ReviewRan = $false; Findings = @(); ReviewErrors = @(); ReviewWarnings = @()
        }
    }

    function Get-ComplianceErrorText([object[]] $Problems) {
        @($Problems | Where-Object { $_ } | ForEach-Object { $_.ToString() } | Select-Object -Unique)
    }

    function Invoke-ComplianceExposure([hashtable] $Evaluation) {
        if ($Evaluation.ExposureRan) { return }
        $Evaluation.ExposureRan = $true
        $ProgressPreference = 'SilentlyContinue'
        $exposure = $Evaluation.Common.Clone()
        if ($null -ne $Evaluation.Settings.SettingOverride) { $exposure.SettingOverride = [object[]] $Evaluation.Settings.SettingOverride }
        if ($Evaluation.Settings.AsOf) { $exposure.AsOf = $Evaluation.Settings.AsOf }
        $problems = @()
        try {
            $Evaluation.Records = @($Evaluation.Server | Get-ExchangeExposure @exposure -IncludePatched -ErrorAction SilentlyContinue -ErrorVariable +problems)
            $Evaluation.Summary = $Evaluation.Server | Get-ExchangeExposure @exposure -Summary -ErrorAction SilentlyContinue | Select-Object -First 1
        }
        catch { $problems += $_ }
        $Evaluation.ExposureErrors = @(Get-ComplianceErrorText $problems)
    }

    function Invoke-ComplianceEmergencyMitigation([hashtable] $Evaluation) {
        if ($Evaluation.EmergencyMitigationRan) { return }
        $Evaluation.EmergencyMitigationRan = $true
        $ProgressPreference = 'SilentlyContinue'
        $settings = $Evaluation.Settings
        $evidence = $Evaluation.Evidence
        $em = $Evaluation.Common.Clone()
        if ($null -ne $settings.OrganizationConfig) { $em.OrganizationConfig = $settings.OrganizationConfig }
        if ($settings.ServiceGiven) { $em.Service = [object[]] @($settings.Service) }
        if ($settings.SkipConnectivityTest) { $em.SkipConnectivityTest = $true }
        if ($settings.EndpointUri) { $em.EndpointUri = $settings.EndpointUri }
        # From an evidence tree: its IIS configuration files, and the Emergency Mitigation log folder of Exchange.
        $roots = @($evidence.Path | Where-Object { $_ -and (Test-Path -LiteralPath $_ -PathType Container) })
        $iis = if ($evidence.IisConfigPath) { $evidence.IisConfigPath } else {
            $roots | Where-Object { Get-ChildItem -LiteralPath $_ -Recurse -File -Include 'applicationHost.config', 'web.config' -ErrorAction SilentlyContinue | Select-Object -First 1 }
        }
        $logs = if ($evidence.MitigationLogPath) { $evidence.MitigationLogPath } else {
            $roots | ForEach-Object { Get-ChildItem -LiteralPath $_ -Recurse -Directory -Filter 'MitigationService' -ErrorAction SilentlyContinue } |
                Where-Object { $_.Parent.Name -eq 'Logging' } | ForEach-Object { $_.FullName }
        }
        if ($iis) { $em.IisConfigPath = [string[]] @($iis) }
        if ($logs) { $em.MitigationLogPath = [string[]] @($logs) }
        if ($evidence.EventLogPath) { $em.EventLogPath = [string[]] @($evidence.EventLogPath) }
        $problems = @()
        try {
            $Evaluation.EmergencyMitigation = $Evaluation.Server | Test-EmergencyMitigation @em -ErrorAction SilentlyContinue -ErrorVariable +problems -WarningAction SilentlyContinue |
                Select-Object -First 1
        }
        catch { $problems += $_ }
        $Evaluation.EmergencyMitigationErrors = @(Get-ComplianceErrorText $problems)
    }

    function Invoke-ComplianceReview([hashtable] $Evaluation) {
        if ($Evaluation.ReviewRan -or -not $Evaluation.Evidence.Path) { return }
        Invoke-ComplianceExposure $Evaluation
        $Evaluation.ReviewRan = $true
        $ProgressPreference = 'SilentlyContinue'
        $review = $Evaluation.Common.Clone()
        # Exported events (EventLogPath) are evidence for the review too.
        $review.Path = [string[]] @(@($Evaluation.Evidence.Path) + @($Evaluation.Evidence.EventLogPath) | Where-Object { $_ })
        $review.Server = $Evaluation.Name
        # The build decides which campaigns the server was exposed to, and whether mitigations are still needed.
        if ($Evaluation.Summary) { $review.Build = $Evaluation.Summary.Build }
        $problems = @()
        $warnings = @()
        try {
            $Evaluation.Findings = @(Invoke-EomtReview @review -ErrorAction SilentlyContinue -ErrorVariable +problems -WarningAction SilentlyContinue -WarningVariable +warnings)
        }
        catch { $problems += $_ }
        $Evaluation.ReviewErrors = @(Get-ComplianceErrorText $problems)
        $Evaluation.ReviewWarnings = @(Get-ComplianceErrorText $warnings)
    }

    # True when every property named in the check's filter has (one of) the given value(s).
    function Test-ComplianceMatch([object] $Item, [System.Collections.IDictionary] $Filter) {
        foreach ($entry in $Filter.GetEnumerator()) {
            $actual = [string] $Item.($entry.Key)
            if (-not (@($entry.Value) | Where-Object { [string] $_ -eq $actual })) { return $false }
        }
        $true
    }

    function Get-ComplianceListing([string[]] $Lines, [string] $More) {
        $listed = @($Lines | Select-Object -First $MaxListed)
        if ($Lines.Count -gt $MaxListed) { $listed += "... and $($Lines.Count - $MaxListed) more: $More" }
        $listed
    }

    function Stop-ComplianceCheck([hashtable] $Check, [string] $Server, [string[]] $Lines) {
        throw ((@("$($Check.Id) failed on ${Server}.") + @($Lines | Where-Object { $_ })) -join [Environment]::NewLine)
    }

    function Stop-ComplianceEvaluation([hashtable] $Check, [string] $Server, [string] $Command, [string[]] $Problems) {
        Stop-ComplianceCheck $Check $Server (@("$Command could not evaluate the server completely, so the check cannot pass:") + @($Problems | ForEach-Object { "- $_" }) + 'Correct the input named above (or skip the check in the configuration, with the reason).')
    }

    function Assert-ComplianceCheck([hashtable] $Check, [hashtable] $Evaluation) {
        $server = $Evaluation.Name
        if ($Check.SkipReason) {
            Set-ItResult -Skipped -Because $Check.SkipReason
            return
        }

        if ($Check.Records) {
            Invoke-ComplianceExposure $Evaluation
            if ($Evaluation.ExposureErrors.Count -gt 0) { Stop-ComplianceEvaluation $Check $server 'Get-ExchangeExposure' $Evaluation.ExposureErrors }
            $matched = @($Evaluation.Records | Where-Object { Test-ComplianceMatch $_ $Check.Records })
            if ($matched.Count -eq 0) { return }
            $lines = @($Check.Remedy)
            if ($Check.ListRecords -eq $false) {
                $statuses = ($matched | Group-Object -Property { [string] $_.Status } | ForEach-Object { "$($_.Name) $($_.Count)" }) -join ', '
                $lines += "Get-ExchangeExposure judged $($matched.Count) record(s) on this basis ($statuses)."
            }
            else {
                $described = @($matched | ForEach-Object {
                        $label = if ($_.Cve) { "$($_.Cve) ($($_.Severity)$(if ($_.Exploited) { ', exploited in the wild' }))" } else { $_.Title }
                        "- ${label}: $($_.Recommendation)"
                    } | Select-Object -Unique)
                $lines += Get-ComplianceListing $described "run Get-ExchangeExposure for the full list."
            }
            if ($Check.ShowLatestUpdate -and $Evaluation.Summary -and $Evaluation.Summary.LatestUpdate) {
                $lines += "The update that closes them all: $($Evaluation.Summary.LatestUpdate)."
            }
            Stop-ComplianceCheck $Check $server $lines
        }

        if ($Check.Check) {
            Invoke-ComplianceEmergencyMitigation $Evaluation
            $result = $Evaluation.EmergencyMitigation
            if ($Evaluation.EmergencyMitigationErrors.Count -gt 0) { Stop-ComplianceEvaluation $Check $server 'Test-EmergencyMitigation' $Evaluation.EmergencyMitigationErrors }
            if (-not $result) { Stop-ComplianceEvaluation $Check $server 'Test-EmergencyMitigation' @('it returned no result for the server.') }
            $outcome = @($result.Checks) | Where-Object { $_.Name -eq $Check.Check } | Select-Object -First 1
            if (-not $outcome) {
                $applicability = @($result.Checks) | Where-Object { $_.Name -eq 'Applicability' } | Select-Object -First 1
                Set-ItResult -Skipped -Because "Test-EmergencyMitigation did not run the $($Check.Check) check: $($applicability.Detail)"
                return
            }
            $todo = if ($outcome.Recommendation) { " To do: $($outcome.Recommendation)" } else { '' }
            switch ([string] $outcome.Outcome) {
                'Fail' { Stop-ComplianceCheck $Check $server @("$($outcome.Detail)$todo") }
                'NotApplicable' { Set-ItResult -Skipped -Because "$($outcome.Detail)$todo"; return }
                'Warn' { "Warning: $($outcome.Detail)$todo"; return }
                default { [string] $outcome.Detail; return }
            }
        }

        if ($Check.Findings) {
            Invoke-ComplianceReview $Evaluation
            if (-not $Evaluation.ReviewRan) {
                Set-ItResult -Skipped -Because "no evidence was given for $server (EvidencePath): pass a copy of its Exchange logs, inetpub and web folders, or the folders of the live server, to review it for compromise"
                return
            }
            if ($Evaluation.ReviewErrors.Count -gt 0) { Stop-ComplianceEvaluation $Check $server 'Invoke-EomtReview' $Evaluation.ReviewErrors }
            $Evaluation.ReviewWarnings | ForEach-Object { "Warning: $_" }
            $matched = @($Evaluation.Findings | Where-Object { Test-ComplianceMatch $_ $Check.Findings })
            if ($matched.Count -eq 0) {
                "$($Evaluation.Findings.Count) finding(s) in the review, none of them matching."
                return
            }
            $described = @($matched | Group-Object -Property RuleId | ForEach-Object {
                    $first = $_.Group[0]
                    $where = if ($first.Path) { " (first in $($first.Path)$(if ($first.Line) { ":$($first.Line)" }))" } else { '' }
                    $count = if ($_.Count -gt 1) { " [$($_.Count) findings]" } else { '' }
                    "- $($first.RuleId) $($first.Title)$count$where`: $($first.Recommendation)"
                })
            Stop-ComplianceCheck $Check $server (@($Check.Remedy) + (Get-ComplianceListing $described 'run Invoke-EomtReview for the full list.'))
        }
    }
}

Describe 'Exchange server <ServerName>' -ForEach $ComplianceServers {
    BeforeAll {
        $Evaluation = New-ComplianceEvaluation -Name $ServerName -Server $ServerObject -Evidence $ServerEvidence -Settings $ServerSettings
    }

    foreach ($area in $ComplianceAreas) {
        $areaChecks = @($ServerChecks | Where-Object { $_.Area -eq $area.Id })
        if ($areaChecks.Count -eq 0) { continue }
        Context "$($area.Name) ($($area.Command))" {
            foreach ($check in $areaChecks) {
                It "$($check.Id): $($check.Title)" -Tag $check.Tags -ForEach @(@{ Check = $check }) {
                    Assert-ComplianceCheck -Check $Check -Evaluation $Evaluation
                }
            }
        }
    }
}
