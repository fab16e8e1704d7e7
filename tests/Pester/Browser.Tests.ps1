# The headless-Chromium harness (Browser.psm1) that the report tests render with, tested on small hand-made pages
# (Fixtures/Browser): a clean page must report nothing, and each kind of console error (uncaught exception,
# console.error, Content-Security-Policy violation, failed resource load) must be reported, so that a report
# test's "no console errors" check can fail. With $env:CI or $env:EXCHANGEHARDENING_REQUIRE_BROWSER set, a missing
# Chromium fails these tests; elsewhere they are skipped with the reason.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'Browser.psm1') -Force
    $Browser = Get-ChromiumTestPolicy
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Browser.psm1') -Force
    $Fixtures = Join-Path $PSScriptRoot 'Fixtures/Browser'

    function Show-Page([string] $Name, [hashtable] $Options = @{}) {
        Invoke-HeadlessChromium -Path (Join-Path $Fixtures "$Name.html") -ScreenshotPath (Join-Path $TestDrive "$Name.png") @Options
    }

    # Processes whose command line names a folder (the harness's private temporary folder): none may outlive a run.
    function Get-ProcessNaming([string] $Marker) {
        if (-not (Test-Path '/proc')) { return }
        foreach ($entry in Get-ChildItem '/proc' -Directory -ErrorAction SilentlyContinue | Where-Object Name -Match '^\d+$') {
            try { $commandLine = [System.IO.File]::ReadAllText((Join-Path $entry.FullName 'cmdline')) } catch { continue }
            if ($commandLine.Contains($Marker)) { "$($entry.Name) $($commandLine.Replace([char] 0, ' '))" }
        }
    }

    # A short temporary folder of a test's own (TMPDIR for one run): under TestDrive Chromium's socket path gets too long.
    function New-ShortTemp {
        $folder = Join-Path ([System.IO.Path]::GetTempPath()) "ehb-$([guid]::NewGuid().ToString('N').Substring(0, 8))"
        New-Item -ItemType Directory -Path $folder -Force
    }

    function Use-Environment([hashtable] $Variables, [scriptblock] $Script) {
        $saved = @{}
        foreach ($name in $Variables.Keys) { $saved[$name] = [Environment]::GetEnvironmentVariable($name) }
        try {
            foreach ($name in $Variables.Keys) { [Environment]::SetEnvironmentVariable($name, $Variables[$name]) }
            & $Script
        }
        finally {
            foreach ($name in $saved.Keys) { [Environment]::SetEnvironmentVariable($name, $saved[$name]) }
        }
    }
}

Describe 'Chromium for the browser tests' {
    It 'is installed (a failure when CI or EXCHANGEHARDENING_REQUIRE_BROWSER is set, a skip otherwise)' {
        $policy = Get-ChromiumTestPolicy
        if (-not $policy.Path) {
            if ($policy.Required) { throw $policy.Reason }
            Set-ItResult -Skipped -Because $policy.Reason
            return
        }
        $policy.Path | Should -Exist
    }
}

Describe 'Get-ChromiumTestPolicy' {
    BeforeAll {
        $NoRequirement = @{ CI = $null; EXCHANGEHARDENING_REQUIRE_BROWSER = $null }
    }

    It 'skips, with the reason, when Chromium is missing and nothing requires it' {
        Mock -ModuleName Browser Find-Chromium { $null }
        $policy = Use-Environment $NoRequirement { Get-ChromiumTestPolicy }
        $policy.Skip | Should -BeTrue
        $policy.Required | Should -BeFalse
        $policy.Reason | Should -Match 'not found'
    }

    It 'fails instead of skipping when <Name> is set and Chromium is missing' -ForEach @(
        @{ Name = 'CI'; Value = 'true' }
        @{ Name = 'EXCHANGEHARDENING_REQUIRE_BROWSER'; Value = '1' }
    ) {
        Mock -ModuleName Browser Find-Chromium { $null }
        $variables = $NoRequirement.Clone()
        $variables[$Name] = $Value
        Use-Environment $variables {
            $policy = Get-ChromiumTestPolicy
            $policy.Skip | Should -BeFalse
            $policy.Required | Should -BeTrue
            { Invoke-HeadlessChromium -Path (Join-Path $Fixtures 'clean.html') -ScreenshotPath (Join-Path $TestDrive 'none.png') } |
                Should -Throw '*Chromium is required*apt-get install chromium*'
        }
    }

    It 'neither skips nor requires when Chromium is found' {
        Mock -ModuleName Browser Find-Chromium { '/opt/some/chromium' }
        $policy = Use-Environment $NoRequirement { Get-ChromiumTestPolicy }
        $policy.Skip | Should -BeFalse
        $policy.Path | Should -Be '/opt/some/chromium'
    }

    It 'takes CHROMIUM_PATH first' {
        $fake = New-Item -ItemType File -Path (Join-Path $TestDrive 'my-chromium') -Force
        Use-Environment @{ CHROMIUM_PATH = $fake.FullName } { Find-Chromium } | Should -Be $fake.FullName
    }
}

