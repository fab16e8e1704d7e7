using System;
using System.IO;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// The frame every log analyzer shares around its scan loop: open the file read-only, run the scan, turn an
    /// open or read failure into a problem naming the file (the run goes on), and report the time span seen.
    /// </summary>
    internal static class LogFileScan
    {
        public static void Run<TReader>(ClassifiedFile file, IFindingSink sink, FileProblemReporter problems, Func<TReader> open, Action<TReader, CoverageSpan> scan)
            where TReader : IDisposable
        {
            TReader reader;
            try
            {
                reader = open();
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                problems.Report(0, "cannot open the file: " + ex.Message);
                return;
            }

            var coverage = new CoverageSpan();
            try
            {
                using (reader)
                {
                    scan(reader, coverage);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                problems.Report(0, "reading stopped: " + ex.Message);
            }

            coverage.Report(sink, file.SourceType);
        }
    }
}
