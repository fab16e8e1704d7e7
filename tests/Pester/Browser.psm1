#Requires -Version 7.2
<#
.SYNOPSIS
    A headless-Chromium harness for Pester tests: render a local HTML file, take a PNG screenshot (and a PDF),
    read the DOM and the visible text, and collect what the page's console reported (JavaScript errors,
    console.error calls, Content-Security-Policy violations, failed resource loads).
.DESCRIPTION
    Chromium is driven over the DevTools protocol (a WebSocket on 127.0.0.1, port chosen by Chromium and read
    from the DevToolsActivePort file of a fresh profile). Console messages come from three protocol events:
        Runtime.consoleAPICalled   console.log/info/warn/error/assert/... calls
        Runtime.exceptionThrown    uncaught JavaScript exceptions (syntax errors included)
        Log.entryAdded             messages of the browser itself: CSP violations (source 'security'),
                                   failed resource loads (source 'network'), deprecations, interventions
    Every run uses a new temporary profile, HOME and XDG folders; the browser may reach no host at all (every
    name resolves to "not found"), so a page that needs the network reports a failed load instead of
    fetching anything. The browser's process tree is killed and the temporary folder deleted in every case.

    Find-Chromium and Get-ChromiumTestPolicy tell a test file whether to run, skip or fail its browser tests:
    with $env:CI or $env:EXCHANGEHARDENING_REQUIRE_BROWSER set, a missing browser is a failure, never a skip.
#>

Set-StrictMode -Version Latest

