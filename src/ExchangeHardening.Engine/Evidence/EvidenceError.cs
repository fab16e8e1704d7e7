using System.Globalization;

namespace ExchangeHardening.Engine.Evidence
{
    /// <summary>A record that could not be read: which file, which line (1-based, 0 when unknown) and what was expected.</summary>
    public sealed class EvidenceError
    {
        public EvidenceError(string file, long line, string message)
        {
            File = file;
            Line = line;
            Message = message;
        }

        public string File { get; }

        public long Line { get; }

        public string Message { get; }

        public override string ToString() =>
            Line > 0
                ? string.Format(CultureInfo.InvariantCulture, "{0}:{1}: {2}", File, Line, Message)
                : File + ": " + Message;
    }
}
