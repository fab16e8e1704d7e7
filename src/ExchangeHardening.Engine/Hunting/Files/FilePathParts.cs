using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// A file's path split once for all rules: its name, its folder's segments, and the scoped folder (the -Path
    /// root's own folder name and what lies below it). Single-word folder shapes ('ProgramData', 'root') are matched
    /// in the scoped folder only, as the evidence catalog does, so that a case folder called 'root' above the
    /// evidence does not make every file in it look like C:\root.
    /// </summary>
    internal sealed class FilePathParts
    {
        private FilePathParts(string path, string fileName, IReadOnlyList<string> folder, IReadOnlyList<string> scopedFolder)
        {
            Path = path;
            FileName = fileName;
            Folder = folder;
            ScopedFolder = scopedFolder;
        }

        public string Path { get; }

        public string FileName { get; }

        /// <summary>Every folder of the full path (a user may point -Path at C:\ProgramData itself).</summary>
        public IReadOnlyList<string> Folder { get; }

        /// <summary>The folders from the -Path root's own folder down; the full folder when that cannot be worked out.</summary>
        public IReadOnlyList<string> ScopedFolder { get; }

        public static FilePathParts Of(ClassifiedFile file) => Of(file.Path, file.RelativePath);

        public static FilePathParts Of(string path, string? relativePath = null)
        {
            var segments = PathPattern.Split(path);
            if (segments.Length == 0)
            {
                return new FilePathParts(path, string.Empty, Array.Empty<string>(), Array.Empty<string>());
            }

            var folder = segments.Take(segments.Length - 1).ToArray();
            var scoped = folder;
            var relative = relativePath == null ? Array.Empty<string>() : PathPattern.Split(relativePath);
            if (relative.Length > 0 && relative.Length <= segments.Length && EndsWith(segments, relative))
            {
                // The root's own name counts ("-Path C:\ProgramData" scopes to ProgramData\...).
                var start = Math.Max(0, segments.Length - relative.Length - 1);
                scoped = segments.Skip(start).Take(segments.Length - 1 - start).ToArray();
            }

            return new FilePathParts(path, segments[segments.Length - 1], folder, scoped);
        }

        private static bool EndsWith(string[] segments, string[] suffix)
        {
            var offset = segments.Length - suffix.Length;
            for (var i = 0; i < suffix.Length; i++)
            {
                if (!string.Equals(segments[offset + i], suffix[i], StringComparison.OrdinalIgnoreCase))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
