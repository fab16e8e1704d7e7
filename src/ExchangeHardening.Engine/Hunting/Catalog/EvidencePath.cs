using System;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// A file path reduced to the shape the classifier looks at: '\' separators whatever the OS or the tool that made
    /// the copy (a zip extracted on Linux can leave '\' inside names), a leading '\' so every folder is matched as a
    /// whole segment, and compared without case.
    /// </summary>
    internal sealed class EvidencePath
    {
        private EvidencePath(string full, string scoped, string fileName)
        {
            Full = full;
            Scoped = scoped;
            FileName = fileName;
        }

        /// <summary>The whole path, e.g. <c>\evidence\EXCH01\Logging\HttpProxy\Owa\HttpProxy_2021030304-1.LOG</c>.</summary>
        public string Full { get; }

        /// <summary>The root folder's own name and what lies below it: single-word folder shapes (ProgramData,
        /// ClientAccess) are only trusted here, so an evidence store under C:\ProgramData\Cases does not make every
        /// file a staging file.</summary>
        public string Scoped { get; }

        public string FileName { get; }

        public string Extension
        {
            get
            {
                var dot = FileName.LastIndexOf('.');
                return dot < 0 ? string.Empty : FileName.Substring(dot);
            }
        }

        public static EvidencePath Create(string fullPath, string scopedPath)
        {
            var full = Normalize(fullPath);
            var scoped = Normalize(scopedPath);
            var slash = full.LastIndexOf('\\');
            return new EvidencePath(full, scoped, full.Substring(slash + 1));
        }

        /// <summary>'\' separators, one leading '\', no doubled separators.</summary>
        public static string Normalize(string path)
        {
            var chars = new char[path.Length + 1];
            var length = 0;
            chars[length++] = '\\';
            foreach (var c in path)
            {
                var d = c == '/' ? '\\' : c;
                if (d == '\\' && chars[length - 1] == '\\')
                {
                    continue;
                }

                chars[length++] = d;
            }

            return new string(chars, 0, length);
        }

        /// <summary>Whether the folders of the whole path contain <paramref name="segments"/> (e.g. <c>\Logging\HttpProxy\</c>).</summary>
        public bool FullHas(string segments) => Full.IndexOf(segments, StringComparison.OrdinalIgnoreCase) >= 0;

        public bool ScopedHas(string segments) => Scoped.IndexOf(segments, StringComparison.OrdinalIgnoreCase) >= 0;

        public bool NameStartsWith(string prefix) => FileName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);

        public bool NameEndsWith(string suffix) => FileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);

        public bool NameContains(string part) => FileName.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;

        public bool ExtensionIs(string extension) => string.Equals(Extension, extension, StringComparison.OrdinalIgnoreCase);
    }
}
