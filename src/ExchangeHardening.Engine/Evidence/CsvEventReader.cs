using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// Streams events out of <c>Export-Csv</c> output: an optional <c>#TYPE</c> line (Windows PowerShell 5.1),
    /// a header row, then one record per event; event messages span lines inside quotes.
    /// </summary>
    internal static class CsvEventReader
    {
        public static IEnumerable<EvidenceItem<ExportedEvent>> Read(TextReader text, string file, char delimiter, ExportedEventReaderOptions options)
        {
            using (var source = new CsvRecordSource(text, file, delimiter, options.MaxRecordLength, options.MaxErrors))
            {
                string[]? header = null;
                long headerLine = 0;
                var first = true;
                while (source.Read())
                {
                    if (source.Error != null)
                    {
                        yield return new EvidenceItem<ExportedEvent>(source.Error);
                        continue;
                    }

                    if (source.IsBlank)
                    {
                        continue;
                    }

                    var isTypeLine = first && IsTypeLine(source);
                    first = false;
                    if (isTypeLine)
                    {
                        continue;
                    }

                    if (header == null)
                    {
                        header = ReadHeader(source);
                        headerLine = source.Line;
                        continue;
                    }

                    yield return ReadEvent(source, header, headerLine, options);
                }
            }
        }

        private static bool IsTypeLine(CsvRecordSource source) =>
            source.RawText.StartsWith("#TYPE".AsSpan(), StringComparison.OrdinalIgnoreCase);

        private static string[] ReadHeader(CsvRecordSource source)
        {
            var names = new string[source.FieldCount];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = source.GetString(i).Trim();
            }

            return names;
        }

        private static EvidenceItem<ExportedEvent> ReadEvent(CsvRecordSource source, string[] header, long headerLine, ExportedEventReaderOptions options)
        {
            if (source.FieldCount != header.Length)
            {
                return new EvidenceItem<ExportedEvent>(new EvidenceError(
                    source.File,
                    source.Line,
                    string.Format(CultureInfo.InvariantCulture, "expected {0} values as named by the header on line {1}, found {2} (truncated or garbled record)", header.Length, headerLine, source.FieldCount)));
            }

            var fields = new Dictionary<string, string>(header.Length, StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < header.Length; i++)
            {
                fields[header[i]] = source.GetString(i);
            }

            return new EvidenceItem<ExportedEvent>(ExportedEventMapper.Map(fields, source.File, source.Line, options));
        }
    }
}
