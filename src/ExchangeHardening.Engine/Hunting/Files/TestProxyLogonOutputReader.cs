using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Reads Test-ProxyLogon.ps1 outputs: the CSVs (Windows PowerShell 5.1 Export-Csv: an optional #TYPE line, a quoted
    /// header, one row per hit, quoted values that may span lines) and the .log files (one path per line). Bad CSV
    /// records become errors and the rest is read.
    /// </summary>
    internal static class TestProxyLogonOutputReader
    {
        private const int MaxRecordLength = 1024 * 1024;
        private const int MaxErrors = 100;

        public static IEnumerable<TestProxyLogonRecord> Read(Stream stream, string path, Action<EvidenceError> error)
        {
            return string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase)
                ? ReadCsv(stream, path, error)
                : ReadLines(stream);
        }

        private static IEnumerable<TestProxyLogonRecord> ReadLines(Stream stream)
        {
            using (var reader = BoundedLineReader.Open(stream))
            {
                string? line;
                while ((line = reader.ReadLine()) != null)
                {
                    var text = line.Trim();
                    if (text.Length > 0)
                    {
                        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["Line"] = text, ["Path"] = text };
                        yield return new TestProxyLogonRecord(reader.LineNumber, fields, text);
                    }
                }
            }
        }

        private static IEnumerable<TestProxyLogonRecord> ReadCsv(Stream stream, string path, Action<EvidenceError> error)
        {
            using (var text = new StreamReader(stream, new System.Text.UTF8Encoding(false, false), detectEncodingFromByteOrderMarks: true))
            using (var source = new CsvRecordSource(text, path, ',', MaxRecordLength, MaxErrors))
            {
                string[]? header = null;
                while (source.Read())
                {
                    if (source.Error != null)
                    {
                        error(source.Error);
                        continue;
                    }

                    if (source.IsBlank || (header == null && source.RawText.StartsWith("#".AsSpan(), StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    var values = Enumerable.Range(0, source.FieldCount).Select(source.GetString).ToArray();
                    if (header == null)
                    {
                        header = values.Select(v => v.Trim()).ToArray();
                        continue;
                    }

                    if (values.Length != header.Length)
                    {
                        error(new EvidenceError(path, source.Line, string.Format(CultureInfo.InvariantCulture, "expected {0} values as named by the header, found {1} (truncated or garbled record)", header.Length, values.Length)));
                        continue;
                    }

                    var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                    for (var i = 0; i < header.Length; i++)
                    {
                        fields[header[i]] = values[i];
                    }

                    yield return new TestProxyLogonRecord(source.Line, fields, source.RawText.ToString());
                }
            }
        }
    }
}
