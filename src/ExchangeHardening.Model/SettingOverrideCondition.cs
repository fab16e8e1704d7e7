using System;

namespace ExchangeHardening
{
    /// <summary>A setting override (New-SettingOverride -Component -Section -Parameters) that switches a fix off.</summary>
    public sealed class SettingOverrideCondition
    {
        public SettingOverrideCondition(string component, string section, string parameter, string value)
        {
            Component = component;
            Section = section;
            Parameter = parameter;
            Value = value;
        }

        public string Component { get; }

        public string Section { get; }

        public string Parameter { get; }

        public string Value { get; }

        /// <summary>True when an override with these component, section and parameter=value is present.</summary>
        public bool Matches(string? component, string? section, string? parameter, string? value) =>
            string.Equals(Component, component, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Section, section, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Parameter, parameter, StringComparison.OrdinalIgnoreCase)
            && string.Equals(Value, value, StringComparison.OrdinalIgnoreCase);

        public override string ToString() => $"{Component}\\{Section} {Parameter}={Value}";
    }
}
