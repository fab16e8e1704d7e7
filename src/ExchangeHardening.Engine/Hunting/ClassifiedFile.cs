using System;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>An evidence file and what kind of evidence it is.</summary>
    public sealed class ClassifiedFile
    {
        public ClassifiedFile(string path, string relativePath, EvidenceSourceType sourceType, long length, DateTime lastWriteTimeUtc)
        {
            Path = path;
            RelativePath = relativePath;
            SourceType = sourceType;
            Length = length;
            LastWriteTimeUtc = lastWriteTimeUtc;
        }

        /// <summary>The full path.</summary>
        public string Path { get; }

        /// <summary>The path below the -Path root it was found in, with '\' separators (how rules match folder shapes).</summary>
        public string RelativePath { get; }

        public EvidenceSourceType SourceType { get; }

        public long Length { get; }

        public DateTime LastWriteTimeUtc { get; }

        public override string ToString() => $"{SourceType}: {Path}";
    }
}
