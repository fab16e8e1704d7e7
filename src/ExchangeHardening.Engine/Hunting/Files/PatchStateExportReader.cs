using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Reads the PatchState values EOMT 2021 left in the registry from a .reg export (regedit's Unicode
    /// "Windows Registry Editor Version 5.00" or REGEDIT4; "name"="data" lines with \\ and \" escapes) or from
    /// saved "reg query" output (name, REG_SZ, data). Only values under a key ending in MSERTBootstrap\PatchState
    /// count; a file with no key line is taken to be about that key alone.
    /// </summary>
    internal static class PatchStateExportReader
    {
        private const string KeySuffix = @"MSERTBootstrap\PatchState";

        private static readonly Regex RegQueryValue = new Regex(@"^\s+(?<name>\S(?:.*?\S)?)\s{2,}(?<type>REG_[A-Z_]+)\s{2,}(?<data>.*)$", RegexOptions.CultureInvariant, IndicatorRegex.Timeout);

        public static IReadOnlyList<PatchStateValue> Read(BoundedLineReader reader)
        {
            var values = new List<PatchStateValue>();
            var sawKey = false;
            var inPatchState = true;
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                var trimmed = line.Trim();
                if (trimmed.Length == 0)
                {
                    continue;
                }

                if (trimmed.StartsWith("[", StringComparison.Ordinal) || trimmed.StartsWith("HKEY_", StringComparison.OrdinalIgnoreCase) || trimmed.StartsWith("HKLM", StringComparison.OrdinalIgnoreCase))
                {
                    var key = trimmed.Trim('[', ']').TrimEnd('\\');
                    sawKey = true;
                    inPatchState = key.EndsWith(KeySuffix, StringComparison.OrdinalIgnoreCase);
                    continue;
                }

                if (sawKey && !inPatchState)
                {
                    continue;
                }

                if (trimmed.StartsWith("\"", StringComparison.Ordinal) && TryParseRegValue(trimmed, out var name, out var data))
                {
                    values.Add(new PatchStateValue(name, data, reader.LineNumber));
                    continue;
                }

                var query = IndicatorRegex.Find(RegQueryValue, line, out _);
                if (query != null)
                {
                    values.Add(new PatchStateValue(query.Groups["name"].Value, query.Groups["data"].Value.Trim(), reader.LineNumber));
                }
            }

            return values;
        }

        /// <summary>"Name"="data" with regedit's escapes; other types (dword:, hex:) keep their text after '='.</summary>
        private static bool TryParseRegValue(string text, out string name, out string data)
        {
            name = string.Empty;
            data = string.Empty;
            var position = 1;
            if (!TryReadQuoted(text, ref position, out name) || position >= text.Length || text[position] != '=')
            {
                return false;
            }

            position++;
            if (position < text.Length && text[position] == '"')
            {
                position++;
                return TryReadQuoted(text, ref position, out data);
            }

            data = text.Substring(position).Trim();
            return true;
        }

        /// <summary>Reads up to the closing quote (position just after the opening one); leaves position after it.</summary>
        private static bool TryReadQuoted(string text, ref int position, out string value)
        {
            var builder = new StringBuilder();
            while (position < text.Length)
            {
                var c = text[position++];
                if (c == '\\' && position < text.Length)
                {
                    builder.Append(text[position++]);
                    continue;
                }

                if (c == '"')
                {
                    value = builder.ToString();
                    return true;
                }

                builder.Append(c);
            }

            value = builder.ToString();
            return false;
        }
    }
}
