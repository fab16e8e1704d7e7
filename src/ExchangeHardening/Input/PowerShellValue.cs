using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace ExchangeHardening.Input
{
    /// <summary>
    /// Reads values the way Exchange objects arrive: live .NET objects, or property bags after remoting and
    /// Import-Clixml (PSObject over PSCustomObject, ArrayList for multi-valued properties).
    /// </summary>
    internal static class PowerShellValue
    {
        public static object? Unwrap(object? value)
        {
            while (value is PSObject ps && !(ps.BaseObject is PSCustomObject))
            {
                value = ps.BaseObject;
            }

            return value;
        }

        /// <summary>A property of a live object or a property bag, or null.</summary>
        public static object? Property(object? value, string name)
        {
            if (value == null)
            {
                return null;
            }

            var property = PSObject.AsPSObject(value).Properties[name];
            try
            {
                return Unwrap(property?.Value);
            }
            catch (GetValueException)
            {
                return null; // a getter that throws is no value
            }
        }

        /// <summary>
        /// The text of a property as PowerShell shows it. Deserialized enums (ServiceControllerStatus after Import-Clixml)
        /// arrive as numbers with their name kept as ToString, so the wrapper's text is read, not the number inside.
        /// </summary>
        public static string? PropertyText(object? value, string name)
        {
            if (value == null)
            {
                return null;
            }

            try
            {
                var raw = PSObject.AsPSObject(value).Properties[name]?.Value;
                return raw == null ? null : Text(raw);
            }
            catch (GetValueException)
            {
                return null;
            }
        }

        /// <summary>Every property as a name/value pair, skipping getters that throw (EventLogRecord members that need the live log).</summary>
        public static IEnumerable<KeyValuePair<string, object?>> PropertyPairs(object item)
        {
            foreach (var property in PSObject.AsPSObject(item).Properties)
            {
                object? value;
                try
                {
                    value = Unwrap(property.Value);
                }
                catch (GetValueException)
                {
                    continue;
                }

                yield return new KeyValuePair<string, object?>(property.Name, value);
            }
        }

        public static bool HasProperty(object? value, string name) =>
            value != null && PSObject.AsPSObject(value).Properties[name] != null;

        /// <summary>Multi-valued properties: null, one string, a list, or a deserialized ArrayList.</summary>
        public static string[] Strings(object? value)
        {
            value = Unwrap(value);
            if (value == null)
            {
                return Array.Empty<string>();
            }

            if (value is string text)
            {
                return text.Length == 0 ? Array.Empty<string>() : new[] { text };
            }

            if (value is IEnumerable list)
            {
                return list.Cast<object?>().Select(Unwrap).Where(v => v != null).Select(v => v!.ToString()!).Where(s => s.Length > 0).ToArray();
            }

            return new[] { value.ToString()! };
        }

        public static bool? Boolean(object? value)
        {
            value = Unwrap(value);
            switch (value)
            {
                case null:
                    return null;
                case bool b:
                    return b;
                case SwitchParameter s:
                    return s.IsPresent;
                case string text when bool.TryParse(text, out var parsed):
                    return parsed;
                default:
                    return null;
            }
        }

        /// <summary>The text PowerShell shows for a value: the ToString of a live object, or the ToString a property bag carries.</summary>
        public static string? Text(object? value)
        {
            if (value == null)
            {
                return null;
            }

            var text = value is PSObject ps ? ps.ToString() : value.ToString();
            return string.IsNullOrWhiteSpace(text) ? null : text;
        }

        public static IEnumerable<object> Items(object? value)
        {
            value = Unwrap(value);
            if (value == null)
            {
                yield break;
            }

            if (value is IEnumerable list && !(value is string))
            {
                foreach (var item in list)
                {
                    if (item != null)
                    {
                        yield return item;
                    }
                }
            }
            else
            {
                yield return value;
            }
        }
    }
}
