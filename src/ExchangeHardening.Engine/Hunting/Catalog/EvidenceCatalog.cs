using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security;
using System.Threading;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Walks the -Path roots (folders or single files: a live server's drive, a copied or extracted tree, any subset)
    /// and streams every evidence file with its <see cref="EvidenceSourceType"/>, as it goes: one folder's listing is
    /// held at a time, never the whole tree. Links and junctions are not followed (no loops, no escaping the tree).
    /// Nothing here throws for bad evidence: a missing root, a folder or file without access, a binary file in a log
    /// folder become <see cref="EvidenceCatalogEntryKind.Error"/> or <see cref="EvidenceCatalogEntryKind.Warning"/>
    /// entries and the walk goes on. Files are only ever opened for reading, with sharing, and only their first
    /// <see cref="EvidenceClassifier.PrefixLength"/> bytes are read.
    /// </summary>
    public sealed class EvidenceCatalog
    {
        // Folders that sit directly under the Exchange installation folder in every version since 2013.
        private static readonly string[] InstallMarkers =
        {
            "\\Logging\\HttpProxy\\", "\\Logging\\ECP\\", "\\Logging\\OABGeneratorLog\\", "\\Logging\\MitigationService\\",
            "\\FrontEnd\\HttpProxy\\", "\\ClientAccess\\OAB\\", "\\ClientAccess\\Owa\\", "\\ClientAccess\\ecp\\",
        };

        private static readonly StringComparison PathComparison =
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        private readonly EvidenceCatalogOptions options;

        public EvidenceCatalog(EvidenceCatalogOptions? options = null)
        {
            this.options = options ?? new EvidenceCatalogOptions();
        }

        /// <summary>Classifies everything under the roots; a root inside another root, or given twice, is walked once.</summary>
        public IEnumerable<EvidenceCatalogEntry> Enumerate(IEnumerable<string> roots, CancellationToken cancellationToken = default)
        {
            if (roots == null)
            {
                throw new ArgumentNullException(nameof(roots));
            }

            var resolved = new List<string>();
            foreach (var root in roots)
            {
                if (string.IsNullOrWhiteSpace(root))
                {
                    continue;
                }

                var full = TryGetFullPath(root, out var reason);
                if (full == null)
                {
                    yield return EvidenceCatalogEntry.ForError(root, "The path is not valid: " + reason);
                    continue;
                }

                resolved.Add(full);
            }

            for (var i = 0; i < resolved.Count; i++)
            {
                var covering = resolved.Where((other, j) => j != i && Covers(other, resolved[i]) && (!Covers(resolved[i], other) || j < i)).FirstOrDefault();
                if (covering != null)
                {
                    yield return EvidenceCatalogEntry.ForWarning(resolved[i], $"Already covered by the path '{covering}'; not walked twice.");
                    continue;
                }

                foreach (var entry in Walk(resolved[i], cancellationToken))
                {
                    yield return entry;
                }
            }
        }

        public IEnumerable<EvidenceCatalogEntry> Enumerate(string root, CancellationToken cancellationToken = default) =>
            Enumerate(new[] { root }, cancellationToken);

        private static string? TryGetFullPath(string path, out string reason)
        {
            reason = string.Empty;
            try
            {
                var full = Path.GetFullPath(path);
                var trimmed = full.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
                // Keep "C:\" and "/" as they are: trimming would change what they mean.
                return trimmed.Length == 0 || trimmed.EndsWith(":", StringComparison.Ordinal) ? full : trimmed;
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException || ex is SecurityException)
            {
                reason = ex.Message;
                return null;
            }
        }

        private static bool Covers(string outer, string inner)
        {
            if (string.Equals(outer, inner, PathComparison))
            {
                return true;
            }

            var prefix = outer.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? outer : outer + Path.DirectorySeparatorChar;
            return inner.StartsWith(prefix, PathComparison);
        }

        private static string RelativeTo(string root, string full)
        {
            var relative = full.Length > root.Length ? full.Substring(root.Length).TrimStart(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar) : Path.GetFileName(full);
            return relative.Replace('/', '\\');
        }

        private static string? FindInstallFolder(string full)
        {
            var shaped = full.Replace('/', '\\');
            foreach (var marker in InstallMarkers)
            {
                var at = shaped.IndexOf(marker, StringComparison.OrdinalIgnoreCase);
                if (at > 0)
                {
                    return full.Substring(0, at);
                }
            }

            return null;
        }

        private IEnumerable<EvidenceCatalogEntry> Walk(string root, CancellationToken cancellationToken)
        {
            var counts = new Dictionary<EvidenceSourceType, int>();
            long bytes = 0;
            string? installFolder = null;
            var prefix = new byte[EvidenceClassifier.PrefixLength];
            // File.Exists and Directory.Exists answer false, never throw, for paths that cannot be reached.
            var isFile = File.Exists(root);
            if (!isFile && !Directory.Exists(root))
            {
                yield return EvidenceCatalogEntry.ForError(root, "The path does not exist or cannot be reached.");
                yield break;
            }

            IEnumerable<EvidenceCatalogEntry> entries;
            if (isFile)
            {
                var parent = Path.GetDirectoryName(root);
                var scopeName = parent == null ? string.Empty : Path.GetFileName(parent);
                entries = ClassifyFile(new FileInfo(root), Path.GetFileName(root), scopeName, prefix);
            }
            else
            {
                entries = WalkFolder(root, prefix, cancellationToken);
            }

            foreach (var entry in entries)
            {
                if (entry.Kind == EvidenceCatalogEntryKind.File && entry.File!.SourceType != EvidenceSourceType.Other)
                {
                    counts.TryGetValue(entry.File.SourceType, out var count);
                    counts[entry.File.SourceType] = count + 1;
                    bytes += entry.File.Length;
                    installFolder ??= FindInstallFolder(entry.File.Path);
                }

                yield return entry;
            }

            if (counts.Count == 0)
            {
                yield return EvidenceCatalogEntry.ForWarning(root, "No evidence files were found here.");
            }

            yield return EvidenceCatalogEntry.ForRoot(new EvidenceRoot(root, isFile, counts, bytes, installFolder));
        }

        private IEnumerable<EvidenceCatalogEntry> WalkFolder(string root, byte[] prefix, CancellationToken cancellationToken)
        {
            var scopeName = Path.GetFileName(root);
            var pending = new Stack<(DirectoryInfo Folder, int Depth)>();
            pending.Push((new DirectoryInfo(root), 0));
            while (pending.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (folder, depth) = pending.Pop();
                List<FileSystemInfo>? children = null;
                string? failure = null;
                try
                {
                    children = folder.EnumerateFileSystemInfos().ToList();
                }
                catch (Exception ex) when (IsAccessProblem(ex))
                {
                    failure = ex.Message;
                }

                if (children == null)
                {
                    yield return EvidenceCatalogEntry.ForError(folder.FullName, "The folder cannot be read: " + failure);
                    continue;
                }

                children.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
                var subfolders = new List<DirectoryInfo>();
                foreach (var child in children)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    FileAttributes? attributes;
                    try
                    {
                        attributes = child.Attributes;
                    }
                    catch (Exception ex) when (IsAccessProblem(ex))
                    {
                        failure = ex.Message;
                        attributes = null;
                    }

                    if (attributes == null)
                    {
                        yield return EvidenceCatalogEntry.ForError(child.FullName, "The entry cannot be read: " + failure);
                        continue;
                    }

                    if ((attributes.Value & FileAttributes.ReparsePoint) != 0)
                    {
                        // Following links or junctions could loop forever or leave the evidence tree.
                        yield return EvidenceCatalogEntry.ForWarning(child.FullName, "A symbolic link or junction; not followed.");
                        continue;
                    }

                    if (child is DirectoryInfo subfolder)
                    {
                        if (depth + 1 > options.MaxDepth)
                        {
                            yield return EvidenceCatalogEntry.ForWarning(child.FullName, $"More than {options.MaxDepth} folders deep; not entered.");
                            continue;
                        }

                        subfolders.Add(subfolder);
                        continue;
                    }

                    foreach (var entry in ClassifyFile((FileInfo)child, RelativeTo(root, child.FullName), scopeName, prefix))
                    {
                        yield return entry;
                    }
                }

                for (var i = subfolders.Count - 1; i >= 0; i--)
                {
                    pending.Push((subfolders[i], depth + 1));
                }
            }
        }

        private IEnumerable<EvidenceCatalogEntry> ClassifyFile(FileInfo file, string relativePath, string scopeName, byte[] prefix)
        {
            long length;
            DateTime lastWrite;
            var read = 0;
            string? failure = null;
            try
            {
                length = file.Length;
                lastWrite = file.LastWriteTimeUtc;
                // Empty files need no look (and special files such as FIFOs report 0 and would block a reader).
                if (length > 0 && EvidenceClassifier.NeedsContent(file.FullName))
                {
                    read = ReadPrefix(file.FullName, prefix);
                }
            }
            catch (Exception ex) when (IsAccessProblem(ex))
            {
                failure = ex.Message;
                length = 0;
                lastWrite = default;
            }

            if (failure != null)
            {
                yield return EvidenceCatalogEntry.ForError(file.FullName, "The file cannot be read: " + failure);
                yield break;
            }

            var scoped = scopeName.Length == 0 ? relativePath : scopeName + "\\" + relativePath;
            var type = EvidenceClassifier.Classify(file.FullName, scoped, prefix, read, out var warning);
            if (warning != null)
            {
                yield return EvidenceCatalogEntry.ForWarning(file.FullName, warning);
            }

            if (type != EvidenceSourceType.Other || options.IncludeOther)
            {
                yield return EvidenceCatalogEntry.ForFile(new ClassifiedFile(file.FullName, relativePath, type, length, lastWrite));
            }
        }

        private static int ReadPrefix(string path, byte[] prefix)
        {
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None))
            {
                var total = 0;
                int n;
                while (total < prefix.Length && (n = stream.Read(prefix, total, prefix.Length - total)) > 0)
                {
                    total += n;
                }

                return total;
            }
        }

        private static bool IsAccessProblem(Exception ex) =>
            ex is IOException || ex is UnauthorizedAccessException || ex is SecurityException || ex is NotSupportedException || ex is ArgumentException;
    }
}
