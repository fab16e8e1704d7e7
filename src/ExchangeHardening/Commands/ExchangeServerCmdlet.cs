using System;
using System.Management.Automation;
using ExchangeHardening.Input;
using ExchangeHardening.Platform;

namespace ExchangeHardening.Commands
{
    /// <summary>
    /// The cmdlets that judge Exchange servers: they bind the same properties of Get-ExchangeServer objects (live or
    /// deserialized), ExSetup.exe versions and plain builds, and can read the running server with -Local.
    /// </summary>
    public abstract class ExchangeServerCmdlet : ExchangeHardeningCmdlet
    {
        /// <summary>Server objects, build strings, System.Version or FileVersionInfo objects from the pipeline.</summary>
        [Parameter(ValueFromPipeline = true)]
        public object? InputObject { get; set; }

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("Identity", "ComputerName", "ServerName")]
        public string? Name { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? AdminDisplayVersion { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("FileVersion", "ExSetupVersion")]
        public object? Build { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? IsEdgeServer { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object? ServerRole { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public object? MitigationsApplied { get; set; }

        [Parameter]
        public SwitchParameter Local { get; set; }

        /// <summary>The running server behind -Local (live or recorded); null without -Local.</summary>
        protected IExchangeHost? LocalHost { get; private set; }

        /// <summary>Opens the running server for -Local; a platform without it ends the command with a clear error.</summary>
        protected void OpenLocalHost()
        {
            if (!Local)
            {
                return;
            }

            try
            {
                LocalHost = ExchangeHostFactory.Create(this);
            }
            catch (Exception ex) when (ex is PlatformNotSupportedException || ex is System.IO.IOException || ex is UnauthorizedAccessException || ex is System.Xml.XmlException)
            {
                ThrowTerminatingError(new ErrorRecord(ex, "LocalServerUnavailable", ErrorCategory.NotImplemented, null));
            }
        }

        /// <summary>What the current pipeline record says about a server.</summary>
        internal ServerInput ReadServerInput(string? fqdn = null, object? localServer = null) => new ServerInput
        {
            InputObject = InputObject,
            Name = Name,
            Fqdn = fqdn,
            AdminDisplayVersion = AdminDisplayVersion,
            Build = Build,
            IsEdgeServer = IsEdgeServer ?? PowerShellValue.Property(localServer, "IsEdgeServer"),
            ServerRole = ServerRole ?? PowerShellValue.Property(localServer, "ServerRole"),
            MitigationsApplied = MitigationsApplied ?? PowerShellValue.Property(localServer, "MitigationsApplied"),
            LocalHost = LocalHost,
        };
    }
}
