using System.Text;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>The printable ASCII runs of binary content, single-byte and UTF-16LE, each on its own line (what 'strings' shows).</summary>
    internal static class PrintableRuns
    {
        private const int MinimumRun = 4;

        public static string Extract(byte[] bytes, int length)
        {
            var output = new StringBuilder();
            var run = new StringBuilder();

            // Single-byte runs.
            for (var i = 0; i < length; i++)
            {
                Take(bytes[i], run, output);
            }

            Flush(run, output);

            // UTF-16LE runs, in both alignments: a string in a .NET assembly starts at any byte offset.
            for (var start = 0; start < 2; start++)
            {
                for (var i = start; i + 1 < length; i += 2)
                {
                    if (bytes[i + 1] != 0)
                    {
                        Flush(run, output);
                        continue;
                    }

                    Take(bytes[i], run, output);
                }

                Flush(run, output);
            }

            return output.ToString();
        }

        private static void Take(byte b, StringBuilder run, StringBuilder output)
        {
            if (b >= 0x20 && b < 0x7F)
            {
                run.Append((char)b);
            }
            else
            {
                Flush(run, output);
            }
        }

        private static void Flush(StringBuilder run, StringBuilder output)
        {
            if (run.Length >= MinimumRun)
            {
                output.Append(run).Append('\n');
            }

            run.Clear();
        }
    }
}
