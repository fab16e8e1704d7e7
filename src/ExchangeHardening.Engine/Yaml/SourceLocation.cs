using System.Globalization;

namespace ExchangeHardening.Engine.Yaml
{
    /// <summary>Where something was read: file, 1-based line and column (0 when unknown).</summary>
    public sealed class SourceLocation
    {
        public SourceLocation(string file, long line, long column)
        {
            File = file;
            Line = line;
            Column = column;
        }

        public string File { get; }

        public long Line { get; }

        public long Column { get; }

        public override string ToString() =>
            Line > 0
                ? string.Format(CultureInfo.InvariantCulture, "{0}:{1}:{2}", File, Line, Column)
                : File;
    }
}
