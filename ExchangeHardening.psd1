@{
    RootModule             = 'ExchangeHardening.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '8d357a05-7759-4ad8-8fa9-7af42adb46cb'
    Author                 = 'ExchangeHardening contributors'
    CompanyName            = 'ExchangeHardening contributors'
    Copyright              = '(c) ExchangeHardening contributors. MIT licence.'
    Description            = 'Answers three questions for on-premises Exchange Server admins: which known vulnerabilities apply to each server, whether the Emergency Mitigation service works and its mitigations are still needed, and whether the server was compromised (EOMT review and log hunting). Data-driven from YAML advisories shipped with the module.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    CmdletsToExport        = @(
        'Get-ExchangeAdvisory'
        'Get-ExchangeExposure'
        'Test-EmergencyMitigation'
        'Invoke-EomtReview'
        'Invoke-ExchangeHardeningCompliance'
        'Export-ExchangeHardeningReport'
    )
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    FormatsToProcess       = @('ExchangeHardening.Format.ps1xml')
    TypesToProcess         = @('ExchangeHardening.Types.ps1xml')
    PrivateData            = @{
        PSData = @{
            Tags         = @('Exchange', 'ExchangeServer', 'Security', 'ProxyLogon', 'ProxyShell', 'ProxyNotShell', 'EOMT', 'EmergencyMitigation', 'Hardening', 'Windows', 'PSEdition_Desktop', 'PSEdition_Core')
            ReleaseNotes = 'First release: Get-ExchangeExposure, Test-EmergencyMitigation, Invoke-EomtReview and Get-ExchangeAdvisory over YAML advisory data; Invoke-ExchangeHardeningCompliance (Pester suite); Export-ExchangeHardeningReport (printable HTML report in English or German).'
        }
    }
}
