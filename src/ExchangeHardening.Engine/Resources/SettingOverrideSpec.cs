using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>A Get-SettingOverride entry (component, section, parameter=value) that switches a fix off.</summary>
    public sealed class SettingOverrideSpec : LocatedNode
    {
        public string? Component { get; set; }

        public string? Section { get; set; }

        public string? Parameter { get; set; }

        public string? Value { get; set; }
    }
}
