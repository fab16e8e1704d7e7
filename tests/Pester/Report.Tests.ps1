# Export-ExchangeHardeningReport against the built module and the bundled samples: what reaches the report (live,
# deserialized, CLIXML and JSON objects), what is refused and how, and the page as Chromium renders it: no console
# errors, every server shown, the traffic-light colours painted, one printed page per server.
BeforeDiscovery {
    Import-Module (Join-Path $PSScriptRoot 'Browser.psm1') -Force
    $Browser = Get-ChromiumTestPolicy
}

BeforeAll {
    Import-Module $env:EXCHANGEHARDENING_MODULE -Force
    Import-Module (Join-Path $PSScriptRoot 'Browser.psm1') -Force
    $ProgressPreference = 'SilentlyContinue'
    $samples = Join-Path (Split-Path $env:EXCHANGEHARDENING_MODULE) 'Samples'
    $servers = Import-Clixml (Join-Path $samples 'Organization/ExchangeServers.xml')
    $overrides = Import-Clixml (Join-Path $samples 'Organization/SettingOverrides.xml')
    $organization = Import-Clixml (Join-Path $samples 'Organization/OrganizationConfig.xml')
    $asOf = [datetime] '2026-11-30'
    $Results = @(
        $servers | Get-ExchangeExposure -Summary -SettingOverride $overrides -AsOf $asOf
        $servers | Get-ExchangeExposure -SettingOverride $overrides -AsOf $asOf
        $servers | Test-EmergencyMitigation -OrganizationConfig $organization -SkipConnectivityTest
        Invoke-EomtReview -Path (Join-Path $samples 'Evidence/EX2016-Compromised') -Server EDGE01
        Invoke-EomtReview -Path (Join-Path $samples 'Evidence/EX2019-Clean') -Server EX03
    )
    # The compromised copy names some findings after its own computer (EX2016, EX2016.example.test): the report
    # joins the FQDN to the short name and gives that server a section of its own.
    $ServerNames = @('EDGE01', 'EX01', 'EX02', 'EX03', 'EX2016', 'EXSE01')
    @($Results.Server | Sort-Object -Unique) | Should -Be ($ServerNames + 'EX2016.example.test' | Sort-Object)

    function Get-ServerSection([string] $Html) {
        [regex]::Matches($Html, '<section class="server[^"]*" id="[^"]*" data-server="([^"]*)" data-level="([^"]*)" data-review="([^"]*)" data-emergency-mitigation="([^"]*)"') |
            ForEach-Object { '{0} {1} {2} {3}' -f $_.Groups[1].Value, $_.Groups[2].Value, $_.Groups[3].Value, $_.Groups[4].Value }
    }

    # The report without the two lines that carry the time it was written.
    function Get-StableHtml([string] $Path) {
        (Get-Content -LiteralPath $Path -Raw -Encoding utf8) -replace '(?m)^.*(Prepared|Made with|Erstellt).*$', ''
    }
}

