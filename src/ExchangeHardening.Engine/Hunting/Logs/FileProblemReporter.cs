using System.Globalization;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>Passes a file's bad lines to the sink, up to a limit, so a garbage file cannot flood the output.</summary>
    internal sealed class FileProblemReporter
    {
        public const int DefaultLimit = 100;

        private readonly IFindingSink sink;
        private readonly string path;
        private readonly int limit;
        private int count;

        public FileProblemReporter(IFindingSink sink, string path, int limit = DefaultLimit)
        {
            this.sink = sink;
            this.path = path;
            this.limit = limit;
        }

        public void Report(long line, string message) => Report(new EvidenceError(path, line, message));

        public void Report(EvidenceError error)
        {
            count++;
            if (count <= limit)
            {
                sink.Error(error);
            }
            else if (count == limit + 1)
            {
                sink.Error(new EvidenceError(path, error.Line, string.Format(CultureInfo.InvariantCulture, "more than {0} problems in this file; the others are not reported", limit)));
            }
        }
    }
}
