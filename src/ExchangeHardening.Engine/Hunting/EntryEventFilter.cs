using System;
using System.Collections.Generic;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Which events an indicator looks at. Provider and id must be present and match when named. Channel and level
    /// pass when the export does not carry them (shipper and Get-EventLog exports often leave one out); a present
    /// value must match.
    /// </summary>
    internal sealed class EntryEventFilter
    {
        private readonly string? channel;
        private readonly string? provider;
        private readonly HashSet<int>? ids;
        private readonly HashSet<int>? levels;

        public EntryEventFilter(string? channel, string? provider, IEnumerable<int>? ids, IEnumerable<int>? levels)
        {
            this.channel = string.IsNullOrWhiteSpace(channel) ? null : channel!.Trim();
            this.provider = string.IsNullOrWhiteSpace(provider) ? null : provider!.Trim();
            this.ids = ids == null ? null : new HashSet<int>(ids);
            this.levels = levels == null ? null : new HashSet<int>(levels);
            if (this.ids != null && this.ids.Count == 0)
            {
                this.ids = null;
            }

            if (this.levels != null && this.levels.Count == 0)
            {
                this.levels = null;
            }
        }

        public bool Matches(ExportedEvent e)
        {
            if (channel != null && e.LogName != null && !string.Equals(e.LogName.Trim(), channel, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            if (provider != null && (e.ProviderName == null || !string.Equals(e.ProviderName.Trim(), provider, StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            if (ids != null && (e.Id == null || !ids.Contains(e.Id.Value)))
            {
                return false;
            }

            return levels == null || e.Level == null || levels.Contains(e.Level.Value);
        }
    }
}