Describe 'DevToolsActivePort' {
    It 'yields the endpoint only once both lines are complete: <Case>' -ForEach @(
        @{ Case = 'complete'; Content = "40123`n/devtools/browser/0f0e8f8a-1b2c-4d5e-8f90-a1b2c3d4e5f6`n"; Expected = 'ws://127.0.0.1:40123/devtools/browser/0f0e8f8a-1b2c-4d5e-8f90-a1b2c3d4e5f6' }
        @{ Case = 'port only'; Content = "40123`n"; Expected = $null }
        @{ Case = 'path cut short'; Content = "40123`n/devtools/browser/0f0e8f8a-1b2c"; Expected = $null }
        @{ Case = 'empty'; Content = ''; Expected = $null }
    ) {
        $file = Join-Path $TestDrive 'DevToolsActivePort'
        Set-Content -Path $file -Value $Content -NoNewline
        InModuleScope Browser -Parameters @{ File = $file } { param($File) Read-DevToolsActivePort -Path $File } | Should -Be $Expected
        InModuleScope Browser -Parameters @{ File = (Join-Path $TestDrive 'absent') } { param($File) Read-DevToolsActivePort -Path $File } | Should -BeNullOrEmpty
    }
}

Describe 'Get-PngInfo' {
    BeforeAll {
        # A PNG encoder for the test only: every row with a chosen filter type (0-4), so each is decoded at least once.
        function New-TestPng([string] $Path, [int] $Width, [int] $Height, [int] $ColorType, [byte[]] $Samples, [byte[]] $Palette) {
            $channels = @{ 0 = 1; 2 = 3; 3 = 1; 4 = 2; 6 = 4 }[$ColorType]
            $stride = $Width * $channels
            $raw = [System.IO.MemoryStream]::new()
            for ($y = 0; $y -lt $Height; $y++) {
                $filter = $y % 5
                $raw.WriteByte($filter)
                for ($i = 0; $i -lt $stride; $i++) {
                    $x = $Samples[$y * $stride + $i]
                    $a = if ($i -ge $channels) { $Samples[$y * $stride + $i - $channels] } else { 0 }
                    $b = if ($y -gt 0) { $Samples[($y - 1) * $stride + $i] } else { 0 }
                    $c = if ($y -gt 0 -and $i -ge $channels) { $Samples[($y - 1) * $stride + $i - $channels] } else { 0 }
                    $predictor = switch ($filter) {
                        0 { 0 } 1 { $a } 2 { $b } 3 { [Math]::Floor(($a + $b) / 2) }
                        4 {
                            $p = $a + $b - $c; $pa = [Math]::Abs($p - $a); $pb = [Math]::Abs($p - $b); $pc = [Math]::Abs($p - $c)
                            if ($pa -le $pb -and $pa -le $pc) { $a } elseif ($pb -le $pc) { $b } else { $c }
                        }
                    }
                    $raw.WriteByte([byte] (($x - $predictor + 256) % 256))
                }
            }
            $compressed = [System.IO.MemoryStream]::new()
            $zlib = [System.IO.Compression.ZLibStream]::new($compressed, [System.IO.Compression.CompressionLevel]::Optimal, $true)
            $zlib.Write($raw.ToArray(), 0, [int] $raw.Length); $zlib.Dispose()
            $file = [System.IO.MemoryStream]::new()
            $file.Write([byte[]] (137, 80, 78, 71, 13, 10, 26, 10), 0, 8)
            function Write-Chunk([string] $Type, [byte[]] $Data) {
                $length = [BitConverter]::GetBytes([uint32] $Data.Length); [Array]::Reverse($length)
                [byte[]] $body = [System.Text.Encoding]::ASCII.GetBytes($Type) + $Data
                $crc = [BitConverter]::GetBytes([ExchangeHardeningTests.PngImage]::Crc32($body, 0, $body.Length)); [Array]::Reverse($crc)
                $file.Write($length, 0, 4); $file.Write($body, 0, $body.Length); $file.Write($crc, 0, 4)
            }
            $w = [BitConverter]::GetBytes([uint32] $Width); [Array]::Reverse($w)
            $h = [BitConverter]::GetBytes([uint32] $Height); [Array]::Reverse($h)
            Write-Chunk 'IHDR' ($w + $h + [byte[]] (8, $ColorType, 0, 0, 0))
            if ($Palette) { Write-Chunk 'PLTE' $Palette }
            Write-Chunk 'IDAT' $compressed.ToArray()
            Write-Chunk 'IEND' ([byte[]] @())
            [System.IO.File]::WriteAllBytes($Path, $file.ToArray())
        }

        # Loads the decoder type (New-TestPng uses its CRC).
        $null = Get-PngInfo -Path (Join-Path $Fixtures 'pixel.png')
        $Random = [System.Random]::new(20260401)
    }

    It 'decodes <Name> images with all five filter types exactly' -ForEach @(
        @{ Name = 'RGB'; ColorType = 2; Channels = 3 }
        @{ Name = 'RGBA'; ColorType = 6; Channels = 4 }
        @{ Name = 'greyscale'; ColorType = 0; Channels = 1 }
        @{ Name = 'grey+alpha'; ColorType = 4; Channels = 2 }
    ) {
        $width = 13; $height = 11
        $samples = [byte[]]::new($width * $height * $Channels)
        $Random.NextBytes($samples)
        $path = Join-Path $TestDrive "random-$ColorType.png"
        New-TestPng -Path $path -Width $width -Height $height -ColorType $ColorType -Samples $samples
        $info = Get-PngInfo -Path $path
        $info.Width | Should -Be $width
        $info.Height | Should -Be $height
        $info.ColorType | Should -Be $ColorType
        $info.FilterTypeCounts | Should -Be @(3, 2, 2, 2, 2)
        foreach ($y in 0..($height - 1)) {
            foreach ($x in 0..($width - 1)) {
                $o = ($y * $width + $x) * $Channels
                $expected = switch ($ColorType) {
                    2 { '#{0:x2}{1:x2}{2:x2}' -f $samples[$o], $samples[$o + 1], $samples[$o + 2]; 255 }
                    6 { '#{0:x2}{1:x2}{2:x2}' -f $samples[$o], $samples[$o + 1], $samples[$o + 2]; $samples[$o + 3] }
                    0 { '#{0:x2}{0:x2}{0:x2}' -f $samples[$o]; 255 }
                    4 { '#{0:x2}{0:x2}{0:x2}' -f $samples[$o]; $samples[$o + 1] }
                }
                $info.Image.GetPixel($x, $y) | Should -Be $expected[0] -Because "pixel $x,$y"
                $info.Image.GetAlpha($x, $y) | Should -Be $expected[1] -Because "alpha of pixel $x,$y"
            }
        }
    }

    It 'decodes palette images and counts colours within the tolerance' {
        # 4x2: red red green blue / red (254,1,1) green green blue.
        $palette = [byte[]] (200, 0, 0, 0, 128, 0, 0, 0, 255, 198, 2, 1)
        $path = Join-Path $TestDrive 'palette.png'
        New-TestPng -Path $path -Width 4 -Height 2 -ColorType 3 -Samples ([byte[]] (0, 0, 1, 2, 3, 1, 1, 2)) -Palette $palette
        $info = Get-PngInfo -Path $path -Color '#c80000', '0,128,0', '#0000ff', '#ffffff' -Tolerance 2
        $info.Image.GetPixel(0, 1) | Should -Be '#c60201'
        $info.Colors.Count | Should -Be 4
        $info.Colors[0].Count | Should -Be 3      # two exact reds and one within 2
        $info.Colors[1].Count | Should -Be 3
        $info.Colors[2].Count | Should -Be 2
        $info.Colors[3].Present | Should -BeFalse
        $info.Colors[0].Fraction | Should -Be (3 / 8)
        (Get-PngInfo -Path $path -Color '#c80000' -Tolerance 0).Colors[0].Count | Should -Be 2
        $info.DistinctColorCount | Should -Be 4
    }

    It 'rejects a file that is not a PNG, or whose data is damaged' {
        $text = Join-Path $TestDrive 'not.png'
        Set-Content -Path $text -Value 'hello'
        { Get-PngInfo -Path $text } | Should -Throw '*Not a PNG*'
        $bytes = [System.IO.File]::ReadAllBytes((Join-Path $Fixtures 'pixel.png'))
        $bytes[$bytes.Length - 20] = $bytes[$bytes.Length - 20] -bxor 0xFF
        $damaged = Join-Path $TestDrive 'damaged.png'
        [System.IO.File]::WriteAllBytes($damaged, $bytes)
        { Get-PngInfo -Path $damaged } | Should -Throw '*CRC*'
    }
}

