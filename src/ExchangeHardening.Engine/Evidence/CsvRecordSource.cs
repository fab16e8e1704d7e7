using System;
using System.Runtime.CompilerServices;
using ExchangeHardening.Engine.Hunting;
using System.Globalization;
using System.IO;
using Sylvan.Data.Csv;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// Streams CSV records with Sylvan and survives bad ones. Sylvan stops for good at the first malformed
    /// record, so on an error this source reports the record's first line and starts a fresh Sylvan reader
    /// at the next physical line, fed from the text it had already read ahead. Every line is a record: no
    /// header handling and no comment lines, so directive and #TYPE lines reach the caller as records.
    /// </summary>
    internal sealed class CsvRecordSource : IDisposable
    {
        private readonly RewindableTextReader text;
        private readonly CsvDataReaderOptions options;
        private readonly int maxErrors;
        private CsvDataReader? csv;
        private long recordStart;
        private long nextLine = 1;
        private int rawLength;
        private bool finished;

        public CsvRecordSource(TextReader reader, string file, char delimiter, int maxRecordLength, int maxErrors)
        {
            text = new RewindableTextReader(reader);
            File = file;
            this.maxErrors = maxErrors;
            options = new CsvDataReaderOptions
            {
                HasHeaders = false,
                Delimiter = delimiter,
                // Sylvan always knows a comment character; NUL is the least likely to start a line. Such lines are
                // skipped by Sylvan and only accounted for here, so offsets and line numbers stay exact.
                Comment = '\0',
                CommentHandler = (Action<CsvDataReader, string>)OnComment,
                OwnsReader = false,
                BufferSize = 64 * 1024,
                MaxBufferSize = Math.Max(maxRecordLength, 64 * 1024),
            };
        }

        public string File { get; }

        /// <summary>First line of the current record (1-based).</summary>
        public long Line { get; private set; }

        /// <summary>Set when the current item is a malformed record instead of a record.</summary>
        public EvidenceError? Error { get; private set; }

        public int ErrorCount { get; private set; }

        public int FieldCount => csv?.RowFieldCount ?? 0;

        /// <summary>True when the record is an empty line.</summary>
        public bool IsBlank => RawText.Length == 0;

        /// <summary>The record as it appears in the file, without its line break; valid until the next read.</summary>
        public ReadOnlySpan<char> RawText
        {
            get
            {
                var raw = text.Slice(recordStart - rawLength, rawLength);
                var end = raw.Length;
                while (end > 0 && (raw[end - 1] == '\n' || raw[end - 1] == '\r'))
                {
                    end--;
                }

                return raw.Slice(0, end);
            }
        }

        public string GetString(int ordinal) => csv!.GetString(ordinal);

        /// <summary>Moves to the next record or error; false at the end of the text.</summary>
        // Hot loop of the hunt: compiled fully optimized at once instead of starting unoptimized (measured: tiering cost 40% of a 1 GB run).
        [MethodImpl(JitHints.HotLoop)]
        public bool Read()
        {
            Error = null;
            if (finished)
            {
                return false;
            }

            try
            {
                csv ??= CsvDataReader.Create(text, options);
                if (!csv.Read())
                {
                    finished = true;
                    return false;
                }
            }
            catch (CsvRecordTooLargeException)
            {
                Recover(string.Format(CultureInfo.InvariantCulture, "the record is longer than {0} characters", options.MaxBufferSize));
                return true;
            }
            catch (CsvFormatException ex)
            {
                Recover(ex.Message);
                return true;
            }

            rawLength = csv.GetRawRecord(null!, 0);
            Line = nextLine;
            nextLine += CountLineBreaks(text.Slice(recordStart, rawLength));
            recordStart += rawLength;
            text.Release(recordStart);
            return true;
        }

        public void Dispose()
        {
            csv?.Dispose();
            text.Dispose();
        }

        // Hot loop of the hunt: compiled fully optimized at once instead of starting unoptimized (measured: tiering cost 40% of a 1 GB run).
        [MethodImpl(JitHints.HotLoop)]
        private static int CountLineBreaks(ReadOnlySpan<char> raw)
        {
            var count = 0;
            for (var index = raw.IndexOfAny('\r', '\n'); index >= 0; index = raw.IndexOfAny('\r', '\n'))
            {
                count++;
                var skip = raw[index] == '\r' && index + 1 < raw.Length && raw[index + 1] == '\n' ? 2 : 1;
                raw = raw.Slice(index + skip);
            }

            return count;
        }

        private void Recover(string reason)
        {
            ErrorCount++;
            Line = nextLine;
            rawLength = 0;
            csv?.Dispose();
            csv = null;
            if (ErrorCount > maxErrors)
            {
                Error = new EvidenceError(File, nextLine, string.Format(CultureInfo.InvariantCulture, "more than {0} malformed records; the rest of the file was not read", maxErrors));
                finished = true;
                return;
            }

            Error = new EvidenceError(File, nextLine, "malformed CSV record: " + reason);
            var resume = text.SkipLine(recordStart);
            if (text.CharAt(resume) < 0)
            {
                finished = true;
                return;
            }

            text.Release(resume);
            text.Rewind(resume);
            recordStart = resume;
            nextLine++;
        }

        private void OnComment(CsvDataReader reader, string comment)
        {
            // Sylvan hands over the line without its comment character and line break; step over both.
            var end = recordStart + 1 + comment.Length;
            var next = text.CharAt(end);
            if (next == '\r')
            {
                end += text.CharAt(end + 1) == '\n' ? 2 : 1;
                nextLine++;
            }
            else if (next == '\n')
            {
                end++;
                nextLine++;
            }

            recordStart = end;
            text.Release(recordStart);
        }
    }
}
