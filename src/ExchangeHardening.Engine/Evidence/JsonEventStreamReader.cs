using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>
    /// Streams event objects out of a JSON array or out of top-level objects one after another (JSON lines, or
    /// the single object <c>ConvertTo-Json</c> writes for one event), holding only one object in memory at a time.
    /// System.Text.Json's reader finds where each object ends; a bad object becomes an error naming the line it
    /// starts on, and reading resumes at the next line that starts an object at the same indentation as the
    /// first one did (the layout <c>ConvertTo-Json</c> and shippers write).
    /// </summary>
    internal sealed class JsonEventStreamReader
    {
        private static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 256 };
        private readonly Stream stream;
        private readonly string file;
        private readonly bool array;
        private readonly int maxElementLength;
        private readonly int maxErrors;
        private readonly JsonEventObjectParser parser = new JsonEventObjectParser();
        private byte[] buffer = new byte[64 * 1024];
        private int start;
        private int end;
        private bool eof;
        private bool finished;
        private bool insideArray;
        private JsonReaderState state = new JsonReaderState(ReaderOptions);
        private int countedTo;
        private long countedLine = 1;
        private int? elementIndent;
        private bool indentKnown;
        private int errorCount;
        private long dropped;
        private int elementStart;
        private int elementLength;
        private long elementLine;
        private EvidenceError? error;

        private JsonEventStreamReader(Stream utf8, string file, bool array, int maxElementLength, int maxErrors)
        {
            stream = utf8;
            this.file = file;
            this.array = array;
            this.maxElementLength = maxElementLength;
            this.maxErrors = maxErrors;
        }

        private enum Step
        {
            Element,
            Error,
            NeedMore,
            End,
        }

        /// <summary>Reads events from a UTF-8 stream positioned after any byte order mark.</summary>
        public static IEnumerable<EvidenceItem<ExportedEvent>> Read(Stream utf8, string file, bool array, ExportedEventReaderOptions options)
        {
            var reader = new JsonEventStreamReader(utf8, file, array, options.MaxRecordLength, options.MaxErrors);
            while (reader.Next())
            {
                yield return reader.error != null ? new EvidenceItem<ExportedEvent>(reader.error) : reader.ParseElement(options);
            }
        }

        private bool Next()
        {
            error = null;
            while (!finished)
            {
                var step = TryStep();
                if (step == Step.Element || step == Step.Error)
                {
                    return true;
                }

                // Refill only fails at the end of the data, where the reader already reported End or threw.
                if (step == Step.End || !Refill())
                {
                    finished = true;
                }
            }

            return false;
        }

        private EvidenceItem<ExportedEvent> ParseElement(ExportedEventReaderOptions options)
        {
            try
            {
                var fields = parser.Parse(new ReadOnlySpan<byte>(buffer, elementStart, elementLength));
                return new EvidenceItem<ExportedEvent>(ExportedEventMapper.Map(fields, file, elementLine, options));
            }
            catch (Exception ex) when (ex is JsonException || ex is InvalidOperationException)
            {
                // Syntax was checked while finding the object's end; what is left is text that is not valid UTF-8.
                return new EvidenceItem<ExportedEvent>(new EvidenceError(file, elementLine, "expected a JSON event object with valid UTF-8 text: " + ex.Message));
            }
        }

        private Step TryStep()
        {
            if (!array)
            {
                // Between top-level objects: System.Text.Json refuses a final block that holds only whitespace.
                start = SkipWhitespace(start);
                if (start == end)
                {
                    return eof ? Step.End : Step.NeedMore;
                }
            }

            var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(buffer, start, end - start), eof, state);
            var tokenStart = -1;
            try
            {
                while (true)
                {
                    var stateBefore = reader.CurrentState;
                    var consumedBefore = (int)reader.BytesConsumed;
                    tokenStart = -1;
                    if (!reader.Read())
                    {
                        if (eof)
                        {
                            return Step.End;
                        }

                        Consume((int)reader.BytesConsumed, reader.CurrentState);
                        return Step.NeedMore;
                    }

                    if (array && !insideArray)
                    {
                        if (reader.TokenType != JsonTokenType.StartArray)
                        {
                            Fail(LineAt(start + (int)reader.TokenStartIndex), "expected '[' to start the array of events", resync: false);
                            finished = true;
                            return Step.Error;
                        }

                        insideArray = true;
                        continue;
                    }

                    if (array && reader.TokenType == JsonTokenType.EndArray)
                    {
                        Consume((int)reader.BytesConsumed, reader.CurrentState);
                        return Step.End;
                    }

                    tokenStart = (int)reader.TokenStartIndex;
                    var probe = reader;
                    var isObject = reader.TokenType == JsonTokenType.StartObject;
                    if ((isObject || reader.TokenType == JsonTokenType.StartArray) && !probe.TrySkip())
                    {
                        // The value goes on past the data read so far: read more, then look at it again whole.
                        if (end - (start + tokenStart) > maxElementLength)
                        {
                            start += tokenStart;
                            return SkipOversized();
                        }

                        Consume(consumedBefore, stateBefore);
                        return Step.NeedMore;
                    }

                    var valueStart = start + tokenStart;
                    var valueLength = (int)probe.BytesConsumed - tokenStart;
                    var valueLine = LineAt(valueStart);

                    // Objects at the top level each start afresh; System.Text.Json 8 reads one value per document.
                    Consume((int)probe.BytesConsumed, array ? probe.CurrentState : new JsonReaderState(ReaderOptions));
                    if (!isObject)
                    {
                        Fail(valueLine, "expected a JSON object (one event), found " + Describe(reader.TokenType), resync: false);
                        return Step.Error;
                    }

                    RememberIndent(valueStart);
                    elementStart = valueStart;
                    elementLength = valueLength;
                    elementLine = valueLine;
                    return Step.Element;
                }
            }
            catch (JsonException ex)
            {
                var at = tokenStart >= 0 ? start + tokenStart : SkipWhitespace(start);
                var line = LineAt(at);
                start = at;
                if (tokenStart >= 0)
                {
                    // Resume at objects indented like this one when no good object has shown the layout yet.
                    RememberIndent(at);
                }

                Fail(line, (tokenStart >= 0 ? "expected a complete JSON object (one event): " : "expected JSON: ") + ex.Message, resync: true);
                return Step.Error;
            }
        }

        private void Fail(long line, string message, bool resync)
        {
            errorCount++;
            if (errorCount > maxErrors)
            {
                error = new EvidenceError(file, line, string.Format(CultureInfo.InvariantCulture, "more than {0} malformed records; the rest of the file was not read", maxErrors));
                finished = true;
                return;
            }

            error = new EvidenceError(file, line, message);
            if (resync && !Resync(line))
            {
                finished = true;
            }
        }

        private Step SkipOversized()
        {
            var line = LineAt(start);
            Fail(line, string.Format(CultureInfo.InvariantCulture, "expected a JSON event object of at most {0} bytes; this one is larger and was skipped", maxElementLength), resync: true);
            return Step.Error;
        }

        /// <summary>
        /// Moves to the first line after <paramref name="afterLine"/> that starts an object at the remembered
        /// indentation, reading on as needed and dropping what it passes, so garbage of any size is skipped in
        /// constant memory. False when no such line follows.
        /// </summary>
        private bool Resync(long afterLine)
        {
            var scan = start;
            var lineStart = -1;
            while (true)
            {
                if (lineStart < 0)
                {
                    var newline = new ReadOnlySpan<byte>(buffer, scan, end - scan).IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        start = end;
                        if (!Refill())
                        {
                            return false;
                        }

                        scan = start;
                        continue;
                    }

                    lineStart = scan + newline + 1;
                    if (LineAt(lineStart) <= afterLine)
                    {
                        scan = lineStart;
                        lineStart = -1;
                        continue;
                    }
                }

                var first = lineStart;
                while (first < end && (buffer[first] == (byte)' ' || buffer[first] == (byte)'\t'))
                {
                    first++;
                }

                if (first == end)
                {
                    // The indentation runs past the data read so far: keep the line start and read more.
                    start = lineStart;
                    if (!Refill())
                    {
                        return false;
                    }

                    lineStart = start;
                    scan = start;
                    continue;
                }

                if (buffer[first] == (byte)'{' && IndentFits(first - lineStart))
                {
                    start = first;
                    state = array ? InsideArrayState() : new JsonReaderState(ReaderOptions);
                    return true;
                }

                scan = lineStart;
                lineStart = -1;
            }
        }

        private bool IndentFits(int indent) => !indentKnown || elementIndent == null || elementIndent == indent;

        /// <summary>A reader state as if '[' had just been read, so reading can resume at an element in the middle of an array.</summary>
        private static JsonReaderState InsideArrayState()
        {
            var reader = new Utf8JsonReader(new[] { (byte)'[' }, isFinalBlock: false, new JsonReaderState(ReaderOptions));
            reader.Read();
            return reader.CurrentState;
        }

        private void RememberIndent(int objectStart)
        {
            if (indentKnown)
            {
                return;
            }

            indentKnown = true;
            var lineStart = objectStart;
            while (lineStart > 0 && (buffer[lineStart - 1] == (byte)' ' || buffer[lineStart - 1] == (byte)'\t'))
            {
                lineStart--;
            }

            // Only a line that holds nothing before the object gives a usable indentation.
            var atLineStart = lineStart == 0 ? dropped == 0 : buffer[lineStart - 1] == (byte)'\n';
            elementIndent = atLineStart ? objectStart - lineStart : (int?)null;
        }

        private void Consume(int bytes, JsonReaderState newState)
        {
            start += bytes;
            state = newState;
        }

        private int SkipWhitespace(int from)
        {
            while (from < end && (buffer[from] == (byte)' ' || buffer[from] == (byte)'\t' || buffer[from] == (byte)'\r' || buffer[from] == (byte)'\n'))
            {
                from++;
            }

            return from;
        }

        /// <summary>1-based line of a buffer index; indexes must be asked for in increasing order.</summary>
        private long LineAt(int index)
        {
            if (index > countedTo)
            {
                var span = new ReadOnlySpan<byte>(buffer, countedTo, index - countedTo);
                for (var i = span.IndexOf((byte)'\n'); i >= 0; i = span.IndexOf((byte)'\n'))
                {
                    countedLine++;
                    span = span.Slice(i + 1);
                }

                countedTo = index;
            }

            return countedLine;
        }

        private bool Refill()
        {
            if (eof)
            {
                return false;
            }

            if (start > 0)
            {
                LineAt(start);
                Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
                dropped += start;
                end -= start;
                countedTo -= start;
                start = 0;
            }

            if (end == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = stream.Read(buffer, end, buffer.Length - end);
            if (read <= 0)
            {
                eof = true;
            }
            else
            {
                end += read;
            }

            return true;
        }

        private static string Describe(JsonTokenType token)
        {
            switch (token)
            {
                case JsonTokenType.StartArray:
                    return "an array";
                case JsonTokenType.String:
                    return "a string";
                case JsonTokenType.Number:
                    return "a number";
                case JsonTokenType.True:
                case JsonTokenType.False:
                    return "a boolean";
                case JsonTokenType.Null:
                    return "null";
                default:
                    return token.ToString();
            }
        }
    }
}
