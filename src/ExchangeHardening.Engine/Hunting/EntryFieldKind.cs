namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>How an indicator field is read from a log entry or event.</summary>
    internal enum EntryFieldKind
    {
        /// <summary>A column of the log by name (#Fields), or an event property or flattened event-data field by name.</summary>
        Native,

        /// <summary>Path and query together (stem + '?' + query), so rules that name a path in a query still fire.</summary>
        Url,

        /// <summary>The whole entry: the raw line, or an event's message and field values.</summary>
        Text,

        Channel,

        Provider,

        EventId,

        Level,

        Message,

        Machine,

        /// <summary>The process image: Image (Sysmon), NewProcessName (4688), or the same label in the message.</summary>
        Image,

        /// <summary>The parent image: ParentImage (Sysmon), ParentProcessName (4688), or the label in the message.</summary>
        ParentImage,

        /// <summary>CommandLine (Sysmon, 4688) or the label in the message.</summary>
        CommandLine,

        /// <summary>TargetFilename (Sysmon 11) or the label in the message.</summary>
        TargetFilename,
    }
}
