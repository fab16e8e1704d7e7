using System;
using System.Collections.Generic;
using System.IO;
using System.Text.RegularExpressions;
using ExchangeHardening.Engine.Resources;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;
using YamlDotNet.Serialization.NodeDeserializers;

namespace ExchangeHardening.Engine.Yaml
{
    /// <summary>
    /// Reads YAML resource files strictly: every document needs the envelope
    /// (apiVersion, kind, metadata.name, spec); unknown keys, wrong types, duplicate keys and tags are
    /// errors with file, line and column. A bad document never stops the other documents of the file.
    /// </summary>
    public sealed class YamlResourceReader
    {
        public const string ApiVersion = "exchangehardening/v1";

        private static readonly Regex NamePattern = new Regex("^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant);

        private readonly IDeserializer deserializer = new DeserializerBuilder()
            .WithNamingConvention(CamelCaseNamingConvention.Instance)
            .WithDuplicateKeyChecking()
            .WithNodeDeserializer(new TagRejectingNodeDeserializer(), s => s.OnTop())
            .WithNodeDeserializer(new StrictEnumNodeDeserializer(), s => s.After<TagRejectingNodeDeserializer>())
            .WithNodeDeserializer(inner => new LocatingNodeDeserializer(inner), s => s.InsteadOf<ObjectNodeDeserializer>())
            .Build();

        /// <summary>Reads one file. I/O problems become errors too, so callers only look at the result.</summary>
        public ResourceReadResult ReadFile(string path)
        {
            string text;
            try
            {
                // Read-only with sharing: the file may be open in an editor or being replaced.
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var reader = new StreamReader(stream))
                {
                    text = reader.ReadToEnd();
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                var result = new ResourceReadResult();
                result.Errors.Add(new ResourceLoadError(new SourceLocation(path, 0, 0), "The file cannot be read: " + ex.Message));
                return result;
            }

            return Read(path, text);
        }

        public ResourceReadResult Read(string file, string text)
        {
            var result = new ResourceReadResult();
            List<List<ParsingEvent>> documents;
            try
            {
                documents = SplitDocuments(text);
            }
            catch (YamlException ex)
            {
                result.Errors.Add(ToError(file, ex, "The file is not valid YAML"));
                return result;
            }

            foreach (var events in documents)
            {
                ReadDocument(file, events, result);
            }

            return result;
        }

        private void ReadDocument(string file, List<ParsingEvent> events, ResourceReadResult result)
        {
            var start = events[1].Start;
            var documentLocation = new SourceLocation(file, start.Line, start.Column);
            if (!(events[2] is MappingStart))
            {
                if (events[2] is Scalar scalar && string.IsNullOrEmpty(scalar.Value) && events.Count == 5)
                {
                    return; // an empty document, e.g. a trailing '---'
                }

                result.Errors.Add(new ResourceLoadError(documentLocation, "A resource must be a mapping with apiVersion, kind, metadata and spec."));
                return;
            }

            var kindText = FindTopLevelScalar(events, "kind", out var kindLocation);
            if (kindText == null)
            {
                result.Errors.Add(new ResourceLoadError(documentLocation, "The resource has no 'kind'; expected one of " + string.Join(", ", Enum.GetNames(typeof(ResourceKind))) + "."));
                return;
            }

            if (!TryParseKind(kindText, out var kind))
            {
                result.Errors.Add(new ResourceLoadError(new SourceLocation(file, kindLocation.Line, kindLocation.Column), $"Unknown kind '{kindText}'; expected one of " + string.Join(", ", Enum.GetNames(typeof(ResourceKind))) + "."));
                return;
            }

            try
            {
                var parser = new ReplayParser(events);
                switch (kind)
                {
                    case ResourceKind.BuildCatalog:
                        Accept(file, deserializer.Deserialize<ResourceDocument<BuildCatalogSpec>>(parser), kind, result);
                        break;
                    case ResourceKind.Advisory:
                        Accept(file, deserializer.Deserialize<ResourceDocument<AdvisorySpec>>(parser), kind, result);
                        break;
                    case ResourceKind.Mitigation:
                        Accept(file, deserializer.Deserialize<ResourceDocument<MitigationSpec>>(parser), kind, result);
                        break;
                    case ResourceKind.Indicator:
                        Accept(file, deserializer.Deserialize<ResourceDocument<IndicatorSpec>>(parser), kind, result);
                        break;
                }
            }
            catch (YamlException ex)
            {
                result.Errors.Add(ToError(file, ex, null));
            }
        }

        private static void Accept<TSpec>(string file, ResourceDocument<TSpec> document, ResourceKind kind, ResourceReadResult result)
            where TSpec : LocatedNode
        {
            var location = document.LocationIn(file);
            if (!string.Equals(document.ApiVersion, ApiVersion, StringComparison.Ordinal))
            {
                result.Errors.Add(new ResourceLoadError(location, document.ApiVersion == null
                    ? $"The resource has no 'apiVersion'; expected '{ApiVersion}'."
                    : $"Unsupported apiVersion '{document.ApiVersion}'; expected '{ApiVersion}'."));
                return;
            }

            if (document.Metadata == null || string.IsNullOrWhiteSpace(document.Metadata.Name))
            {
                result.Errors.Add(new ResourceLoadError(document.Metadata?.LocationIn(file) ?? location, "The resource has no 'metadata.name'; every resource needs an id."));
                return;
            }

            if (!NamePattern.IsMatch(document.Metadata.Name))
            {
                result.Errors.Add(new ResourceLoadError(document.Metadata.LocationIn(file), $"The name '{document.Metadata.Name}' is not a valid id; use letters, digits, '.', '_' and '-'."));
                return;
            }

            if (document.Spec == null)
            {
                result.Errors.Add(new ResourceLoadError(location, $"The resource '{document.Metadata.Name}' has no 'spec'."));
                return;
            }

            result.Resources.Add(new ResourceRecord(kind, document.Metadata.Name!, document.Metadata, document.Spec, location));
        }

        private static bool TryParseKind(string text, out ResourceKind kind)
        {
            foreach (ResourceKind candidate in Enum.GetValues(typeof(ResourceKind)))
            {
                if (string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
                {
                    kind = candidate;
                    return true;
                }
            }

            kind = default;
            return false;
        }

        /// <summary>Buffers the events of each document, each wrapped in its own StreamStart/StreamEnd.</summary>
        private static List<List<ParsingEvent>> SplitDocuments(string text)
        {
            var documents = new List<List<ParsingEvent>>();
            var parser = new Parser(new StringReader(text));
            List<ParsingEvent>? current = null;
            StreamStart? streamStart = null;
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                switch (e)
                {
                    case StreamStart s:
                        streamStart = s;
                        break;
                    case DocumentStart _:
                        current = new List<ParsingEvent> { streamStart ?? new StreamStart(), e };
                        break;
                    case DocumentEnd _:
                        current!.Add(e);
                        current.Add(new StreamEnd());
                        documents.Add(current);
                        current = null;
                        break;
                    case StreamEnd _:
                        break;
                    default:
                        current!.Add(e);
                        break;
                }
            }

            return documents;
        }

        /// <summary>Finds a key of the document's top-level mapping without deserializing it.</summary>
        private static string? FindTopLevelScalar(List<ParsingEvent> events, string key, out Mark location)
        {
            location = Mark.Empty;
            var depth = 0;
            var expectKey = true;
            for (var i = 2; i < events.Count; i++)
            {
                var e = events[i];
                if (e is MappingStart || e is SequenceStart)
                {
                    depth++;
                    if (depth == 2)
                    {
                        expectKey = true; // a nested value starts; it counts as the value of the current key
                    }

                    continue;
                }

                if (e is MappingEnd || e is SequenceEnd)
                {
                    depth--;
                    if (depth == 1)
                    {
                        expectKey = true;
                    }

                    continue;
                }

                if (depth == 1 && e is Scalar scalar)
                {
                    if (expectKey && scalar.Value == key && i + 1 < events.Count && events[i + 1] is Scalar value)
                    {
                        location = value.Start;
                        return value.Value;
                    }

                    expectKey = !expectKey;
                }
            }

            return null;
        }

        private static ResourceLoadError ToError(string file, YamlException ex, string? prefix)
        {
            // YamlDotNet wraps the real cause (a FormatException for a bad bool, a missing property) in
            // "Exception during deserialization"; the innermost message is the one that helps.
            var message = ex.Message;
            Exception? inner = ex.InnerException;
            while (inner != null)
            {
                message = inner.Message;
                inner = inner.InnerException;
            }

            message = Describe(message);
            if (prefix != null)
            {
                message = prefix + ": " + message;
            }

            return new ResourceLoadError(new SourceLocation(file, ex.Start.Line, ex.Start.Column), message);
        }

        private static string Describe(string message)
        {
            // "(Line: 3, Col: 5, Idx: 40) - (Line: ...): " prefixes repeat the position we already report.
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            if (message.StartsWith("(Line:", StringComparison.Ordinal) && cut > 0)
            {
                message = message.Substring(cut + 3);
            }

            var tag = Regex.Match(message, "^Encountered an unresolved tag '(?<tag>[^']+)'");
            if (tag.Success)
            {
                return $"The tag '{tag.Groups["tag"].Value}' is not allowed: data files may not name .NET types or custom tags.";
            }

            var unknown = Regex.Match(message, "^Property '(?<key>[^']+)' not found on type '(?<type>[^']+)'");
            if (unknown.Success)
            {
                var type = unknown.Groups["type"].Value;
                var shortType = type.Substring(type.LastIndexOf('.') + 1);
                var backtick = shortType.IndexOf('`');
                if (backtick > 0)
                {
                    shortType = "the resource envelope";
                }

                return $"Unknown key '{unknown.Groups["key"].Value}' in {shortType}.";
            }

            return message;
        }
    }
}
