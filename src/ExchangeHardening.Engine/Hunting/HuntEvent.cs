using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>A finding, an evidence problem, or progress (files and bytes done), in the order they happened.</summary>
    public sealed class HuntEvent
    {
        private HuntEvent(HuntEventKind kind, Finding? finding, EvidenceError? error, int filesDone, int filesTotal, long bytesDone, long bytesTotal, string? currentFile)
        {
            Kind = kind;
            Finding = finding;
            Error = error;
            FilesDone = filesDone;
            FilesTotal = filesTotal;
            BytesDone = bytesDone;
            BytesTotal = bytesTotal;
            CurrentFile = currentFile;
        }

        public HuntEventKind Kind { get; }

        public Finding? Finding { get; }

        public EvidenceError? Error { get; }

        public int FilesDone { get; }

        public int FilesTotal { get; }

        public long BytesDone { get; }

        public long BytesTotal { get; }

        public string? CurrentFile { get; }

        public static HuntEvent ForFinding(Finding finding) => new HuntEvent(HuntEventKind.Finding, finding, null, 0, 0, 0, 0, null);

        public static HuntEvent ForError(EvidenceError error) => new HuntEvent(HuntEventKind.Error, null, error, 0, 0, 0, 0, null);

        public static HuntEvent ForWarning(EvidenceError warning) => new HuntEvent(HuntEventKind.Warning, null, warning, 0, 0, 0, 0, null);

        public static HuntEvent ForProgress(int filesDone, int filesTotal, long bytesDone, long bytesTotal, string currentFile) =>
            new HuntEvent(HuntEventKind.Progress, null, null, filesDone, filesTotal, bytesDone, bytesTotal, currentFile);
    }
}