Describe 'Export-ExchangeHardeningReport' {
    It 'writes one section per server, worst first, with the verdicts of all three cmdlets' {
        $path = Join-Path $TestDrive 'live.html'
        $output = $Results | Export-ExchangeHardeningReport -Path $path -Language en
        $output | Should -BeNullOrEmpty -Because 'Export cmdlets write nothing without PassThru'
        $sections = @(Get-ServerSection (Get-Content $path -Raw))
        $sections.Count | Should -Be $ServerNames.Count
        @($sections | ForEach-Object { ($_ -split ' ')[0] } | Sort-Object) | Should -Be $ServerNames
        # EDGE01: Exchange 2016 out of support, the ProxyLogon victim's evidence; EX03: clean evidence, M2 blocked.
        # Signs of attack first (EDGE01 got the ProxyLogon victim's evidence; EX2016 is that evidence's own computer
        # name, without exposure objects), then red to green; EX03 had the clean evidence and its M2 blocked.
        $sections | Should -Be @(
            'EDGE01 Red SignsOfCompromise Pass'
            'EX2016 NotAssessed SignsOfCompromise NotTested'
            'EX01 Red NotReviewed Fail'
            'EX02 Red NotReviewed Pass'
            'EX03 Red NoSigns Fail'
            'EXSE01 Yellow NotReviewed Pass'
        )
    }

    It 'agrees with Get-ExchangeExposure -Summary on every light and names the update to install' {
        $path = Join-Path $TestDrive 'lights.html'
        $Results | Export-ExchangeHardeningReport -Path $path -Language en
        $html = Get-Content $path -Raw
        foreach ($summary in $Results | Where-Object { $_ -is [ExchangeHardening.ServerExposureSummary] }) {
            $html | Should -Match ('data-server="{0}" data-level="{1}"' -f $summary.Server, $summary.Level)
            $build = ($summary.LatestUpdate -split ' ')[3]
            $html | Should -Match ([regex]::Escape("<td>$build</td>"))
        }
        $html | Should -Match 'first upgrade the server to CU15, then install Aug26SU'
    }

    It 'returns the file with -PassThru and writes to a dated file in the current location without -Path' {
        Push-Location $TestDrive
        try {
            $file = $Results | Export-ExchangeHardeningReport -PassThru
            $file | Should -BeOfType [System.IO.FileInfo]
            $file.Name | Should -Be ('ExchangeHardeningReport-{0:yyyy-MM-dd}.html' -f [datetime]::UtcNow)
            $file.DirectoryName | Should -Be (Get-Location).ProviderPath
        }
        finally { Pop-Location }
    }

    It 'keeps an existing file with -NoClobber and says so' {
        $path = Join-Path $TestDrive 'existing.html'
        Set-Content -Path $path -Value 'keep me'
        $Results | Export-ExchangeHardeningReport -Path $path -NoClobber -ErrorVariable problems -ErrorAction SilentlyContinue
        Get-Content $path -Raw | Should -Be "keep me$([Environment]::NewLine)"
        $problems.FullyQualifiedErrorId | Should -Be 'ReportFileExists,ExchangeHardening.Commands.ExportExchangeHardeningReportCommand'
    }

    It 'gives the same report from objects deserialized after remoting and read back from CLIXML' {
        $live = Join-Path $TestDrive 'live-same.html'
        $Results | Export-ExchangeHardeningReport -Path $live -Language en
        $remote = Join-Path $TestDrive 'remote.html'
        $Results | ForEach-Object { [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($_, 5)) } |
            Export-ExchangeHardeningReport -Path $remote -Language en
        $clixml = Join-Path $TestDrive 'results.xml'
        $Results | Export-Clixml -Path $clixml -Depth 5
        $fromFile = Join-Path $TestDrive 'clixml.html'
        Import-Clixml $clixml | Export-ExchangeHardeningReport -Path $fromFile -Language en
        Get-StableHtml $remote | Should -Be (Get-StableHtml $live)
        Get-StableHtml $fromFile | Should -Be (Get-StableHtml $live)
    }

    It 'reads objects back from JSON, enumeration values as numbers or names, and a JSON array as one object' {
        $live = Join-Path $TestDrive 'live-json.html'
        $Results | Export-ExchangeHardeningReport -Path $live -Language en
        $json = $Results | ConvertTo-Json -Depth 5 # enums as numbers, as Windows PowerShell 5.1 writes them
        $numbers = Join-Path $TestDrive 'json-numbers.html'
        $json | ConvertFrom-Json | Export-ExchangeHardeningReport -Path $numbers -Language en
        $names = Join-Path $TestDrive 'json-names.html'
        $Results | ConvertTo-Json -Depth 5 -EnumsAsStrings | ConvertFrom-Json | Export-ExchangeHardeningReport -Path $names -Language en
        $array = Join-Path $TestDrive 'json-array.html'
        Export-ExchangeHardeningReport -Path $array -Language en -InputObject ($json | ConvertFrom-Json -NoEnumerate)
        foreach ($path in $numbers, $names, $array) {
            Get-ServerSection (Get-Content $path -Raw) | Should -Be (Get-ServerSection (Get-Content $live -Raw))
        }
        Get-StableHtml $names | Should -Be (Get-StableHtml $numbers)
    }

    It 'turns each object it cannot use into a non-terminating error and still writes the report' {
        $path = Join-Path $TestDrive 'mixed.html'
        $badLevel = [pscustomobject]@{ Server = 'EX99'; Level = 'Purple'; VulnerableCount = 0 }
        $noServer = [pscustomobject]@{ RuleId = 'EXH-PL-001'; Category = 'WebShell'; Severity = 'High'; Server = '' }
        $inputs = @('just text', (Get-Date), $true, $badLevel, $noServer) + $Results
        $inputs | Export-ExchangeHardeningReport -Path $path -Language en -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems.Count | Should -Be 5
        $problems | ForEach-Object { $_.FullyQualifiedErrorId | Should -Be 'ReportInputInvalid,ExchangeHardening.Commands.ExportExchangeHardeningReportCommand' }
        $problems | ForEach-Object { $_.CategoryInfo.Category | Should -Be 'InvalidArgument' }
        $problems[0].TargetObject | Should -Be 'just text'
        $problems[2].Exception.Message | Should -BeLike '*Pipe Test-EmergencyMitigation without -Quiet*'
        $problems[3].Exception.Message | Should -BeLike "*server 'EX99'*the property Level is 'Purple', expected one of Red, Orange, Yellow, Green*"
        $problems[4].Exception.Message | Should -BeLike '*the property Server is missing or empty*'
        @(Get-ServerSection (Get-Content $path -Raw)).Count | Should -Be $ServerNames.Count
    }

    It 'writes no file and says why when nothing usable was piped' {
        $path = Join-Path $TestDrive 'nothing.html'
        @() | Export-ExchangeHardeningReport -Path $path -ErrorVariable problems -ErrorAction SilentlyContinue
        Test-Path $path | Should -BeFalse
        $problems.FullyQualifiedErrorId | Should -Be 'ReportInputMissing,ExchangeHardening.Commands.ExportExchangeHardeningReportCommand'
        { @() | Export-ExchangeHardeningReport -Path $path -ErrorAction Stop } | Should -Throw -ErrorId 'ReportInputMissing*'
    }

    It 'writes German with -Language de, and by default in a German session' {
        $path = Join-Path $TestDrive 'de.html'
        $Results | Export-ExchangeHardeningReport -Path $path -Language de -Organization 'Kanzlei Muster'
        $html = Get-Content $path -Raw -Encoding utf8
        $html | Should -Match '<html lang="de">'
        $html | Should -Match 'Erstellt für Kanzlei Muster am'
        $html | Should -Match 'Sofort handeln'
        $html | Should -Not -Match 'What to install|In plain words'

        $saved = [System.Threading.Thread]::CurrentThread.CurrentUICulture
        try {
            [System.Threading.Thread]::CurrentThread.CurrentUICulture = [cultureinfo] 'de-AT'
            $Results | Export-ExchangeHardeningReport -Path (Join-Path $TestDrive 'default-de.html')
            [System.Threading.Thread]::CurrentThread.CurrentUICulture = [cultureinfo] 'fr-FR'
            $Results | Export-ExchangeHardeningReport -Path (Join-Path $TestDrive 'default-en.html')
        }
        finally { [System.Threading.Thread]::CurrentThread.CurrentUICulture = $saved }
        Get-Content (Join-Path $TestDrive 'default-de.html') -Raw | Should -Match '<html lang="de">'
        Get-Content (Join-Path $TestDrive 'default-en.html') -Raw | Should -Match '<html lang="en">'
    }

    It 'rejects a language it does not have' {
        { $Results | Export-ExchangeHardeningReport -Path (Join-Path $TestDrive 'fr.html') -Language fr } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'The report in headless Chromium (<Language>)' -ForEach @(
    @{ Language = 'en'; Title = 'Exchange Server security report'; ActNow = 'Act now' }
    @{ Language = 'de'; Title = 'Sicherheitsbericht Exchange Server'; ActNow = 'Sofort handeln' }
) {
    BeforeAll {
        $page = Join-Path $TestDrive "report-$Language.html"
        $Results | Export-ExchangeHardeningReport -Path $page -Language $Language -Organization 'Kanzlei Muster & Partner'
        # One browser run per language gives the screenshot, the DOM and the console.
        $shot = Join-Path $TestDrive "report-$Language.png"
        if (-not (Get-ChromiumTestPolicy).Skip) {
            $rendered = Invoke-HeadlessChromium -Path $page -ScreenshotPath $shot -WindowSize '1280,1600'
        }
    }

    It 'renders without console errors and shows every server' -Skip:$Browser.Skip {
        $rendered.ConsoleErrors | ForEach-Object { "$($_.Source): $($_.Text)" } | Should -BeNullOrEmpty
        $rendered.ConsoleMessages | ForEach-Object { "$($_.Level) $($_.Source): $($_.Text)" } | Should -BeNullOrEmpty -Because 'a clean page logs nothing at all'
        $rendered.Title | Should -Be $Title
        foreach ($name in $ServerNames) {
            $rendered.Text | Should -Match "(?m)^\s*$([regex]::Escape($name))\b" -Because "$name must be visible"
            $rendered.Dom | Should -Match "<section class=""server[^""]*"" id=""server-$name"""
        }
        $rendered.Text | Should -Match $ActNow
        $rendered.Text | Should -Match 'Kanzlei Muster & Partner'
        if ($env:EXCHANGEHARDENING_ARTIFACTS) { Copy-Item $shot $env:EXCHANGEHARDENING_ARTIFACTS }
    }

    It 'paints the traffic lights of the overview' -Skip:$Browser.Skip {
        $png = Get-PngInfo -Path $shot -Color '#b71c1c', '#f9a825', '#2e7d32'
        $png.Width | Should -Be 1280
        $png.Height | Should -Be 1600
        ($png.Colors | Where-Object Color -eq '#b71c1c').Count | Should -BeGreaterThan 400 -Because 'the red lights of four servers are painted'
        ($png.Colors | Where-Object Color -eq '#f9a825').Count | Should -BeGreaterThan 100 -Because 'the yellow light of EXSE01 is painted'
    }

}

Describe 'The printed report' {
    It 'starts every server on a page of its own, after the overview' -Skip:$Browser.Skip {
        # Twelve servers known only by their build have sections short enough to share a page: with the page breaks
        # of the print style there are exactly 1 + 12 pages; the same page without its page-break rule (the control)
        # prints on fewer.
        $builds = '15.2.1748.10', '15.2.1748.24', '15.2.1748.39', '15.2.1544.4', '15.2.1544.39', '15.2.1118.7',
            '15.1.2507.6', '15.1.2507.66', '15.2.2562.17', '15.2.1258.12', '15.1.2375.7', '15.2.986.5'
        $page = Join-Path $TestDrive 'short.html'
        $builds | Get-ExchangeExposure -Summary -AsOf '2026-11-30' | Export-ExchangeHardeningReport -Path $page -Language en
        $printed = Invoke-HeadlessChromium -Path $page -ScreenshotPath (Join-Path $TestDrive 'short.png') -Print (Join-Path $TestDrive 'short.pdf') -Media print
        $printed.ConsoleErrors | Should -BeNullOrEmpty
        $printed.PdfPageCount | Should -Be 13
        $control = Join-Path $TestDrive 'short-without-breaks.html'
        $html = Get-Content $page -Raw -Encoding utf8
        $html.Contains('break-before: page;') | Should -BeTrue
        Set-Content -Path $control -Value $html.Replace('break-before: page;', '') -Encoding utf8 -NoNewline
        $unbroken = Invoke-HeadlessChromium -Path $control -ScreenshotPath (Join-Path $TestDrive 'control.png') -Print (Join-Path $TestDrive 'control.pdf') -Media print
        $unbroken.PdfPageCount | Should -BeLessThan 13
    }
}
