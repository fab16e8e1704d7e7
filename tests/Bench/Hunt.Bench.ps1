<#
.SYNOPSIS
    Benchmark of the log hunt: a deterministic synthetic corpus in the real formats with planted indicators,
    searched by Invoke-EomtReview, ripgrep (same literals) and Select-String, side by side.
.DESCRIPTION
    Targets on a 2-core machine: at least half of ripgrep's throughput, peak working set under 300 MB, and every
    planted indicator found with no false positive. ripgrep comes from Debian's package (installed here when missing
    and allowed). Select-String is measured on a slice of the corpus (it is far slower) and its rate is reported.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $SizeMB = 1024,
    [string] $CorpusPath = (Join-Path ([System.IO.Path]::GetTempPath()) 'exchangehardening-bench'),
    [int] $FilesPerKind = 8,
    [int] $SelectStringSliceMB = 64
)

$ErrorActionPreference = 'Stop'
Add-Type -TypeDefinition (Get-Content (Join-Path $PSScriptRoot 'CorpusGenerator.cs') -Raw) -Language CSharp

# 1. The corpus: generated once per size, reused by later runs.
$corpus = Join-Path $CorpusPath "corpus-$SizeMB"
$plantedFile = Join-Path $CorpusPath "planted-$SizeMB.txt"
if (-not (Test-Path $plantedFile)) {
    if (Test-Path $corpus) { Remove-Item $corpus -Recurse -Force }
    Write-Host "Generating a $SizeMB MB corpus in $corpus ..."
    $planted = [ExchangeHardening.Bench.CorpusGenerator]::Generate($corpus, $SizeMB, $FilesPerKind)
    New-Item -ItemType Directory -Path $CorpusPath -Force | Out-Null
    Set-Content -Path $plantedFile -Value $planted
}
$planted = @(Get-Content $plantedFile)
$bytes = (Get-ChildItem $corpus -Recurse -File | Measure-Object Length -Sum).Sum
$mb = $bytes / 1MB
Write-Host ("Corpus: {0:N0} MB in {1} files, {2} planted indicator lines" -f $mb, (Get-ChildItem $corpus -Recurse -File).Count, $planted.Count)

# 2. Our hunt, in its own process so its peak working set is its own.
$pwshDll = Join-Path $PSHOME 'pwsh.dll'
$resultFile = Join-Path $CorpusPath 'findings.csv'
$huntTimeFile = Join-Path $CorpusPath 'hunt-seconds.txt'
$script = "Import-Module '$ModulePath'; `$w = [Diagnostics.Stopwatch]::StartNew(); `$f = @(Invoke-EomtReview -Path '$corpus' -Server BENCH -ErrorAction SilentlyContinue); `$w.Stop(); Set-Content '$huntTimeFile' `$w.Elapsed.TotalSeconds.ToString([cultureinfo]::InvariantCulture); `$f | Where-Object Category -ne 'Coverage' | Select-Object RuleId, Path, Line | Export-Csv -Path '$resultFile' -NoTypeInformation"
$start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
foreach ($argument in @($pwshDll, '-NoProfile', '-NonInteractive', '-Command', $script)) { $start.ArgumentList.Add($argument) }
$start.UseShellExecute = $false
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$process = [System.Diagnostics.Process]::Start($start)
$peak = 0L
while (-not $process.WaitForExit(50)) {
    try { $process.Refresh(); $peak = [Math]::Max($peak, $process.PeakWorkingSet64) } catch { }
}
$watch.Stop()
# The hunt itself (Invoke-EomtReview, data loading included) and the whole process (PowerShell start, module import).
$huntSeconds = [double]::Parse((Get-Content $huntTimeFile -Raw).Trim(), [cultureinfo]::InvariantCulture)
$ours = $mb / $huntSeconds
$endToEnd = $mb / $watch.Elapsed.TotalSeconds

# 3. ripgrep with the same literals (case-insensitive fixed strings), counting matching lines.
if (-not (Get-Command rg -ErrorAction SilentlyContinue) -and (Get-Command apt-get -ErrorAction SilentlyContinue)) {
    & apt-get install -y ripgrep *> $null
}
$literals = @('ServerInfo~', 'autodiscover.json', 'X-Rps-CAT', 'logon.css', 'owafont', '/ecp/y.js', 'Reset', 'VirtualDirectory')
$rgRate = $null
if (Get-Command rg -ErrorAction SilentlyContinue) {
    $rgArgs = @('-c', '-i', '-F') + ($literals | ForEach-Object { '-e', $_ }) + @($corpus)
    $rgTime = Measure-Command { & rg @rgArgs | Out-Null }
    $rgRate = $mb / $rgTime.TotalSeconds
}

# 4. Select-String on a slice.
$slice = @(); $sliceBytes = 0L
foreach ($file in Get-ChildItem $corpus -Recurse -File | Sort-Object FullName) {
    if ($sliceBytes -ge $SelectStringSliceMB * 1MB) { break }
    $slice += $file.FullName; $sliceBytes += $file.Length
}
$ssTime = Measure-Command { $null = Select-String -Path $slice -SimpleMatch -Pattern $literals }
$ssRate = ($sliceBytes / 1MB) / $ssTime.TotalSeconds

# 5. Correctness: every planted line found, nothing else of those rules.
$found = @(Import-Csv $resultFile | ForEach-Object { "$($_.RuleId)|$($_.Path.Substring($corpus.Length).TrimStart('/', '\').Replace('/', '\'))|$($_.Line)" })
$missing = @($planted | Where-Object { $_ -notin $found })
$plantedRules = $planted | ForEach-Object { $_.Split('|')[0] } | Sort-Object -Unique
$extra = @($found | Where-Object { $_.Split('|')[0] -in $plantedRules -and $_ -notin $planted })

"{0,-28} {1,10} {2,12}" -f 'Tool', 'MB/s', 'vs ripgrep'
"{0,-28} {1,10:N0} {2,12}" -f 'Invoke-EomtReview', $ours, $(if ($rgRate) { '{0:P0}' -f ($ours / $rgRate) } else { 'n/a' })
"{0,-28} {1,10:N0} {2,12}" -f '  incl. pwsh start + import', $endToEnd, $(if ($rgRate) { '{0:P0}' -f ($endToEnd / $rgRate) } else { 'n/a' })
if ($rgRate) { "{0,-28} {1,10:N0} {2,12}" -f 'ripgrep (same literals)', $rgRate, '100%' }
"{0,-28} {1,10:N1} {2,12}" -f "Select-String ($SelectStringSliceMB MB slice)", $ssRate, $(if ($rgRate) { '{0:P1}' -f ($ssRate / $rgRate) } else { 'n/a' })
"Peak working set of the hunt: {0:N0} MB (target < 300 MB)" -f ($peak / 1MB)
"Planted indicators found: {0} of {1}; missing {2}; false positives {3}" -f ($planted.Count - $missing.Count), $planted.Count, $missing.Count, $extra.Count
$missing | Select-Object -First 5 | ForEach-Object { "  missing: $_" }
$extra | Select-Object -First 5 | ForEach-Object { "  extra:   $_" }

$failed = $missing.Count -gt 0 -or $extra.Count -gt 0 -or $peak -ge 300MB -or ($rgRate -and $ours -lt $rgRate / 2)
if ($failed) { Write-Host 'FAIL' -ForegroundColor Red; exit 1 }
Write-Host 'PASS' -ForegroundColor Green
