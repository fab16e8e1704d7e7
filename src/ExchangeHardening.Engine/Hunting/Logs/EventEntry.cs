using System;
using System.Globalization;
using System.Text;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// An exported event as indicators see it: the common properties, flattened event-data fields by name (also as
    /// a nested key's last part, e.g. winlog.event_data.Image), and process fields that fall back to the rendered
    /// message when the export holds only that.
    /// </summary>
    internal sealed class EventEntry : EntryRecord
    {
        private ExportedEvent current = null!;
        private string? text;

        public ExportedEvent Event => current;

        public void Bind(ExportedEvent e)
        {
            current = e;
            text = null;
        }

        /// <summary>The message and every field value, one per line: what Text conditions and literals look at.</summary>
        public string Text()
        {
            if (text == null)
            {
                var builder = new StringBuilder(current.Message ?? string.Empty);
                foreach (var field in current.Fields)
                {
                    builder.Append('\n').Append(field.Value);
                }

                text = builder.ToString();
            }

            return text;
        }

        protected override string? Read(EntryField field)
        {
            var e = current;
            switch (field.Kind)
            {
                case EntryFieldKind.Channel:
                    return e.LogName;
                case EntryFieldKind.Provider:
                    return e.ProviderName;
                case EntryFieldKind.EventId:
                    return e.Id?.ToString(CultureInfo.InvariantCulture);
                case EntryFieldKind.Level:
                    return e.Level?.ToString(CultureInfo.InvariantCulture);
                case EntryFieldKind.Message:
                    return e.Message;
                case EntryFieldKind.Machine:
                    return e.MachineName;
                case EntryFieldKind.Image:
                    return Field("Image") ?? Field("NewProcessName") ?? EventMessageFields.Find(e.Message, "Image") ?? EventMessageFields.Find(e.Message, "New Process Name");
                case EntryFieldKind.ParentImage:
                    return Field("ParentImage") ?? Field("ParentProcessName") ?? EventMessageFields.Find(e.Message, "ParentImage")
                        ?? EventMessageFields.Find(e.Message, "Creator Process Name") ?? EventMessageFields.Find(e.Message, "Parent Process Name");
                case EntryFieldKind.CommandLine:
                    return Field("CommandLine") ?? Field("ProcessCommandLine") ?? EventMessageFields.Find(e.Message, "CommandLine")
                        ?? EventMessageFields.Find(e.Message, "Process Command Line");
                case EntryFieldKind.TargetFilename:
                    return Field("TargetFilename") ?? EventMessageFields.Find(e.Message, "TargetFilename");
                case EntryFieldKind.Text:
                    return Text();
                default:
                    return Field(field.NativeName) ?? EventMessageFields.Find(e.Message, field.NativeName);
            }
        }

        private string? Field(string name)
        {
            var value = current.GetField(name);
            if (value != null)
            {
                return value;
            }

            // Shippers nest event data (winlog.event_data.Image); the reader flattens it with dots.
            var suffix = "." + name;
            foreach (var field in current.Fields)
            {
                if (field.Key.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return field.Value;
                }
            }

            return null;
        }
    }
}
