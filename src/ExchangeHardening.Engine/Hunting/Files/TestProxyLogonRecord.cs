using System.Collections.Generic;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>One result Test-ProxyLogon.ps1 wrote: a CSV row (columns by header name) or a line of a .log output.</summary>
    internal sealed class TestProxyLogonRecord
    {
        public TestProxyLogonRecord(long line, IReadOnlyDictionary<string, string> fields, string text)
        {
            Line = line;
            Fields = fields;
            Text = text;
        }

        public long Line { get; }

        /// <summary>Column name to value, case-insensitive; a .log line has the single field Line.</summary>
        public IReadOnlyDictionary<string, string> Fields { get; }

        public string Text { get; }

        public string? this[string field] => Fields.TryGetValue(field, out var value) ? value : null;
    }
}
