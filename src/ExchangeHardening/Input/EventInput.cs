namespace ExchangeHardening.Input
{
    /// <summary>Recognises Windows event records on the pipeline (Get-WinEvent, Get-EventLog, or their deserialized copies).</summary>
    internal static class EventInput
    {
        public static bool IsEvent(object value)
        {
            var unwrapped = PowerShellValue.Unwrap(value);
            if (unwrapped == null || unwrapped is string)
            {
                return false;
            }

            var typeName = unwrapped.GetType().FullName ?? string.Empty;
            if (typeName == "System.Diagnostics.Eventing.Reader.EventLogRecord" || typeName == "System.Diagnostics.EventLogEntry")
            {
                return true;
            }

            // Deserialized or hand-made: the property shape decides (ProviderName+Id from Get-WinEvent, Source+EventID from Get-EventLog).
            return (PowerShellValue.HasProperty(unwrapped, "ProviderName") && PowerShellValue.HasProperty(unwrapped, "Id"))
                || (PowerShellValue.HasProperty(unwrapped, "Source") && PowerShellValue.HasProperty(unwrapped, "EventID"))
                || (PowerShellValue.HasProperty(unwrapped, "SourceName") && PowerShellValue.HasProperty(unwrapped, "EventID"));
        }
    }
}
