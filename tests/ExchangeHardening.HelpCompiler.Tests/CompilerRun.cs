using System;
using System.IO;

namespace ExchangeHardening.HelpCompiler.Tests
{
    /// <summary>
    /// Runs the compiler in-process on a fixture folder into a fresh temporary output folder, with
    /// the command line a build script would use, and keeps what it printed.
    /// </summary>
    internal sealed class CompilerRun : IDisposable
    {
        private CompilerRun(string docs, string output, int exitCode, string standardOutput, string standardError)
        {
            Docs = docs;
            Output = output;
            ExitCode = exitCode;
            StandardOutput = standardOutput;
            StandardError = standardError;
        }

        public string Docs { get; }

        public string Output { get; }

        public int ExitCode { get; }

        public string StandardOutput { get; }

        public string StandardError { get; }

        public static string Fixture(params string[] parts)
        {
            return Path.Combine(AppContext.BaseDirectory, "Fixtures", Path.Combine(parts));
        }

        public static CompilerRun Start(string docs, string module = "ExchangeHardening")
        {
            string output = Path.Combine(Path.GetTempPath(), "eh-helpcompiler-" + Guid.NewGuid().ToString("N"), "en-US");
            using var standardOutput = new StringWriter();
            using var standardError = new StringWriter();
            int exitCode = HelpCompilation.Run(new[] { "--docs", docs, "--out", output, "--module", module }, standardOutput, standardError);
            return new CompilerRun(docs, output, exitCode, standardOutput.ToString(), standardError.ToString());
        }

        public void Dispose()
        {
            string? root = Path.GetDirectoryName(Output);
            if (root != null && Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}