Describe 'Invoke-HeadlessChromium' -Skip:$Browser.Skip {
    Context 'a clean page' {
        BeforeAll {
            $Result = Show-Page 'clean'
            $Png = Get-PngInfo -Path $Result.Screenshot -Color '#c62828', '#2e7d32', '#1565c0', '#6a1b9a'
        }

        It 'reports no console errors and no console messages at all' {
            $Result.ConsoleErrors | Should -BeNullOrEmpty
            $Result.ConsoleMessages | Should -BeNullOrEmpty
        }

        It 'returns the DOM after load, the visible text and the title' {
            $Result.Dom | Should -BeLike '<html lang="en">*<h1>Harness clean page</h1>*</html>'
            $Result.Text | Should -Match 'Nothing on this page writes to the console\.'
            $Result.Text | Should -Not -Match '<p>'
            $Result.Title | Should -Be 'Clean page'
        }

        It 'writes a PNG screenshot of the window size' {
            $Result.Screenshot | Should -Exist
            $bytes = [System.IO.File]::ReadAllBytes($Result.Screenshot)
            $bytes[0..7] | Should -Be @(137, 80, 78, 71, 13, 10, 26, 10)
            $Png.Width | Should -Be 1280
            $Png.Height | Should -Be 1800
            $Result.WindowSize | Should -Be '1280,1800'
        }

        It 'paints the page: exact colours of the red and green blocks and the data: image, nothing purple' {
            $Png.Colors[0].Count | Should -Be (200 * 100)
            $Png.Colors[1].Count | Should -Be (200 * 100)
            $Png.Colors[2].Count | Should -Be (40 * 40)
            $Png.Colors[3].Present | Should -BeFalse
            $Png.Image.GetPixel(0, 0) | Should -Be '#ffffff'
        }

        It 'kills the browser and deletes its temporary profile' {
            $Result.TemporaryFolder | Should -Not -Exist
            Get-ProcessNaming $Result.TemporaryFolder | Should -BeNullOrEmpty
        }
    }

    Context 'a page whose script throws' {
        BeforeAll { $Result = Show-Page 'js-error' }

        It 'reports the uncaught exception as a console error' {
            $Result.ConsoleErrors.Count | Should -Be 1
            $Result.ConsoleErrors[0].Source | Should -Be 'javascript'
            $Result.ConsoleErrors[0].Text | Should -Match 'ReferenceError: undefinedHarnessFunction is not defined'
            $Result.ConsoleErrors[0].Url | Should -BeLike '*/js-error.html'
            $Result.ConsoleErrors[0].Line | Should -Be 8
        }

        It 'returns the DOM as the script left it' {
            $Result.Dom | Should -Match 'data-before="ran"'
        }
    }

    Context 'a page that calls console.error' {
        BeforeAll { $Result = Show-Page 'console-error' }

        It 'reports console.error as a console error, with its arguments' {
            $Result.ConsoleErrors.Count | Should -Be 1
            $Result.ConsoleErrors[0].Source | Should -Be 'console-api'
            $Result.ConsoleErrors[0].Text | Should -Be 'harness console error 42'
            $Result.ConsoleErrors[0].ToString() | Should -BeLike '`[error`] console-api: harness console error 42 (file:*/console-error.html:8)'
        }

        It 'keeps console.log among the messages but not among the errors' {
            $info = @($Result.ConsoleMessages | Where-Object Text -EQ 'harness info message')
            $info.Count | Should -Be 1
            $info[0].Level | Should -Be 'info'
        }
    }

    Context 'a page whose Content-Security-Policy blocks an external image and stylesheet' {
        BeforeAll { $Result = Show-Page 'csp-blocked' }

        It 'reports each violation as a console error' {
            $Result.ConsoleErrors.Count | Should -Be 2
            $Result.ConsoleErrors.Source | Should -Be @('security', 'security')
            $image = @($Result.ConsoleErrors | Where-Object Text -Like '*http://example.invalid/x.png*')
            $image.Count | Should -Be 1
            $image[0].Text | Should -Match 'Content Security Policy'
            @($Result.ConsoleErrors | Where-Object Text -Like '*http://example.invalid/harness.css*').Count | Should -Be 1
        }
    }

    Context 'a page whose resources cannot be loaded' {
        BeforeAll { $Result = Show-Page 'missing-resource' }

        It 'reports a missing local file and an unreachable host as console errors' {
            $Result.ConsoleErrors.Count | Should -Be 2
            $Result.ConsoleErrors.Source | Should -Be @('network', 'network')
            $local = @($Result.ConsoleErrors | Where-Object Url -Like '*/does-not-exist.png')
            $local.Count | Should -Be 1
            $local[0].Text | Should -Match 'ERR_FILE_NOT_FOUND'
            $remote = @($Result.ConsoleErrors | Where-Object Url -EQ 'http://example.invalid/y.png')
            $remote.Count | Should -Be 1
            $remote[0].Text | Should -Match 'ERR_NAME_NOT_RESOLVED'
        }
    }

    Context 'options' {
        It 'prints a PDF with -Print' {
            $pdf = Join-Path $TestDrive 'printed/clean.pdf'
            $result = Show-Page 'clean' @{ Print = $pdf }
            $result.Pdf | Should -Be $pdf
            $pdf | Should -Exist
            [System.Text.Encoding]::ASCII.GetString([System.IO.File]::ReadAllBytes($pdf), 0, 5) | Should -Be '%PDF-'
            $result.PdfPageCount | Should -Be 1
            $result.ConsoleErrors | Should -BeNullOrEmpty
        }

        It 'takes the window size, the whole page with -FullPage, and print styles with -Media print' {
            $window = Show-Page 'tall' @{ WindowSize = '800,600' }
            $windowPng = Get-PngInfo -Path $window.Screenshot -Color '#6a1b9a'
            $windowPng.Width | Should -Be 800
            $windowPng.Height | Should -Be 600
            $windowPng.Colors[0].Present | Should -BeFalse
            $window.Text | Should -Match 'Shown on screen only'
            $window.Text | Should -Not -Match 'Shown in print only'

            $full = Invoke-HeadlessChromium -Path (Join-Path $Fixtures 'tall.html') -ScreenshotPath (Join-Path $TestDrive 'tall-full.png') -WindowSize '800,600' -FullPage -Media print
            $fullPng = Get-PngInfo -Path $full.Screenshot -Color '#6a1b9a'
            $fullPng.Width | Should -Be 800
            $fullPng.Height | Should -BeGreaterThan 2400
            $fullPng.Colors[0].Count | Should -Be (800 * 50)
            $full.Text | Should -Match 'Shown in print only'
            $full.Text | Should -Not -Match 'Shown on screen only'
        }

        It 'refuses a page that does not exist' {
            { Invoke-HeadlessChromium -Path (Join-Path $Fixtures 'nope.html') -ScreenshotPath (Join-Path $TestDrive 'nope.png') } |
                Should -Throw '*does not exist*'
        }

        AfterEach {
            if ($script:ShortTemp) { Remove-Item -LiteralPath $script:ShortTemp -Recurse -Force -ErrorAction SilentlyContinue; $script:ShortTemp = $null }
        }

        It 'stops at -TimeoutSeconds on a page that never loads, and leaves no process or folder behind' {
            $temp = New-ShortTemp
            $script:ShortTemp = $temp.FullName
            $clock = [System.Diagnostics.Stopwatch]::StartNew()
            Use-Environment @{ TMPDIR = $temp.FullName; TMP = $temp.FullName; TEMP = $temp.FullName } {
                { Show-Page 'hang' @{ TimeoutSeconds = 5 } } | Should -Throw '*timed out after 5 s*'
            }
            $clock.Elapsed.TotalSeconds | Should -BeLessThan 30
            Get-ChildItem -LiteralPath $temp.FullName -Force | Should -BeNullOrEmpty
            Get-ProcessNaming $temp.FullName | Should -BeNullOrEmpty
        }

        It 'kills the browser it started, and leaves nothing behind, when it fails before DevTools answers' {
            # No DevTools connection, so no graceful close: the browser is killed, its own temporary files included.
            Mock -ModuleName Browser Read-DevToolsActivePort { Start-Sleep -Milliseconds 500; throw 'simulated failure while Chromium starts' }
            $temp = New-ShortTemp
            $script:ShortTemp = $temp.FullName
            Use-Environment @{ TMPDIR = $temp.FullName; TMP = $temp.FullName; TEMP = $temp.FullName } {
                { Show-Page 'clean' } | Should -Throw '*simulated failure while Chromium starts*'
            }
            Get-ChildItem -LiteralPath $temp.FullName -Force -Recurse | Should -BeNullOrEmpty
            Get-ProcessNaming $temp.FullName | Should -BeNullOrEmpty
        }
    }
}