function Find-Chromium {
    <#
    .SYNOPSIS
        The path of a Chromium-family browser: $env:CHROMIUM_PATH, chromium, chromium-browser, google-chrome; $null if none.
    #>
    [CmdletBinding()]
    [OutputType([string])]
    param()

    if ($env:CHROMIUM_PATH) {
        if (Test-Path -LiteralPath $env:CHROMIUM_PATH -PathType Leaf) { return (Resolve-Path -LiteralPath $env:CHROMIUM_PATH).ProviderPath }
        Write-Warning "CHROMIUM_PATH is set to '$env:CHROMIUM_PATH', which is not a file; looking for Chromium elsewhere."
    }
    $candidates = @(
        '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable',
        '/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    )
    if ($IsWindows) {
        foreach ($base in @($env:ProgramFiles, ${env:ProgramFiles(x86)}, $env:LOCALAPPDATA) | Where-Object { $_ }) {
            $candidates += Join-Path $base 'Chromium/Application/chrome.exe'
            $candidates += Join-Path $base 'Google/Chrome/Application/chrome.exe'
        }
    }
    foreach ($candidate in $candidates) {
        if (Test-Path -LiteralPath $candidate -PathType Leaf) { return $candidate }
    }
    foreach ($name in 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome') {
        $command = Get-Command -Name $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if ($command) { return $command.Source }
    }
    return $null
}

function Get-ChromiumTestPolicy {
    <#
    .SYNOPSIS
        Whether browser tests run, are skipped or must fail: Path, Required, Skip, Reason.
    .DESCRIPTION
        Required is true when $env:CI or $env:EXCHANGEHARDENING_REQUIRE_BROWSER is set (to anything but '', '0' or
        'false'). Skip is true only when no browser is found and none is required; when one is required and
        missing, Skip is false, so the tests run and fail with Reason (Invoke-HeadlessChromium throws it).
        Use it during discovery: BeforeDiscovery { $Browser = Get-ChromiumTestPolicy }, It ... -Skip:$Browser.Skip.
    #>
    [CmdletBinding()]
    param()

    $path = Find-Chromium
    $required = $false
    foreach ($name in 'CI', 'EXCHANGEHARDENING_REQUIRE_BROWSER') {
        $value = [Environment]::GetEnvironmentVariable($name)
        if ($value -and $value -notin @('0', 'false', 'no')) { $required = $true }
    }
    $reason = if ($path) { "Chromium found at $path." }
    elseif ($required) { 'Chromium is required ($env:CI or $env:EXCHANGEHARDENING_REQUIRE_BROWSER is set) but was not found: install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.' }
    else { 'Chromium was not found (install it, e.g. apt-get install chromium, or set CHROMIUM_PATH); browser tests are skipped. Set EXCHANGEHARDENING_REQUIRE_BROWSER=1 to make this a failure.' }
    [pscustomobject]@{
        PSTypeName = 'ExchangeHardening.Tests.ChromiumTestPolicy'
        Path       = $path
        Required   = $required
        Skip       = (-not $path) -and (-not $required)
        Reason     = $reason
    }
}

# ---------------------------------------------------------------------------------------------------------------
# DevTools protocol client: one WebSocket, read by one pending receive that survives a timed-out wait, so a short
# wait for events never aborts the connection. Events are handled in arrival order while waiting for a reply.

function New-CdpConnection {
    param([Parameter(Mandatory)] [string] $Url, [Parameter(Mandatory)] [System.Diagnostics.Stopwatch] $Clock, [Parameter(Mandatory)] [int] $TimeoutMilliseconds)
    # A refused or failed handshake (a browser still starting) is retried until the deadline.
    $socket = $null
    $lastError = 'no attempt'
    while (-not $socket) {
        $remaining = $TimeoutMilliseconds - $Clock.ElapsedMilliseconds
        if ($remaining -le 0) { throw "Could not connect to Chromium's DevTools endpoint $Url in time: $lastError" }
        $candidate = [System.Net.WebSockets.ClientWebSocket]::new()
        $candidate.Options.KeepAliveInterval = [TimeSpan]::Zero
        try {
            $connect = $candidate.ConnectAsync([Uri] $Url, [System.Threading.CancellationToken]::None)
            if ($connect.Wait([int] [Math]::Min($remaining, 10000))) { $socket = $candidate; continue }
            $lastError = 'the handshake did not finish'
        }
        catch { $lastError = $_.Exception.GetBaseException().Message }
        $candidate.Abort(); $candidate.Dispose()
        Start-Sleep -Milliseconds 100
    }
    $buffer = [byte[]]::new(1MB)
    [pscustomobject]@{
        Socket    = $socket
        Buffer    = $buffer
        Segment   = [ArraySegment[byte]]::new($buffer)
        Message   = [System.IO.MemoryStream]::new()
        Pending   = $null
        NextId    = 0
        Clock     = $Clock
        Deadline  = $TimeoutMilliseconds
        SessionId = $null
        State     = $null
    }
}

function Get-CdpRemaining {
    param($Connection, [string] $Waiting)
    $remaining = $Connection.Deadline - $Connection.Clock.ElapsedMilliseconds
    if ($remaining -le 0) { throw "Chromium timed out after $([int]($Connection.Deadline / 1000)) s while $Waiting." }
    return [int] $remaining
}

function Receive-CdpMessage {
    # The next message as a hashtable, or $null when none arrived within $TimeoutMilliseconds.
    param($Connection, [int] $TimeoutMilliseconds)
    $stopAt = $Connection.Clock.ElapsedMilliseconds + $TimeoutMilliseconds
    while ($true) {
        if ($null -eq $Connection.Pending) {
            $Connection.Pending = $Connection.Socket.ReceiveAsync($Connection.Segment, [System.Threading.CancellationToken]::None)
        }
        $wait = [Math]::Max(0, $stopAt - $Connection.Clock.ElapsedMilliseconds)
        try {
            if (-not $Connection.Pending.Wait([int] $wait)) { return $null }
        }
        catch {
            $Connection.Pending = $null
            throw "The DevTools connection failed: $($_.Exception.GetBaseException().Message)"
        }
        $result = $Connection.Pending.Result
        $Connection.Pending = $null
        if ($result.MessageType -eq [System.Net.WebSockets.WebSocketMessageType]::Close) {
            throw 'Chromium closed the DevTools connection (did the browser crash or exit?).'
        }
        $Connection.Message.Write($Connection.Buffer, 0, $result.Count)
        if ($result.EndOfMessage) {
            $text = [System.Text.Encoding]::UTF8.GetString($Connection.Message.GetBuffer(), 0, [int] $Connection.Message.Length)
            $Connection.Message.SetLength(0)
            return ($text | ConvertFrom-Json -AsHashtable -Depth 100)
        }
    }
}

function Send-CdpMessage {
    param($Connection, [string] $Method, [hashtable] $Params = @{}, [switch] $Browser)
    $Connection.NextId++
    $message = [ordered]@{ id = $Connection.NextId; method = $Method; params = $Params }
    if (-not $Browser -and $Connection.SessionId) { $message.sessionId = $Connection.SessionId }
    $bytes = [System.Text.Encoding]::UTF8.GetBytes(($message | ConvertTo-Json -Compress -Depth 20))
    $send = $Connection.Socket.SendAsync([ArraySegment[byte]]::new($bytes), [System.Net.WebSockets.WebSocketMessageType]::Text, $true, [System.Threading.CancellationToken]::None)
    if (-not $send.Wait((Get-CdpRemaining $Connection "sending $Method"))) { throw "Chromium timed out while sending $Method." }
    return $Connection.NextId
}

function Invoke-Cdp {
    # Sends a command and returns its result, handling the events that arrive before the reply.
    param($Connection, [string] $Method, [hashtable] $Params = @{}, [switch] $Browser)
    $id = Send-CdpMessage -Connection $Connection -Method $Method -Params $Params -Browser:$Browser
    while ($true) {
        $message = Receive-CdpMessage -Connection $Connection -TimeoutMilliseconds (Get-CdpRemaining $Connection "waiting for the reply to $Method")
        if ($null -eq $message) { continue }
        if ($message['id'] -eq $id) {
            if ($message['error']) { throw "DevTools command $Method failed: $($message['error']['message']) $($message['error']['data'])" }
            return $message['result']
        }
        Register-CdpEvent -Connection $Connection -Message $message
    }
}

function Wait-CdpEvent {
    # Handles events until $Until returns true (checked after each event) or $Milliseconds pass; returns whether $Until held.
    param($Connection, [int] $Milliseconds, [scriptblock] $Until = { $false }, [string] $Waiting = 'waiting for the page')
    $stopAt = $Connection.Clock.ElapsedMilliseconds + $Milliseconds
    while (-not (& $Until)) {
        $left = $stopAt - $Connection.Clock.ElapsedMilliseconds
        if ($left -le 0) { return $false }
        $message = Receive-CdpMessage -Connection $Connection -TimeoutMilliseconds ([Math]::Min($left, (Get-CdpRemaining $Connection $Waiting)))
        if ($null -ne $message) { Register-CdpEvent -Connection $Connection -Message $message }
    }
    return $true
}

function ConvertTo-ConsoleMessage {
    param([string] $Level, [string] $Source, [string] $Text, [string] $Url, $Line)
    $message = [pscustomobject]@{
        PSTypeName = 'ExchangeHardening.Tests.ConsoleMessage'
        Level      = $Level
        Source     = $Source
        Text       = $Text
        Url        = $Url
        Line       = if ($null -ne $Line) { [int] $Line + 1 } else { $null }
    }
    $message | Add-Member -MemberType ScriptMethod -Name ToString -Force -Value {
        $where = if ($this.Url) { " ($($this.Url)$(if ($this.Line) { ":$($this.Line)" }))" } else { '' }
        "[$($this.Level)] $($this.Source): $($this.Text)$where"
    }
    $message
}

function Format-RemoteObject {
    param($Object)
    if ($null -eq $Object) { return '' }
    if ($Object.ContainsKey('value')) {
        $value = $Object['value']
        if ($value -is [string]) { return $value }
        return ($value | ConvertTo-Json -Compress -Depth 5)
    }
    if ($Object.ContainsKey('unserializableValue')) { return [string] $Object['unserializableValue'] }
    if ($Object.ContainsKey('description')) { return [string] $Object['description'] }
    return [string] $Object['type']
}

function Register-CdpEvent {
    param($Connection, [hashtable] $Message)
    $state = $Connection.State
    $method = $Message['method']
    if (-not $method) { return }
    $params = $Message['params']
    if ($Message['sessionId'] -and $Message['sessionId'] -ne $Connection.SessionId) { return }
    switch ($method) {
        'Page.lifecycleEvent' { $null = $state.Lifecycle.Add("$($params['loaderId'])/$($params['name'])") }
        'Runtime.consoleAPICalled' {
            $level = switch ($params['type']) {
                { $_ -in 'error', 'assert' } { 'error' }
                'warning' { 'warning' }
                'debug' { 'verbose' }
                default { 'info' }
            }
            $text = @($params['args'] | ForEach-Object { Format-RemoteObject $_ }) -join ' '
            if ($params['type'] -eq 'assert' -and -not $text) { $text = 'console.assert' }
            $frame = if ($params['stackTrace'] -and $params['stackTrace']['callFrames']) { $params['stackTrace']['callFrames'][0] } else { $null }
            $state.Messages.Add((ConvertTo-ConsoleMessage -Level $level -Source 'console-api' -Text $text -Url $(if ($frame) { $frame['url'] }) -Line $(if ($frame) { $frame['lineNumber'] })))
        }
        'Runtime.exceptionThrown' {
            $details = $params['exceptionDetails']
            $text = [string] $details['text']
            $exception = $details['exception']
            if ($exception) {
                $description = Format-RemoteObject $exception
                if ($description -and $text -notlike "*$description*") { $text = "$text $description".Trim() }
            }
            $state.Messages.Add((ConvertTo-ConsoleMessage -Level 'error' -Source 'javascript' -Text $text -Url $details['url'] -Line $details['lineNumber']))
        }
        'Log.entryAdded' {
            $entry = $params['entry']
            $state.Messages.Add((ConvertTo-ConsoleMessage -Level $entry['level'] -Source $entry['source'] -Text $entry['text'] -Url $entry['url'] -Line $entry['lineNumber']))
        }
        'Page.javascriptDialogOpening' {
            # alert(), confirm() and prompt() would block the page for good: note them and dismiss them.
            $state.Messages.Add((ConvertTo-ConsoleMessage -Level 'warning' -Source 'dialog' -Text "$($params['type']) dialog: $($params['message'])" -Url $params['url'] -Line $null))
            $null = Send-CdpMessage -Connection $Connection -Method 'Page.handleJavaScriptDialog' -Params @{ accept = $false }
        }
        { $_ -in 'Inspector.targetCrashed', 'Target.targetCrashed' } {
            $state.Messages.Add((ConvertTo-ConsoleMessage -Level 'error' -Source 'browser' -Text 'The renderer crashed.' -Url $null -Line $null))
            throw 'The Chromium renderer crashed while showing the page.'
        }
        'Target.detachedFromTarget' {
            if ($params['sessionId'] -eq $Connection.SessionId) { throw 'Chromium detached from the page (the tab closed or crashed).' }
        }
    }
}

function Close-CdpConnection {
    param($Connection)
    if (-not $Connection) { return }
    try {
        if ($Connection.Socket.State -eq [System.Net.WebSockets.WebSocketState]::Open) {
            $null = $Connection.Socket.CloseOutputAsync([System.Net.WebSockets.WebSocketCloseStatus]::NormalClosure, 'done', [System.Threading.CancellationToken]::None).Wait(1000)
        }
    }
    catch { Write-Verbose "Closing the DevTools connection: $($_.Exception.Message)" }
    $Connection.Socket.Abort()
    $Connection.Socket.Dispose()
    $Connection.Message.Dispose()
}

function Get-ProcessIdNaming {
    # Ids of the processes whose command line contains $Marker (Linux /proc; nothing elsewhere).
    param([Parameter(Mandatory)] [string] $Marker)
    if (-not [System.IO.Directory]::Exists('/proc')) { return }
    foreach ($folder in [System.IO.Directory]::GetDirectories('/proc')) {
        $name = [System.IO.Path]::GetFileName($folder)
        if ($name -notmatch '^\d+$' -or [int] $name -eq $PID) { continue }
        try { $commandLine = [System.IO.File]::ReadAllText("$folder/cmdline") } catch { continue }
        if ($commandLine.Contains($Marker)) { [int] $name }
    }
}

function Stop-ChromiumProcess {
    # Kills the browser and every process it started; on Linux also those that left its tree (crashpad handlers
    # re-parent themselves to init), recognised by the private temporary folder in their command line, until none is left.
    param([System.Diagnostics.Process] $Process, [string] $Marker)
    if ($Process) {
        try {
            if (-not $Process.HasExited) {
                $Process.Kill($true)
                $null = $Process.WaitForExit(5000)
            }
        }
        catch { Write-Verbose "Stopping Chromium: $($_.Exception.Message)" }
    }
    if ($Marker) {
        for ($pass = 1; $pass -le 10; $pass++) {
            $left = @(Get-ProcessIdNaming -Marker $Marker)
            if (-not $left) { break }
            foreach ($id in $left) {
                try { [System.Diagnostics.Process]::GetProcessById($id).Kill() } catch { Write-Verbose "Process ${id}: $($_.Exception.Message)" }
            }
            Start-Sleep -Milliseconds 100
        }
    }
    if ($Process) { $Process.Dispose() }
}

function Read-SharedText {
    param([string] $Path)
    if (-not (Test-Path -LiteralPath $Path)) { return '' }
    try {
        $stream = [System.IO.File]::Open($Path, [System.IO.FileMode]::Open, [System.IO.FileAccess]::Read, [System.IO.FileShare]::ReadWrite -bor [System.IO.FileShare]::Delete)
        try { return ([System.IO.StreamReader]::new($stream)).ReadToEnd() } finally { $stream.Dispose() }
    }
    catch { return '' }
}

function Read-DevToolsActivePort {
    # The browser endpoint (ws://127.0.0.1:PORT/devtools/browser/UUID) from Chromium's DevToolsActivePort file, or
    # $null while the file is missing or incomplete (it can be caught half written on a busy machine).
    param([Parameter(Mandatory)] [string] $Path)
    if (-not (Test-Path -LiteralPath $Path)) { return $null }
    $lines = @((Read-SharedText $Path) -split "`r?`n" | Where-Object { $_ })
    if ($lines.Count -lt 2 -or $lines[0] -notmatch '^\d{1,5}$' -or $lines[1] -notmatch '^/devtools/browser/[0-9a-fA-F-]{36}$') { return $null }
    return "ws://127.0.0.1:$($lines[0])$($lines[1])"
}

function Invoke-HeadlessChromium {
    <#
    .SYNOPSIS
        Renders a local HTML file in headless Chromium and returns its DOM, text, console messages and a PNG screenshot.
    .DESCRIPTION
        Returns Path, Url, Title, Dom (document.documentElement.outerHTML after load), Text (document.body.innerText),
        ConsoleMessages (Level, Source, Text, Url, Line), ConsoleErrors (the messages of level 'error'), Screenshot
        (the PNG path), Pdf (the PDF path or $null), PdfPageCount, WindowSize, ElapsedMilliseconds, BrowserVersion,
        TemporaryFolder (the private profile folder, already deleted).
        The page is shown at exactly -WindowSize CSS pixels (device scale factor 1, sRGB colours), so a screenshot
        is WIDTHxHEIGHT pixels; -FullPage makes it as tall as the page. -Media print renders print styles.
        The page may reach no host: every host name resolves to "not found", so external loads fail and are reported.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [Parameter(Mandatory)] [string] $ScreenshotPath,
        [ValidatePattern('^\d+,\d+$')] [string] $WindowSize = '1280,1800',
        [ValidateRange(5, 600)] [int] $TimeoutSeconds = 60,
        [string] $Print,
        [switch] $FullPage,
        [ValidateSet('screen', 'print')] [string] $Media = 'screen',
        [ValidateRange(0, 10000)] [int] $SettleMilliseconds = 300,
        [string] $ChromiumPath
    )

    if (-not $ChromiumPath) { $ChromiumPath = Find-Chromium }
    if (-not $ChromiumPath) { throw (Get-ChromiumTestPolicy).Reason }
    if (-not (Test-Path -LiteralPath $Path -PathType Leaf)) { throw "The page to render does not exist: $Path" }
    $page = (Resolve-Path -LiteralPath $Path).ProviderPath
    $url = [Uri]::new($page, [UriKind]::Absolute).AbsoluteUri
    $ScreenshotPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($ScreenshotPath)
    if ($Print) { $Print = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Print) }
    $width, $height = $WindowSize -split ',' | ForEach-Object { [int] $_ }
    $timeout = $TimeoutSeconds * 1000

    $clock = [System.Diagnostics.Stopwatch]::StartNew()
    # A short name: Chromium puts a Unix socket below its TMPDIR, and socket paths end at about 107 characters.
    $root = Join-Path ([System.IO.Path]::GetTempPath()) "eh-chromium-$([guid]::NewGuid().ToString('N').Substring(0, 12))"
    $profileFolder = New-Item -ItemType Directory -Path (Join-Path $root 'profile') -Force
    $home_ = New-Item -ItemType Directory -Path (Join-Path $root 'home') -Force
    $logPath = Join-Path $root 'chromium.log'
    $process = $null; $connection = $null; $log = $null; $copy = $null
    try {
        $start = [System.Diagnostics.ProcessStartInfo]::new($ChromiumPath)
        foreach ($argument in @(
                '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
                '--no-first-run', '--no-default-browser-check', '--disable-extensions', '--disable-component-extensions-with-background-pages',
                '--disable-default-apps', '--disable-sync', '--disable-component-update', '--disable-breakpad', '--disable-crash-reporter',
                '--disable-features=Translate,MediaRouter,OptimizationHints,AutofillServerCommunication',
                '--metrics-recording-only', '--mute-audio', '--hide-scrollbars', '--force-color-profile=srgb', '--noerrdialogs',
                '--password-store=basic', '--use-mock-keychain', '--host-resolver-rules=MAP * ~NOTFOUND',
                "--window-size=$width,$height", "--user-data-dir=$($profileFolder.FullName)", '--remote-debugging-port=0', 'about:blank')) {
            $start.ArgumentList.Add($argument)
        }
        $start.UseShellExecute = $false
        $start.RedirectStandardInput = $true
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $start.WorkingDirectory = $root
        # Its own HOME and XDG folders: nothing is read from or written to the user's (crash reports, caches, fonts config).
        $start.Environment['HOME'] = $home_.FullName
        $start.Environment['XDG_CONFIG_HOME'] = Join-Path $home_.FullName '.config'
        $start.Environment['XDG_CACHE_HOME'] = Join-Path $home_.FullName '.cache'
        # Chromium's own temporary files (its singleton socket folder, left behind when it is killed) go there too.
        # Only where its socket path (TMPDIR/org.chromium.Chromium.XXXXXX/SingletonSocket) stays short enough.
        if (($root.Length + '/org.chromium.Chromium.XXXXXX/SingletonSocket'.Length) -lt 100) {
            foreach ($name in 'TMPDIR', 'TMP', 'TEMP') { $start.Environment[$name] = $root }
        }
        $process = [System.Diagnostics.Process]::Start($start)
        $log = [System.IO.FileStream]::new($logPath, [System.IO.FileMode]::Create, [System.IO.FileAccess]::Write, [System.IO.FileShare]::ReadWrite -bor [System.IO.FileShare]::Delete)
        $copy = @($process.StandardError.BaseStream.CopyToAsync($log), $process.StandardOutput.BaseStream.CopyToAsync([System.IO.Stream]::Null))

        # Chromium writes the port it chose, and the browser endpoint's path, to DevToolsActivePort.
        $portFile = Join-Path $profileFolder.FullName 'DevToolsActivePort'
        $endpoint = $null
        while (-not $endpoint) {
            if ($process.HasExited) { throw "Chromium exited with code $($process.ExitCode) before DevTools was ready:`n$(Read-SharedText $logPath)" }
            if ($clock.ElapsedMilliseconds -gt $timeout) { throw "Chromium did not open DevTools within $TimeoutSeconds s:`n$(Read-SharedText $logPath)" }
            $endpoint = Read-DevToolsActivePort -Path $portFile
            if (-not $endpoint) { Start-Sleep -Milliseconds 50 }
        }
        $connection = New-CdpConnection -Url $endpoint -Clock $clock -TimeoutMilliseconds $timeout
        $state = [pscustomobject]@{ Messages = [System.Collections.Generic.List[object]]::new(); Lifecycle = [System.Collections.Generic.HashSet[string]]::new() }
        $connection.State = $state

        $version = Invoke-Cdp $connection 'Browser.getVersion' -Browser
        $target = Invoke-Cdp $connection 'Target.createTarget' @{ url = 'about:blank' } -Browser
        $attached = Invoke-Cdp $connection 'Target.attachToTarget' @{ targetId = $target['targetId']; flatten = $true } -Browser
        $connection.SessionId = $attached['sessionId']

        $null = Invoke-Cdp $connection 'Page.enable'
        $null = Invoke-Cdp $connection 'Page.setLifecycleEventsEnabled' @{ enabled = $true }
        $null = Invoke-Cdp $connection 'Runtime.enable'
        $null = Invoke-Cdp $connection 'Log.enable'
        $null = Invoke-Cdp $connection 'Emulation.setDeviceMetricsOverride' @{ width = $width; height = $height; deviceScaleFactor = 1; mobile = $false }
        $null = Invoke-Cdp $connection 'Emulation.setEmulatedMedia' @{ media = $Media }
        $navigation = Invoke-Cdp $connection 'Page.navigate' @{ url = $url }
        if ($navigation['errorText']) { throw "Chromium could not open ${url}: $($navigation['errorText'])" }
        # The load event of this navigation (its loaderId), not a late one of the blank page before it.
        $loaded = "$($navigation['loaderId'])/load"
        $null = Wait-CdpEvent $connection -Milliseconds $timeout -Until { $state.Lifecycle.Contains($loaded) } -Waiting "loading $url"

        # After the load event: web fonts, then two animation frames so that everything loaded has been painted.
        $ready = Invoke-Cdp $connection 'Runtime.evaluate' @{
            expression   = "(async () => { await document.fonts.ready; await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))); return document.readyState + ' ' + location.href; })()"
            awaitPromise = $true; returnByValue = $true
        }
        if ($ready['exceptionDetails']) { throw "Chromium could not inspect the page: $($ready['exceptionDetails']['text'])" }
        if ([string] $ready['result']['value'] -ne "complete $url") { throw "The page did not finish loading: '$($ready['result']['value'])' (expected 'complete $url')." }
        # Late messages (timers, lazy loads) get a short quiet period.
        $null = Wait-CdpEvent $connection -Milliseconds $SettleMilliseconds

        $content = Invoke-Cdp $connection 'Runtime.evaluate' @{
            expression    = "({ dom: document.documentElement ? document.documentElement.outerHTML : '', text: document.body ? document.body.innerText : '', title: document.title })"
            returnByValue = $true
        }
        if ($content['exceptionDetails']) { throw "Chromium could not read the DOM: $($content['exceptionDetails']['text'])" }
        $value = $content['result']['value']

        $capture = @{ format = 'png'; fromSurface = $true }
        if ($FullPage) {
            $metrics = Invoke-Cdp $connection 'Page.getLayoutMetrics'
            $size = $metrics['cssContentSize']
            $fullHeight = [int] [Math]::Ceiling([Math]::Max($height, [double] $size['height']))
            $null = Invoke-Cdp $connection 'Emulation.setDeviceMetricsOverride' @{ width = $width; height = $fullHeight; deviceScaleFactor = 1; mobile = $false }
            $capture.clip = @{ x = 0; y = 0; width = $width; height = $fullHeight; scale = 1 }
            $capture.captureBeyondViewport = $true
        }
        $shot = Invoke-Cdp $connection 'Page.captureScreenshot' $capture
        $folder = Split-Path $ScreenshotPath
        if ($folder -and -not (Test-Path -LiteralPath $folder)) { $null = New-Item -ItemType Directory -Path $folder -Force }
        [System.IO.File]::WriteAllBytes($ScreenshotPath, [Convert]::FromBase64String($shot['data']))

        $pdf = $null; $pdfPages = $null
        if ($Print) {
            $printed = Invoke-Cdp $connection 'Page.printToPDF' @{ printBackground = $true; preferCSSPageSize = $true }
            $folder = Split-Path $Print
            if ($folder -and -not (Test-Path -LiteralPath $folder)) { $null = New-Item -ItemType Directory -Path $folder -Force }
            [System.IO.File]::WriteAllBytes($Print, [Convert]::FromBase64String($printed['data']))
            $pdf = $Print
            $pdfText = [System.Text.Encoding]::Latin1.GetString([System.IO.File]::ReadAllBytes($Print))
            $pdfPages = [regex]::Matches($pdfText, '/Type\s*/Page(?![A-Za-z])').Count
        }
        # Whatever arrived while capturing.
        $null = Wait-CdpEvent $connection -Milliseconds 0

        $messages = $state.Messages.ToArray()
        [pscustomobject]@{
            PSTypeName          = 'ExchangeHardening.Tests.BrowserResult'
            Path                = $page
            Url                 = $url
            Title               = [string] $value['title']
            Dom                 = [string] $value['dom']
            Text                = [string] $value['text']
            ConsoleMessages     = $messages
            ConsoleErrors       = @($messages | Where-Object Level -EQ 'error')
            Screenshot          = $ScreenshotPath
            Pdf                 = $pdf
            PdfPageCount        = $pdfPages
            WindowSize          = "$width,$height"
            ElapsedMilliseconds = $clock.ElapsedMilliseconds
            BrowserVersion      = [string] $version['product']
            TemporaryFolder     = $root
        }
    }
    catch {
        # What Chromium itself said helps most when it fails on a CI machine (its D-Bus complaints do not).
        $said = @((Read-SharedText $logPath) -split "`r?`n" | Where-Object { $_ -and $_ -notmatch 'dbus|D-Bus|unexpected operator' } | Select-Object -Last 15)
        $detail = if ($said) { "`nChromium's last output lines:`n  $($said -join "`n  ")" } else { '' }
        throw [System.InvalidOperationException]::new("Invoke-HeadlessChromium ${Path}: $($_.Exception.Message)$detail", $_.Exception)
    }
    finally {
        # A browser that can still be asked closes itself (and removes its own temporary files); any other is killed.
        if ($connection -and $connection.Socket.State -eq [System.Net.WebSockets.WebSocketState]::Open) {
            try {
                $null = Send-CdpMessage -Connection $connection -Method 'Browser.close' -Browser
                if ($process -and -not $process.HasExited) { $null = $process.WaitForExit(3000) }
            }
            catch { Write-Verbose "Browser.close: $($_.Exception.Message)" }
        }
        Close-CdpConnection $connection
        Stop-ChromiumProcess -Process $process -Marker $root
        if ($copy) { try { $null = [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] $copy, 2000) } catch { Write-Verbose 'Chromium output copy ended with an error.' } }
        if ($log) { $log.Dispose() }
        for ($attempt = 1; $attempt -le 10 -and (Test-Path -LiteralPath $root); $attempt++) {
            try { Remove-Item -LiteralPath $root -Recurse -Force -ErrorAction Stop }
            catch {
                # Something still writes there: stop it again, then retry.
                Start-Sleep -Milliseconds 200
                Stop-ChromiumProcess -Process $null -Marker $root
            }
        }
        if (Test-Path -LiteralPath $root) { Write-Warning "Could not delete Chromium's temporary folder $root." }
    }
}

# ---------------------------------------------------------------------------------------------------------------
# PNG decoding (8-bit greyscale, RGB, palette, grey+alpha, RGBA; not interlaced), in C# because a 1280x1800
# screenshot has 9 million bytes to unfilter. Compiled on first use only.

$PngDecoderSource = @'
using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;

namespace ExchangeHardeningTests
{
    public sealed class PngImage
    {
        public int Width { get; private set; }
        public int Height { get; private set; }
        public int BitDepth { get; private set; }
        public int ColorType { get; private set; }
        public bool Interlaced { get; private set; }
        public int[] FilterTypeCounts { get; private set; }
        // RGBA, 4 bytes a pixel, rows top to bottom.
        public byte[] Pixels { get; private set; }

        private static readonly byte[] Signature = { 137, 80, 78, 71, 13, 10, 26, 10 };
        private static uint[] crcTable;

        public static uint Crc32(byte[] data, int offset, int count)
        {
            if (crcTable == null)
            {
                var table = new uint[256];
                for (uint n = 0; n < 256; n++)
                {
                    uint c = n;
                    for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                    table[n] = c;
                }
                crcTable = table;
            }
            uint crc = 0xFFFFFFFFu;
            for (int i = offset; i < offset + count; i++) crc = crcTable[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
            return crc ^ 0xFFFFFFFFu;
        }

        private static uint ReadUInt32(byte[] data, int offset)
        {
            if (offset + 4 > data.Length) throw new InvalidDataException("Truncated PNG.");
            return ((uint)data[offset] << 24) | ((uint)data[offset + 1] << 16) | ((uint)data[offset + 2] << 8) | data[offset + 3];
        }

        public static PngImage Decode(byte[] data)
        {
            if (data.Length < 8) throw new InvalidDataException("Not a PNG file: too short.");
            for (int i = 0; i < 8; i++)
                if (data[i] != Signature[i]) throw new InvalidDataException("Not a PNG file: wrong signature.");

            var image = new PngImage();
            var idat = new MemoryStream();
            byte[] palette = null, paletteAlpha = null;
            bool sawHeader = false, sawEnd = false;
            int position = 8;
            while (position < data.Length && !sawEnd)
            {
                int length = checked((int)ReadUInt32(data, position));
                if (position + 12 + length > data.Length) throw new InvalidDataException("Truncated PNG chunk.");
                string type = System.Text.Encoding.ASCII.GetString(data, position + 4, 4);
                int body = position + 8;
                uint expected = ReadUInt32(data, body + length);
                if (Crc32(data, position + 4, length + 4) != expected) throw new InvalidDataException("CRC mismatch in PNG chunk " + type + ".");
                switch (type)
                {
                    case "IHDR":
                        image.Width = checked((int)ReadUInt32(data, body));
                        image.Height = checked((int)ReadUInt32(data, body + 4));
                        image.BitDepth = data[body + 8];
                        image.ColorType = data[body + 9];
                        image.Interlaced = data[body + 12] != 0;
                        sawHeader = true;
                        break;
                    case "PLTE":
                        palette = new byte[length];
                        Array.Copy(data, body, palette, 0, length);
                        break;
                    case "tRNS":
                        paletteAlpha = new byte[length];
                        Array.Copy(data, body, paletteAlpha, 0, length);
                        break;
                    case "IDAT":
                        if (!sawHeader) throw new InvalidDataException("IDAT before IHDR.");
                        idat.Write(data, body, length);
                        break;
                    case "IEND":
                        sawEnd = true;
                        break;
                }
                position = body + length + 4;
            }
            if (!sawHeader) throw new InvalidDataException("PNG without IHDR.");
            if (!sawEnd) throw new InvalidDataException("PNG without IEND.");
            if (image.Width <= 0 || image.Height <= 0) throw new InvalidDataException("PNG with an empty size.");
            if (image.BitDepth != 8) throw new NotSupportedException("Only 8-bit PNG images are supported, not " + image.BitDepth + "-bit.");
            if (image.Interlaced) throw new NotSupportedException("Interlaced PNG images are not supported.");
            int channels;
            switch (image.ColorType)
            {
                case 0: channels = 1; break;
                case 2: channels = 3; break;
                case 3: channels = 1; if (palette == null) throw new InvalidDataException("Palette PNG without PLTE."); break;
                case 4: channels = 2; break;
                case 6: channels = 4; break;
                default: throw new InvalidDataException("Unknown PNG colour type " + image.ColorType + ".");
            }

            int stride = checked(image.Width * channels);
            var raw = new byte[checked((long)(stride + 1) * image.Height)];
            idat.Position = 0;
            using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
            {
                int read = 0;
                while (read < raw.Length)
                {
                    int n = zlib.Read(raw, read, raw.Length - read);
                    if (n == 0) throw new InvalidDataException("PNG image data is shorter than " + image.Width + "x" + image.Height + " pixels.");
                    read += n;
                }
            }

            // Unfilter in place: each row is a filter-type byte and stride bytes; a = left, b = up, c = up-left.
            image.FilterTypeCounts = new int[5];
            var previous = new byte[stride];
            var current = new byte[stride];
            var pixels = new byte[checked((long)image.Width * image.Height * 4)];
            for (int y = 0; y < image.Height; y++)
            {
                int rowStart = y * (stride + 1);
                int filter = raw[rowStart];
                if (filter > 4) throw new InvalidDataException("Unknown PNG filter type " + filter + " in row " + y + ".");
                image.FilterTypeCounts[filter]++;
                for (int i = 0; i < stride; i++)
                {
                    int x = raw[rowStart + 1 + i];
                    int a = i >= channels ? current[i - channels] : 0;
                    int b = previous[i];
                    int c = i >= channels ? previous[i - channels] : 0;
                    switch (filter)
                    {
                        case 1: x += a; break;
                        case 2: x += b; break;
                        case 3: x += (a + b) >> 1; break;
                        case 4:
                            int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                            x += (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
                            break;
                    }
                    current[i] = (byte)x;
                }
                int o = y * image.Width * 4;
                for (int px = 0; px < image.Width; px++, o += 4)
                {
                    switch (image.ColorType)
                    {
                        case 0: pixels[o] = pixels[o + 1] = pixels[o + 2] = current[px]; pixels[o + 3] = 255; break;
                        case 2: pixels[o] = current[px * 3]; pixels[o + 1] = current[px * 3 + 1]; pixels[o + 2] = current[px * 3 + 2]; pixels[o + 3] = 255; break;
                        case 3:
                            int index = current[px];
                            if (index * 3 + 2 >= palette.Length) throw new InvalidDataException("PNG palette index out of range.");
                            pixels[o] = palette[index * 3]; pixels[o + 1] = palette[index * 3 + 1]; pixels[o + 2] = palette[index * 3 + 2];
                            pixels[o + 3] = paletteAlpha != null && index < paletteAlpha.Length ? paletteAlpha[index] : (byte)255;
                            break;
                        case 4: pixels[o] = pixels[o + 1] = pixels[o + 2] = current[px * 2]; pixels[o + 3] = current[px * 2 + 1]; break;
                        case 6: Buffer.BlockCopy(current, px * 4, pixels, o, 4); break;
                    }
                }
                var swap = previous; previous = current; current = swap;
            }
            image.Pixels = pixels;
            return image;
        }

        public string GetPixel(int x, int y)
        {
            if (x < 0 || y < 0 || x >= Width || y >= Height) throw new ArgumentOutOfRangeException("x", "The pixel " + x + "," + y + " is outside the " + Width + "x" + Height + " image.");
            int o = (y * Width + x) * 4;
            return string.Format("#{0:x2}{1:x2}{2:x2}", Pixels[o], Pixels[o + 1], Pixels[o + 2]);
        }

        public int GetAlpha(int x, int y)
        {
            if (x < 0 || y < 0 || x >= Width || y >= Height) throw new ArgumentOutOfRangeException("x");
            return Pixels[(y * Width + x) * 4 + 3];
        }

        // Pixels whose red, green and blue each differ by at most tolerance from the colour (alpha ignored).
        public long CountNear(int red, int green, int blue, int tolerance)
        {
            long count = 0;
            for (int o = 0; o < Pixels.Length; o += 4)
                if (Math.Abs(Pixels[o] - red) <= tolerance && Math.Abs(Pixels[o + 1] - green) <= tolerance && Math.Abs(Pixels[o + 2] - blue) <= tolerance)
                    count++;
            return count;
        }

        public int CountDistinctColors()
        {
            var seen = new HashSet<int>();
            for (int o = 0; o < Pixels.Length; o += 4) seen.Add((Pixels[o] << 16) | (Pixels[o + 1] << 8) | Pixels[o + 2]);
            return seen.Count;
        }
    }
}
'@

function ConvertFrom-ColorText {
    param([string] $Color)
    $text = $Color.Trim()
    if ($text -match '^#?([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$') {
        return @([Convert]::ToInt32($Matches[1], 16), [Convert]::ToInt32($Matches[2], 16), [Convert]::ToInt32($Matches[3], 16))
    }
    if ($text -match '^(?:rgb\()?\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*\)?$') {
        $rgb = @([int] $Matches[1], [int] $Matches[2], [int] $Matches[3])
        if (($rgb | Where-Object { $_ -gt 255 })) { throw "Colour '$Color' has a channel above 255." }
        return $rgb
    }
    throw "Colour '$Color' is neither #rrggbb nor 'r,g,b'."
}

function Get-PngInfo {
    <#
    .SYNOPSIS
        Decodes a PNG file: Width, Height, BitDepth, ColorType, FilterTypeCounts, DistinctColorCount, Colors, Image.
    .DESCRIPTION
        -Color takes '#rrggbb' or 'r,g,b' colours; for each, Colors has Color, Count (pixels whose red, green and
        blue are each within -Tolerance of it; alpha ignored), Fraction (of all pixels) and Present (Count > 0).
        Image is the decoded picture: Image.GetPixel(x, y) returns '#rrggbb', Image.GetAlpha(x, y) the alpha.
        Supports 8-bit greyscale, RGB, palette, grey+alpha and RGBA images, not interlaced (as Chromium writes them),
        all five filter types; checks every chunk's CRC.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory)] [string] $Path,
        [string[]] $Color = @(),
        [ValidateRange(0, 255)] [int] $Tolerance = 8
    )
    if (-not ('ExchangeHardeningTests.PngImage' -as [type])) {
        Add-Type -TypeDefinition $PngDecoderSource -Language CSharp
    }
    $file = (Resolve-Path -LiteralPath $Path).ProviderPath
    $image = [ExchangeHardeningTests.PngImage]::Decode([System.IO.File]::ReadAllBytes($file))
    $total = [long] $image.Width * $image.Height
    $colors = foreach ($wanted in $Color) {
        $rgb = ConvertFrom-ColorText $wanted
        $count = $image.CountNear($rgb[0], $rgb[1], $rgb[2], $Tolerance)
        [pscustomobject]@{
            Color    = '#{0:x2}{1:x2}{2:x2}' -f $rgb[0], $rgb[1], $rgb[2]
            Count    = $count
            Fraction = $count / $total
            Present  = $count -gt 0
        }
    }
    [pscustomobject]@{
        PSTypeName         = 'ExchangeHardening.Tests.PngInfo'
        Path               = $file
        Width              = $image.Width
        Height             = $image.Height
        BitDepth           = $image.BitDepth
        ColorType          = $image.ColorType
        FilterTypeCounts   = $image.FilterTypeCounts
        DistinctColorCount = $image.CountDistinctColors()
        Colors             = @($colors)
        Image              = $image
    }
}

Export-ModuleMember -Function Find-Chromium, Get-ChromiumTestPolicy, Invoke-HeadlessChromium, Get-PngInfo
