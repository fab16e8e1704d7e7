using System;
using System.IO;
using Xunit;

namespace ExchangeHardening.HelpCompiler.Tests
{
    /// <summary>The module's own docs/en-US must always compile, so a broken page fails the tests, not a release.</summary>
    public sealed class RepositoryDocsTests
    {
        [Fact]
        public void ShippedDocsCompileWithoutErrors()
        {
            string docs = Path.Combine(FindRepositoryRoot(), "docs", "en-US");
            using CompilerRun run = CompilerRun.Start(docs);

            Assert.True(run.ExitCode == 0, run.StandardError);
            Assert.Contains("about_ExchangeHardening_Advisories.help.txt", run.StandardOutput, StringComparison.Ordinal);
        }

        private static string FindRepositoryRoot()
        {
            for (DirectoryInfo? directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props")) && Directory.Exists(Path.Combine(directory.FullName, "docs")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("The repository root (with Directory.Packages.props and docs/) was not found above " + AppContext.BaseDirectory);
        }
    }
}
