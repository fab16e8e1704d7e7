<#
.SYNOPSIS
    Packages a built PowerShell module folder: a zip for Azure Automation and manual installs, and a .nupkg in
    the PowerShell Gallery layout.
.DESCRIPTION
    Dot-source this file, then call New-ModulePackage. build.ps1 -Task Package and tests/Pester/Package.Tests.ps1
    both use it, so the test checks the packages the build writes. It needs nothing but PowerShell 5.1 or 7:
    the archives are written with System.IO.Compression (no nuget.exe, no PowerShell Gallery, no network).

    <Name>.zip      <Name>/ at the zip root, the manifest at <Name>/<Name>.psd1. Azure Automation imports such a
                    zip (the zip, its folder and the manifest must carry the module name), and
                    Expand-Archive into a Modules folder installs it.
    <Name>.<Version>.nupkg
                    what Publish-Module would upload: the module files at the package root next to
                    <Name>.nuspec, plus the Open Packaging Conventions parts NuGet writes
                    ([Content_Types].xml, _rels/.rels, the core-properties part). Install-Module,
                    Save-Module, Install-PSResource and Save-PSResource read it from a folder or feed.

    The version and every other piece of metadata come from the module manifest; nothing is repeated here.
    Paths inside the archives always use '/'. Entry names are written as they are, also in the .nupkg (see
    ConvertTo-PackagePartName for why spaces are not escaped to %20).
#>

