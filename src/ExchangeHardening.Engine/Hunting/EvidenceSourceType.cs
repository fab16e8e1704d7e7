namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>What kind of evidence a file is, decided by its content and name shape, not its absolute path.</summary>
    public enum EvidenceSourceType
    {
        /// <summary>Not evidence the module reads.</summary>
        Other,

        /// <summary>Logging\HttpProxy\&lt;Protocol&gt;\HttpProxy_*.LOG (#Log-type: HttpProxy Logs).</summary>
        HttpProxyLog,

        /// <summary>IIS W3C logs (u_ex*.log, #Software: Microsoft Internet Information Services).</summary>
        IisLog,

        /// <summary>Logging\ECP\Server\ECPServer*.LOG.</summary>
        EcpServerLog,

        /// <summary>Logging\ECP\Activity\ECPActivity*.LOG.</summary>
        EcpActivityLog,

        /// <summary>Logging\OABGeneratorLog\*.log.</summary>
        OabGeneratorLog,

        /// <summary>Logging\MitigationService\*.log (Emergency Mitigation service).</summary>
        MitigationServiceLog,

        /// <summary>Exported Windows events (JSON, JSON lines, CSV).</summary>
        ExportedEvents,

        /// <summary>applicationHost.config and web.config files.</summary>
        IisConfiguration,

        /// <summary>Files served by IIS or Exchange web folders (inetpub\wwwroot, FrontEnd\HttpProxy, ClientAccess), incl. Temporary ASP.NET Files.</summary>
        WebFile,

        /// <summary>Files in places attackers stage data or tools (ProgramData, Windows\Temp, C:\root, Users\Public, ...).</summary>
        StagingFile,

        /// <summary>EOMT.log, EOMTv2.log and the unified EOMT debug logs.</summary>
        EomtLog,

        /// <summary>EOMTSummary.txt, EOMTv2Summary.txt.</summary>
        EomtSummary,

        /// <summary>Windows\debug\msert.log and msert.old.log (Microsoft Safety Scanner).</summary>
        MsertLog,

        /// <summary>A .reg export of HKLM\Software\MSERTBootstrap\PatchState.</summary>
        PatchStateExport,

        /// <summary>Outputs of Microsoft's Test-ProxyLogon.ps1 (*-Cve-2021-*.csv / .log).</summary>
        TestProxyLogonOutput,
    }
}
