using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Threading;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Applies file indicators to one file: place and name first (no I/O), then, only for candidates, one read that
    /// serves every content rule and the SHA-256 at once. A file that is neither a hash candidate nor small enough for a
    /// content rule is never opened, so a large binary costs nothing. Per rule id the strongest hit is reported.
    /// </summary>
    internal sealed class FileRuleEngine
    {
        private const int ChunkSize = 81920;

        private readonly Func<string, Stream> openRead;
        private readonly object releaseGate = new object();
        private HuntContext? releaseContext;
        private InstalledBuildRelease? release;

        /// <param name="openRead">Opens a file read-only; tests pass a counting opener to prove what is (not) read.</param>
        public FileRuleEngine(Func<string, Stream>? openRead = null)
        {
            this.openRead = openRead ?? EvidenceFile.OpenRead;
        }

        public void Analyze(ClassifiedFile file, IEnumerable<CompiledIndicator> indicators, HuntContext context, IFindingSink sink, CancellationToken cancellationToken)
        {
            var parts = FilePathParts.Of(file);
            var hits = new List<(CompiledIndicator Indicator, string Evidence)>();
            var hashRules = new List<CompiledIndicator>();
            var contentRules = new List<CompiledIndicator>();
            foreach (var indicator in indicators)
            {
                if (indicator.IsHashRule)
                {
                    if (indicator.IsHashCandidate(parts, file.Length))
                    {
                        hashRules.Add(indicator);
                    }

                    continue;
                }

                if (!indicator.MatchesPlace(parts))
                {
                    continue;
                }

                var evidence = PlaceEvidence(file, parts);
                if (indicator.NewerThanBuild)
                {
                    var installed = ReleaseOf(context);
                    if (installed == null || file.LastWriteTimeUtc <= installed.ReleasedUtc.AddDays(1))
                    {
                        continue;
                    }

                    evidence += $"; written after {installed.Label} (approximation: the install date is unknown, so the release date stands in for it)";
                }

                if (indicator.ReadsContent)
                {
                    if (file.Length <= indicator.ContentLimit)
                    {
                        contentRules.Add(indicator);
                    }

                    continue;
                }

                hits.Add((indicator, evidence));
            }

            if (contentRules.Count > 0 || hashRules.Count > 0)
            {
                ReadAndTest(file, contentRules, hashRules, hits, sink, cancellationToken);
            }

            var timestamp = file.LastWriteTimeUtc == default ? (DateTimeOffset?)null : new DateTimeOffset(DateTime.SpecifyKind(file.LastWriteTimeUtc, DateTimeKind.Utc));
            foreach (var group in hits.GroupBy(h => h.Indicator.RuleId, StringComparer.OrdinalIgnoreCase))
            {
                var best = group.OrderBy(h => h.Indicator.Strength).First();
                sink.Add(best.Indicator.CreateFinding(context, file.Path, 0, best.Evidence, timestamp));
            }
        }

        private void ReadAndTest(ClassifiedFile file, List<CompiledIndicator> contentRules, List<CompiledIndicator> hashRules, List<(CompiledIndicator, string)> hits, IFindingSink sink, CancellationToken cancellationToken)
        {
            var limit = contentRules.Count == 0 ? 0 : contentRules.Max(r => r.ContentLimit);
            try
            {
                using (var stream = openRead(file.Path))
                using (var hash = hashRules.Count > 0 ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null)
                {
                    // Content rules need the file in one piece (up to their limit); the hash takes every chunk on the way.
                    var buffer = new byte[(int)Math.Min(Math.Max(limit, 0), Math.Max(file.Length, 0)) + 1];
                    var length = 0;
                    var complete = false;
                    if (contentRules.Count > 0)
                    {
                        while (true)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            if (length == buffer.Length)
                            {
                                if (buffer.Length > limit)
                                {
                                    break; // grew past every content rule's limit since it was listed
                                }

                                Array.Resize(ref buffer, (int)Math.Min(limit + 1, (long)buffer.Length * 2));
                            }

                            var read = stream.Read(buffer, length, buffer.Length - length);
                            if (read == 0)
                            {
                                complete = true;
                                break;
                            }

                            length += read;
                        }

                        hash?.AppendData(buffer, 0, length);
                    }

                    if (hash != null)
                    {
                        var chunk = new byte[ChunkSize];
                        int read;
                        while (!complete && (read = stream.Read(chunk, 0, chunk.Length)) > 0)
                        {
                            cancellationToken.ThrowIfCancellationRequested();
                            hash.AppendData(chunk, 0, read);
                        }

                        var sha256 = ToHex(hash.GetHashAndReset());
                        foreach (var rule in hashRules.Where(r => r.Sha256.Contains(sha256)))
                        {
                            hits.Add((rule, "SHA-256 " + sha256 + " is a published known-bad hash"));
                        }
                    }

                    if (contentRules.Count > 0)
                    {
                        TestContent(file, new FileContent(buffer, length), complete, contentRules, hits, sink);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException || ex is System.Security.SecurityException)
            {
                // Place and name findings stand; only the content could not be judged.
                sink.Error(new EvidenceError(file.Path, 0, "The file cannot be read, so its content and hash were not checked: " + ex.Message));
            }
        }

        private static void TestContent(ClassifiedFile file, FileContent content, bool complete, List<CompiledIndicator> rules, List<(CompiledIndicator, string)> hits, IFindingSink sink)
        {
            var timedOut = false;
            foreach (var rule in rules)
            {
                // An incomplete read means the file outgrew every limit after it was listed.
                if (!complete || content.Length > rule.ContentLimit)
                {
                    continue;
                }

                var excerpts = new List<string>();
                var holds = true;
                foreach (var trait in rule.Traits)
                {
                    if (!trait.Holds(content, out var excerpt, out var traitTimedOut))
                    {
                        timedOut |= traitTimedOut;
                        holds = false;
                        break;
                    }

                    excerpts.Add(trait.Name + ": " + excerpt);
                }

                if (holds)
                {
                    hits.Add((rule, CompiledIndicator.Describe(content.Length) + "; " + string.Join(" | ", excerpts)));
                }
            }

            if (timedOut)
            {
                sink.Error(new EvidenceError(file.Path, 0, string.Format(CultureInfo.InvariantCulture, "A content pattern ran longer than {0} ms and was stopped; the file may still hold what it looks for.", IndicatorRegex.Timeout.TotalMilliseconds)));
            }
        }

        private InstalledBuildRelease? ReleaseOf(HuntContext context)
        {
            lock (releaseGate)
            {
                if (!ReferenceEquals(releaseContext, context))
                {
                    release = InstalledBuildRelease.Of(context);
                    releaseContext = context;
                }

                return release;
            }
        }

        private static string PlaceEvidence(ClassifiedFile file, FilePathParts parts) =>
            string.Format(
                CultureInfo.InvariantCulture,
                "{0} ({1}, last written {2:yyyy-MM-dd HH:mm:ss}Z)",
                parts.FileName,
                CompiledIndicator.Describe(file.Length),
                file.LastWriteTimeUtc);

        private static string ToHex(byte[] bytes)
        {
            var chars = new char[bytes.Length * 2];
            const string digits = "0123456789abcdef";
            for (var i = 0; i < bytes.Length; i++)
            {
                chars[i * 2] = digits[bytes[i] >> 4];
                chars[(i * 2) + 1] = digits[bytes[i] & 0xF];
            }

            return new string(chars);
        }
    }
}