function Get-ModulePackageFile {
    # The files and folders of the module, with their paths relative to the module folder ('/'-separated),
    # sorted so that two runs write the entries in the same order.
    param([Parameter(Mandatory)] [string] $ModuleFolder)

    $base = (Resolve-Path -LiteralPath $ModuleFolder).ProviderPath.TrimEnd('\', '/')
    Get-ChildItem -LiteralPath $base -Recurse -Force |
        ForEach-Object {
            [pscustomobject]@{
                FullName     = $_.FullName
                RelativePath = $_.FullName.Substring($base.Length + 1).Replace('\', '/')
                IsDirectory  = $_.PSIsContainer
            }
        } |
        Sort-Object -Property RelativePath -Culture ([cultureinfo]::InvariantCulture) -CaseSensitive
}

function Add-ZipFileEntry {
    param(
        [Parameter(Mandatory)] [System.IO.Compression.ZipArchive] $Archive,
        [Parameter(Mandatory)] [string] $EntryName,
        [Parameter(Mandatory)] [string] $SourcePath
    )
    $entry = $Archive.CreateEntry($EntryName, [System.IO.Compression.CompressionLevel]::Optimal)
    $entry.LastWriteTime = [datetimeoffset] (Get-Item -LiteralPath $SourcePath).LastWriteTime
    $target = $entry.Open()
    $source = [System.IO.File]::OpenRead($SourcePath)
    try { $source.CopyTo($target) } finally { $source.Dispose(); $target.Dispose() }
}

function Add-ZipTextEntry {
    param(
        [Parameter(Mandatory)] [System.IO.Compression.ZipArchive] $Archive,
        [Parameter(Mandatory)] [string] $EntryName,
        [Parameter(Mandatory)] [string] $Text
    )
    $entry = $Archive.CreateEntry($EntryName, [System.IO.Compression.CompressionLevel]::Optimal)
    $bytes = (New-Object System.Text.UTF8Encoding($false)).GetBytes($Text)
    $target = $entry.Open()
    try { $target.Write($bytes, 0, $bytes.Length) } finally { $target.Dispose() }
}

function New-ModuleZip {
    <#
    .SYNOPSIS
        Writes <Path> with the module folder at the zip root, named after the module.
    #>
    param(
        [Parameter(Mandatory)] [string] $ModuleFolder,
        [Parameter(Mandatory)] [string] $ModuleName,
        [Parameter(Mandatory)] [string] $Path
    )
    if (Test-Path -LiteralPath $Path) { Remove-Item -LiteralPath $Path -Force }
    $archive = [System.IO.Compression.ZipFile]::Open($Path, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        # An explicit entry for the root folder and each folder below it: some extractors (and Azure Automation's
        # check for "a folder named like the module") look for them; files carry their full path anyway.
        $null = $archive.CreateEntry("$ModuleName/")
        foreach ($item in Get-ModulePackageFile $ModuleFolder) {
            $name = "$ModuleName/$($item.RelativePath)"
            if ($item.IsDirectory) { $null = $archive.CreateEntry("$name/") }
            else { Add-ZipFileEntry -Archive $archive -EntryName $name -SourcePath $item.FullName }
        }
    }
    finally { $archive.Dispose() }
    Get-Item -LiteralPath $Path
}

function ConvertTo-PackagePartName {
    # A relative path as an entry name inside a .nupkg. NuGet escapes names (a space becomes %20) and unescapes
    # them when it extracts, and PowerShellGet 2.x does the same, but PSResourceGet 1.x (Install-PSResource,
    # Save-PSResource, the PowerShell 7.4+ default) extracts the names as they are: "Program%20Files" would
    # arrive as such. Names are therefore written as they are, which every client reads the same; a '%' would be
    # unescaped by NuGet and PowerShellGet 2.x, so a file name with one is refused rather than altered.
    param([Parameter(Mandatory)] [string] $RelativePath)
    if ($RelativePath.Contains('%')) {
        throw "'$RelativePath': a '%' in a file name is read differently by NuGet and PSResourceGet; rename the file."
    }
    $RelativePath
}

function Get-ModuleNuspecTag {
    # The Gallery's tags: the manifest's own, PSModule, and what PowerShellGet adds so that
    # Find-Module -Command/-Includes can find the module (PSIncludes_*, PSCmdlet_*, PSFunction_*, PSCommand_*).
    param([Parameter(Mandatory)] [hashtable] $Manifest)
    $tags = New-Object System.Collections.Generic.List[string]
    $psData = Get-ModuleManifestPSData $Manifest
    foreach ($tag in @($psData['Tags'])) { if ($tag) { $tags.Add([string] $tag) } }
    $tags.Add('PSModule')
    $cmdlets = @($Manifest['CmdletsToExport'] | Where-Object { $_ -and $_ -notmatch '\*' })
    $functions = @($Manifest['FunctionsToExport'] | Where-Object { $_ -and $_ -notmatch '\*' })
    if ($cmdlets.Count) { $tags.Add('PSIncludes_Cmdlet') }
    if ($functions.Count) { $tags.Add('PSIncludes_Function') }
    foreach ($name in $cmdlets) { $tags.Add("PSCmdlet_$name") }
    foreach ($name in $functions) { $tags.Add("PSFunction_$name") }
    foreach ($name in $cmdlets + $functions) { $tags.Add("PSCommand_$name") }
    # A tag is a word: the Gallery splits the list at spaces.
    @($tags | ForEach-Object { $_ -replace '\s+', '' } | Select-Object -Unique)
}

function Get-ModuleManifestPSData {
    param([Parameter(Mandatory)] [hashtable] $Manifest)
    if ($Manifest['PrivateData'] -is [hashtable] -and $Manifest['PrivateData']['PSData'] -is [hashtable]) {
        return $Manifest['PrivateData']['PSData']
    }
    @{}
}

function Get-ModulePackageVersion {
    # ModuleVersion, plus PSData.Prerelease as a SemVer suffix when the manifest has one.
    param([Parameter(Mandatory)] [hashtable] $Manifest)
    $version = [string] $Manifest['ModuleVersion']
    if (-not $version) { throw 'The module manifest has no ModuleVersion.' }
    $prerelease = [string] (Get-ModuleManifestPSData $Manifest)['Prerelease']
    if ($prerelease) { $version = "$version-$($prerelease.TrimStart('-'))" }
    $version
}

function New-ModuleNuspec {
    <#
    .SYNOPSIS
        The .nuspec XML for a module manifest, as PowerShellGet expects it in a Gallery package.
    #>
    param(
        [Parameter(Mandatory)] [string] $ModuleName,
        [Parameter(Mandatory)] [hashtable] $Manifest,
        [string] $LicenseExpression
    )
    $psData = Get-ModuleManifestPSData $Manifest
    $settings = New-Object System.Xml.XmlWriterSettings
    $settings.Indent = $true
    $settings.Encoding = New-Object System.Text.UTF8Encoding($false)
    # A stream, not a StringWriter: the declaration must say utf-8, as the bytes written to the package are.
    $stream = New-Object System.IO.MemoryStream
    $writer = [System.Xml.XmlWriter]::Create($stream, $settings)
    $ns = 'http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd'
    $writer.WriteStartDocument()
    $writer.WriteStartElement('package', $ns)
    $writer.WriteStartElement('metadata', $ns)
    $writer.WriteElementString('id', $ns, $ModuleName)
    $writer.WriteElementString('version', $ns, (Get-ModulePackageVersion $Manifest))
    $authors = if ($Manifest['Author']) { [string] $Manifest['Author'] } else { $ModuleName }
    $writer.WriteElementString('authors', $ns, $authors)
    $owners = if ($Manifest['CompanyName']) { [string] $Manifest['CompanyName'] } else { $authors }
    $writer.WriteElementString('owners', $ns, $owners)
    $writer.WriteElementString('requireLicenseAcceptance', $ns, ([bool] $psData['RequireLicenseAcceptance']).ToString().ToLowerInvariant())
    if ($LicenseExpression) {
        $writer.WriteStartElement('license', $ns)
        $writer.WriteAttributeString('type', 'expression')
        $writer.WriteString($LicenseExpression)
        $writer.WriteEndElement()
        # Older clients read only licenseUrl; this is the URL NuGet itself writes for an expression.
        $writer.WriteElementString('licenseUrl', $ns, "https://licenses.nuget.org/$([uri]::EscapeDataString($LicenseExpression))")
    }
    elseif ($psData['LicenseUri']) {
        $writer.WriteElementString('licenseUrl', $ns, [string] $psData['LicenseUri'])
    }
    if ($psData['ProjectUri']) { $writer.WriteElementString('projectUrl', $ns, [string] $psData['ProjectUri']) }
    if ($psData['IconUri']) { $writer.WriteElementString('iconUrl', $ns, [string] $psData['IconUri']) }
    if (-not $Manifest['Description']) { throw 'The module manifest has no Description; the Gallery requires one.' }
    $writer.WriteElementString('description', $ns, [string] $Manifest['Description'])
    if ($psData['ReleaseNotes']) { $writer.WriteElementString('releaseNotes', $ns, (@($psData['ReleaseNotes']) -join "`n")) }
    if ($Manifest['Copyright']) { $writer.WriteElementString('copyright', $ns, [string] $Manifest['Copyright']) }
    $writer.WriteElementString('tags', $ns, ((Get-ModuleNuspecTag $Manifest) -join ' '))
    $required = @($Manifest['RequiredModules'] | Where-Object { $_ })
    if ($required.Count) {
        $writer.WriteStartElement('dependencies', $ns)
        foreach ($module in $required) {
            $writer.WriteStartElement('dependency', $ns)
            if ($module -is [hashtable]) {
                $writer.WriteAttributeString('id', [string] $module['ModuleName'])
                if ($module['RequiredVersion']) { $writer.WriteAttributeString('version', "[$($module['RequiredVersion'])]") }
                elseif ($module['ModuleVersion'] -and $module['MaximumVersion']) { $writer.WriteAttributeString('version', "[$($module['ModuleVersion']),$($module['MaximumVersion'])]") }
                elseif ($module['ModuleVersion']) { $writer.WriteAttributeString('version', [string] $module['ModuleVersion']) }
            }
            else { $writer.WriteAttributeString('id', [string] $module) }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
    $writer.WriteEndElement()
    $writer.WriteEndDocument()
    $writer.Flush()
    $writer.Dispose()
    [System.Text.Encoding]::UTF8.GetString($stream.ToArray())
}

function New-ModuleNupkg {
    <#
    .SYNOPSIS
        Writes <OutputFolder>/<Name>.<Version>.nupkg: module files and <Name>.nuspec at the package root.
    #>
    param(
        [Parameter(Mandatory)] [string] $ModuleFolder,
        [Parameter(Mandatory)] [string] $ModuleName,
        [Parameter(Mandatory)] [hashtable] $Manifest,
        [Parameter(Mandatory)] [string] $OutputFolder,
        [string] $LicenseExpression
    )
    $version = Get-ModulePackageVersion $Manifest
    $path = Join-Path $OutputFolder "$ModuleName.$version.nupkg"
    if (Test-Path -LiteralPath $path) { Remove-Item -LiteralPath $path -Force }
    $nuspecName = "$ModuleName.nuspec"
    $files = @(Get-ModulePackageFile $ModuleFolder | Where-Object { -not $_.IsDirectory })
    $relativePaths = @($files | ForEach-Object { $_.RelativePath })
    foreach ($reserved in $nuspecName, '[Content_Types].xml') {
        if ($relativePaths -contains $reserved) { throw "The module folder must not contain '$reserved': the package writes its own." }
    }
    if ($files | Where-Object { $_.RelativePath -like '_rels/*' -or $_.RelativePath -like 'package/*' }) {
        throw "The module folder must not contain the folders '_rels' or 'package': NuGet reserves them."
    }

    # Open Packaging Conventions: a content type for every extension (an override for files without one),
    # a relationship to the nuspec and to the core properties. The core-properties part name is derived from
    # the id and version, so the same module version always gets the same name.
    $types = [ordered]@{ rels = 'application/vnd.openxmlformats-package.relationships+xml'; psmdcp = 'application/vnd.openxmlformats-package.core-properties+xml'; nuspec = 'application/octet' }
    $overrides = New-Object System.Collections.Generic.List[string]
    foreach ($file in $files) {
        $leaf = $file.RelativePath.Split('/')[-1]
        $dot = $leaf.LastIndexOf('.')
        if ($dot -gt 0 -and $dot -lt $leaf.Length - 1) {
            $extension = $leaf.Substring($dot + 1)
            if (-not ($types.Keys | Where-Object { $_ -eq $extension })) { $types[$extension] = 'application/octet' }
        }
        else { $overrides.Add('/' + (($file.RelativePath.Split('/') | ForEach-Object { [uri]::EscapeDataString($_) }) -join '/')) }
    }
    $md5 = [System.Security.Cryptography.MD5]::Create()
    $partId = ([guid] [byte[]] $md5.ComputeHash([System.Text.Encoding]::UTF8.GetBytes("$ModuleName/$version".ToLowerInvariant()))).ToString('N')
    $md5.Dispose()
    $corePart = "package/services/metadata/core-properties/$partId.psmdcp"

    $escape = { param([string] $value) [System.Security.SecurityElement]::Escape($value) }
    $contentTypes = New-Object System.Text.StringBuilder
    $null = $contentTypes.Append('<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">')
    foreach ($key in $types.Keys) { $null = $contentTypes.Append("<Default Extension=`"$(& $escape $key)`" ContentType=`"$($types[$key])`" />") }
    foreach ($part in $overrides) { $null = $contentTypes.Append("<Override PartName=`"$(& $escape $part)`" ContentType=`"application/octet`" />") }
    $null = $contentTypes.Append('</Types>')

    $rels = '<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        "<Relationship Type=`"http://schemas.microsoft.com/packaging/2010/07/manifest`" Target=`"/$(& $escape (ConvertTo-PackagePartName $nuspecName))`" Id=`"R$($partId.Substring(0, 16))`" />" +
        "<Relationship Type=`"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties`" Target=`"/$corePart`" Id=`"R$($partId.Substring(16))`" />" +
        '</Relationships>'

    $tags = (Get-ModuleNuspecTag $Manifest) -join ' '
    $author = if ($Manifest['Author']) { [string] $Manifest['Author'] } else { $ModuleName }
    $core = '<?xml version="1.0" encoding="utf-8"?><coreProperties xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.openxmlformats.org/package/2006/metadata/core-properties">' +
        "<dc:creator>$(& $escape $author)</dc:creator><dc:description>$(& $escape ([string] $Manifest['Description']))</dc:description>" +
        "<dc:identifier>$(& $escape $ModuleName)</dc:identifier><version>$(& $escape $version)</version><keywords>$(& $escape $tags)</keywords>" +
        '<lastModifiedBy>ExchangeHardening ModulePackage.ps1</lastModifiedBy></coreProperties>'

    $archive = [System.IO.Compression.ZipFile]::Open($path, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        Add-ZipTextEntry -Archive $archive -EntryName '_rels/.rels' -Text $rels
        Add-ZipTextEntry -Archive $archive -EntryName (ConvertTo-PackagePartName $nuspecName) -Text (New-ModuleNuspec -ModuleName $ModuleName -Manifest $Manifest -LicenseExpression $LicenseExpression)
        foreach ($file in $files) {
            Add-ZipFileEntry -Archive $archive -EntryName (ConvertTo-PackagePartName $file.RelativePath) -SourcePath $file.FullName
        }
        Add-ZipTextEntry -Archive $archive -EntryName $corePart -Text $core
        Add-ZipTextEntry -Archive $archive -EntryName '[Content_Types].xml' -Text $contentTypes.ToString()
    }
    finally { $archive.Dispose() }
    Get-Item -LiteralPath $path
}

function Get-ArchivePathViolation {
    <#
    .SYNOPSIS
        The entries of a zip or .nupkg whose path is not shorter than MaxLength characters (Azure Automation
        rejects a module zip with a path of 140 characters or more).
    #>
    param(
        [Parameter(Mandatory)] [string] $Path,
        [int] $MaxLength = 140
    )
    $archive = [System.IO.Compression.ZipFile]::OpenRead($Path)
    try {
        foreach ($entry in $archive.Entries) {
            if ($entry.FullName.Length -ge $MaxLength) {
                [pscustomobject]@{ Archive = Split-Path -Leaf $Path; Entry = $entry.FullName; Length = $entry.FullName.Length }
            }
        }
    }
    finally { $archive.Dispose() }
}

function New-ModulePackage {
    <#
    .SYNOPSIS
        Writes <OutputFolder>/<Name>.zip and <OutputFolder>/<Name>.<Version>.nupkg for a built module folder.
    .DESCRIPTION
        The module name is the folder's name; <Name>.psd1 must be in it. Returns the paths, the version and
        the entries of both archives whose paths are MaxPathLength characters or longer (PathViolations).
        It does not throw for those: the caller decides (build.ps1 fails the build, the test reports them).
    #>
    param(
        [Parameter(Mandatory)] [string] $ModuleFolder,
        [Parameter(Mandatory)] [string] $OutputFolder,
        [int] $MaxPathLength = 140,
        [string] $LicenseExpression
    )
    # Strict mode here covers the helpers this calls, without changing the scope that dot-sourced the file.
    Set-StrictMode -Version Latest
    $ErrorActionPreference = 'Stop'
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    $folder = (Resolve-Path -LiteralPath $ModuleFolder).ProviderPath.TrimEnd('\', '/')
    $name = Split-Path -Leaf $folder
    $manifestPath = Join-Path $folder "$name.psd1"
    if (-not (Test-Path -LiteralPath $manifestPath)) { throw "No module manifest '$name.psd1' in '$folder': the folder must be named after the module." }
    $manifest = Import-PowerShellDataFile -LiteralPath $manifestPath
    $null = New-Item -ItemType Directory -Path $OutputFolder -Force
    $output = (Resolve-Path -LiteralPath $OutputFolder).ProviderPath

    $zip = New-ModuleZip -ModuleFolder $folder -ModuleName $name -Path (Join-Path $output "$name.zip")
    $nupkg = New-ModuleNupkg -ModuleFolder $folder -ModuleName $name -Manifest $manifest -OutputFolder $output -LicenseExpression $LicenseExpression
    [pscustomobject]@{
        Name           = $name
        Version        = Get-ModulePackageVersion $manifest
        Zip            = $zip.FullName
        Nupkg          = $nupkg.FullName
        PathViolations = @(Get-ArchivePathViolation -Path $zip.FullName -MaxLength $MaxPathLength) + @(Get-ArchivePathViolation -Path $nupkg.FullName -MaxLength $MaxPathLength)
    }
}
