using System;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;

namespace ExchangeHardening.Platform
{
    /// <summary>Chooses the host seam: a recording when EXCHANGEHARDENING_HOST_RECORDING names one, else the live Windows server.</summary>
    internal static class ExchangeHostFactory
    {
        public const string RecordingVariable = "EXCHANGEHARDENING_HOST_RECORDING";

        public static IExchangeHost Create(PSCmdlet cmdlet)
        {
            var recording = Environment.GetEnvironmentVariable(RecordingVariable);
            if (!string.IsNullOrWhiteSpace(recording))
            {
                return new RecordedExchangeHost(recording!);
            }

            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                throw new PlatformNotSupportedException("-Local reads the Exchange server this command runs on and works only on Windows. On other systems pass the server's objects or build (for example -Build 15.2.1748.43).");
            }

            return new WindowsExchangeHost(cmdlet);
        }

        public static string Describe(Exception ex) => ex is IOException || ex is PlatformNotSupportedException ? ex.Message : ex.GetType().Name + ": " + ex.Message;
    }
}
