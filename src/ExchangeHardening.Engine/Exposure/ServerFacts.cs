using System;
using System.Collections.Generic;
using ExchangeHardening.Engine.Builds;

namespace ExchangeHardening.Engine.Exposure
{
    /// <summary>What the input tells about one server, independent of where it came from.</summary>
    public sealed class ServerFacts
    {
        public ServerFacts(string name, ExchangeBuild build, BuildSource buildSource)
        {
            Name = name;
            Build = build;
            BuildSource = buildSource;
        }

        public string Name { get; }

        public ExchangeBuild Build { get; }

        public BuildSource BuildSource { get; }

        public bool IsEdge { get; set; }

        public IReadOnlyList<string> MitigationsApplied { get; set; } = Array.Empty<string>();

        /// <summary>Null when the caller did not pass setting overrides: then they are not known, not absent.</summary>
        public IReadOnlyList<SettingOverrideFact>? SettingOverrides { get; set; }

        /// <summary>False when some of the given setting overrides could not be read: absence of an override then proves nothing.</summary>
        public bool SettingOverridesComplete { get; set; } = true;
    }
}
