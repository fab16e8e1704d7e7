using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// Reads exported Windows events, whatever wrote them: <c>Get-WinEvent</c> or <c>Get-EventLog</c> piped to
    /// <c>ConvertTo-Json</c> or <c>Export-Csv</c> (Windows PowerShell 5.1 or PowerShell 7), or an event shipper's
    /// JSON lines. The layout is recognised from the content, not the file name. Events stream one at a time in
    /// constant memory; a bad record becomes an error item and reading goes on.
    /// </summary>
    public static class ExportedEventReader
    {
        /// <summary>Events and errors from a file, opened when enumeration starts with sharing that tolerates a writer.</summary>
        public static IEnumerable<EvidenceItem<ExportedEvent>> ReadFile(string path, ExportedEventReaderOptions? options = null)
        {
            if (path == null)
            {
                throw new ArgumentNullException(nameof(path));
            }

            return ReadFileIterator(path, options ?? new ExportedEventReaderOptions());
        }

        /// <summary>Events and errors from a seekable stream; <paramref name="sourceName"/> names it in events and errors. The stream is not closed.</summary>
        public static IEnumerable<EvidenceItem<ExportedEvent>> Read(Stream stream, string sourceName, ExportedEventReaderOptions? options = null)
        {
            if (stream == null)
            {
                throw new ArgumentNullException(nameof(stream));
            }

            if (!stream.CanSeek)
            {
                throw new ArgumentException("The stream must be seekable: its start is looked at to recognise the format.", nameof(stream));
            }

            return ReadStream(stream, sourceName, options ?? new ExportedEventReaderOptions(), leaveOpen: true);
        }

        /// <summary>The layout of a file, from its content.</summary>
        public static ExportedEventFormat DetectFormat(string path)
        {
            using (var stream = EvidenceFile.OpenRead(path))
            {
                return DetectFormat(stream);
            }
        }

        /// <summary>The layout of a seekable stream, from its content; the position is left unchanged.</summary>
        public static ExportedEventFormat DetectFormat(Stream stream) => ExportedEventSniffer.Sniff(stream).Format;

        private static IEnumerable<EvidenceItem<ExportedEvent>> ReadFileIterator(string path, ExportedEventReaderOptions options)
        {
            FileStream stream;
            EvidenceError? openError = null;
            try
            {
                stream = EvidenceFile.OpenRead(path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                stream = null!;
                openError = new EvidenceError(path, 0, "cannot open the file: " + ex.Message);
            }

            if (openError != null)
            {
                yield return new EvidenceItem<ExportedEvent>(openError);
                yield break;
            }

            using (stream)
            using (var items = ReadStream(stream, path, options, leaveOpen: false).GetEnumerator())
            {
                while (true)
                {
                    // A read failure (file cut by rotation, network share gone) ends this file with an error, not an exception.
                    EvidenceError? readError = null;
                    bool more;
                    try
                    {
                        more = items.MoveNext();
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        readError = new EvidenceError(path, 0, "reading stopped: " + ex.Message);
                        more = false;
                    }

                    if (readError != null)
                    {
                        yield return new EvidenceItem<ExportedEvent>(readError);
                    }

                    if (!more)
                    {
                        yield break;
                    }

                    yield return items.Current;
                }
            }
        }

        private static IEnumerable<EvidenceItem<ExportedEvent>> ReadStream(Stream stream, string sourceName, ExportedEventReaderOptions options, bool leaveOpen)
        {
            var (format, encoding, bomLength, delimiter) = ExportedEventSniffer.Sniff(stream);
            switch (format)
            {
                case ExportedEventFormat.Empty:
                    return Array.Empty<EvidenceItem<ExportedEvent>>();
                case ExportedEventFormat.JsonArray:
                case ExportedEventFormat.JsonLines:
                    return JsonEventStreamReader.Read(Utf8View(stream, encoding, bomLength, leaveOpen), sourceName, format == ExportedEventFormat.JsonArray, options);
                case ExportedEventFormat.Csv:
                    return CsvEventReader.Read(new StreamReader(stream, encoding, true, 64 * 1024, leaveOpen), sourceName, delimiter, options);
                default:
                    return new[]
                    {
                        new EvidenceItem<ExportedEvent>(new EvidenceError(
                            sourceName,
                            1,
                            "not an event export: expected a JSON array ('['), JSON objects ('{'), or CSV with a header row (optionally after a #TYPE line)")),
                    };
            }
        }

        private static Stream Utf8View(Stream stream, Encoding encoding, int bomLength, bool leaveOpen)
        {
            if (encoding is UTF8Encoding)
            {
                stream.Position += bomLength;
                return stream;
            }

            return new Utf8TranscodingStream(new StreamReader(stream, encoding, true, 64 * 1024, leaveOpen));
        }
    }
}
