using System;
using System.Collections.Generic;
using System.Linq;
using ExchangeHardening.Engine.Exposure;

namespace ExchangeHardening.Input
{
    /// <summary>Reads Get-SettingOverride objects (live or deserialized): Name, ComponentName, SectionName, Parameters
    /// ("Name=Value"), Server. Component and Section (the New-SettingOverride parameter names) are accepted too.</summary>
    internal static class SettingOverrideReader
    {
        public static bool TryRead(object value, out SettingOverrideFact? fact, out string error)
        {
            fact = null;
            var component = PowerShellValue.Text(PowerShellValue.Property(value, "ComponentName")) ?? PowerShellValue.Text(PowerShellValue.Property(value, "Component"));
            var section = PowerShellValue.Text(PowerShellValue.Property(value, "SectionName")) ?? PowerShellValue.Text(PowerShellValue.Property(value, "Section"));
            if (component == null || section == null)
            {
                error = $"'{PowerShellValue.Text(value)}' is not a setting override: it needs ComponentName and SectionName (pass the objects of Get-SettingOverride).";
                return false;
            }

            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var pair in PowerShellValue.Strings(PowerShellValue.Property(value, "Parameters")))
            {
                var equals = pair.IndexOf('=');
                if (equals > 0)
                {
                    parameters[pair.Substring(0, equals).Trim()] = pair.Substring(equals + 1).Trim();
                }
            }

            var name = PowerShellValue.Text(PowerShellValue.Property(value, "Name")) ?? PowerShellValue.Text(PowerShellValue.Property(value, "Identity")) ?? component + "\\" + section;
            var servers = PowerShellValue.Strings(PowerShellValue.Property(value, "Server"));
            fact = new SettingOverrideFact(name, component, section, parameters, servers);
            error = string.Empty;
            return true;
        }
    }
}
