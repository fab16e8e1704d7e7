using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Exposure
{
    /// <summary>A Get-SettingOverride entry as the engine sees it: component, section, parameters and the servers it targets.</summary>
    public sealed class SettingOverrideFact
    {
        public SettingOverrideFact(string name, string component, string section, IReadOnlyDictionary<string, string> parameters, IReadOnlyList<string> servers)
        {
            Name = name;
            Component = component;
            Section = section;
            Parameters = parameters;
            Servers = servers;
        }

        public string Name { get; }

        public string Component { get; }

        public string Section { get; }

        public IReadOnlyDictionary<string, string> Parameters { get; }

        /// <summary>The servers it targets; empty means every server of the organisation.</summary>
        public IReadOnlyList<string> Servers { get; }

        public bool AppliesTo(string server) =>
            Servers.Count == 0 || Servers.Any(s => string.Equals(ShortName(s), ShortName(server), StringComparison.OrdinalIgnoreCase));

        public bool Disables(SettingOverrideCondition condition) =>
            Parameters.TryGetValue(condition.Parameter, out var value) && condition.Matches(Component, Section, condition.Parameter, value);

        public override string ToString() => $"{Name} ({Component}\\{Section} {string.Join(", ", Parameters.Select(p => p.Key + "=" + p.Value))})";

        private static string ShortName(string server)
        {
            var dot = server.IndexOf('.');
            return dot > 0 ? server.Substring(0, dot) : server;
        }
    }
}
