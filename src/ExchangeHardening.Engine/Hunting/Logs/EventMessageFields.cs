using System;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Reads "Label: value" lines out of an event's rendered message. Get-WinEvent exports carry event data (Sysmon's
    /// Image and CommandLine, 4688's New Process Name) only in the message, so rules on those fields still work.
    /// </summary>
    internal static class EventMessageFields
    {
        /// <summary>The value after "<paramref name="label"/>:" at the start of a message line (leading tabs and spaces allowed); null when absent.</summary>
        public static string? Find(string? message, string label)
        {
            if (string.IsNullOrEmpty(message))
            {
                return null;
            }

            for (var at = message!.IndexOf(label, StringComparison.OrdinalIgnoreCase); at >= 0; at = message.IndexOf(label, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (!StartsLine(message, at))
                {
                    continue;
                }

                var colon = at + label.Length;
                if (colon >= message.Length || message[colon] != ':')
                {
                    continue;
                }

                var start = colon + 1;
                while (start < message.Length && (message[start] == ' ' || message[start] == '\t'))
                {
                    start++;
                }

                var end = message.IndexOfAny(new[] { '\r', '\n' }, start);
                return message.Substring(start, (end < 0 ? message.Length : end) - start).TrimEnd();
            }

            return null;
        }

        private static bool StartsLine(string message, int at)
        {
            var i = at - 1;
            while (i >= 0 && (message[i] == ' ' || message[i] == '\t'))
            {
                i--;
            }

            return i < 0 || message[i] == '\n' || message[i] == '\r';
        }
    }
}
