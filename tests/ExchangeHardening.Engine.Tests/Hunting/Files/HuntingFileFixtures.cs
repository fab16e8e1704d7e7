using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using ExchangeHardening.Engine.Advisories;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Hunting;
using ExchangeHardening.Engine.Tests.Data;

namespace ExchangeHardening.Engine.Tests.Hunting.Files
{
    /// <summary>The HuntingFiles fixtures, server-like trees built from them, and the plumbing to run an analyzer on files.</summary>
    internal static class HuntingFileFixtures
    {
        public const string Server = "EXCH01";
        public const string HttpProxy = "Program Files/Microsoft/Exchange Server/V15/FrontEnd/HttpProxy";
        public const string AspnetClient = "inetpub/wwwroot/aspnet_client";
        public const string OwaAuth = HttpProxy + "/owa/auth";
        public const string EcpAuth = HttpProxy + "/ecp/auth";
        public const string TemporaryAspNet = "Windows/Microsoft.NET/Framework64/v4.0.30319/Temporary ASP.NET Files";

        public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures", "HuntingFiles");

        public static string Fixture(string relativePath) => Path.Combine(Root, relativePath);

        public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Fixture(relativePath));

        /// <summary>Copies a fixture into the tree under another name (fixtures are kept as .txt in the repository).</summary>
        public static string Place(this TempDirectory tree, string fixture, string relativePath) => tree.WriteBytes(relativePath, Bytes(fixture));

        public static string WriteBytes(this TempDirectory tree, string relativePath, byte[] bytes)
        {
            var full = Path.Combine(tree.Path, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllBytes(full, bytes);
            return full;
        }

        public static ClassifiedFile Classify(string path, EvidenceSourceType type, string? root = null, DateTime? lastWrite = null)
        {
            var info = new FileInfo(path);
            var length = info.Exists ? info.Length : 0;
            var written = lastWrite ?? (info.Exists ? info.LastWriteTimeUtc : new DateTime(2021, 3, 3, 0, 0, 0, DateTimeKind.Utc));
            var relative = root == null ? info.Name : Path.GetRelativePath(root, path).Replace('/', '\\');
            return new ClassifiedFile(path, relative, type, length, written);
        }

        public static HuntContext Context(AdvisoryStore? store = null, string? build = null) =>
            new HuntContext(Server, store ?? ShippedData.Store) { Build = build == null ? (ExchangeBuild?)null : ExchangeBuild.Parse(build) };

        public static RecordingSink Run(IEvidenceAnalyzer analyzer, HuntContext context, params ClassifiedFile[] files)
        {
            var sink = new RecordingSink();
            foreach (var file in files)
            {
                analyzer.Analyze(file, context, sink, CancellationToken.None);
            }

            if (analyzer is IEvidenceSetAnalyzer set)
            {
                set.Complete(context, sink);
            }

            return sink;
        }

        /// <summary>The shipped data plus a test-only layer (e.g. the SHA-256 of a harmless fixture).</summary>
        public static AdvisoryStore StoreWith(TempDirectory layer)
        {
            var result = new AdvisoryStoreLoader().Load(new[]
            {
                new AdvisoryLayer("shipped", new[] { ShippedData.Directory }),
                new AdvisoryLayer("test", new[] { layer.Path }),
            });
            if (result.Errors.Count > 0)
            {
                throw new InvalidOperationException(string.Join(Environment.NewLine, result.Errors));
            }

            return result.Store;
        }

        public static string Sha256(byte[] bytes)
        {
            using (var sha = SHA256.Create())
            {
                return string.Concat(sha.ComputeHash(bytes).Select(b => b.ToString("x2")));
            }
        }

        /// <summary>Bytes shaped like a compiled page assembly: binary filler with the page's virtual path as a UTF-16 string.</summary>
        public static byte[] FakeCompiledAssembly(string virtualPath)
        {
            var bytes = new List<byte> { (byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00 };
            bytes.AddRange(Enumerable.Range(0, 300).Select(i => (byte)(i % 7 == 0 ? 0 : (i * 31) & 0xFF)));
            bytes.AddRange(Encoding.Unicode.GetBytes(virtualPath));
            bytes.AddRange(new byte[] { 0x00, 0x00, 0x01, 0x02 });
            bytes.AddRange(Encoding.ASCII.GetBytes("SYNTHETIC TEST FIXTURE"));
            bytes.AddRange(Enumerable.Repeat((byte)0, 64));
            return bytes.ToArray();
        }

        /// <summary>SHA-256 of every file under a folder, to prove the analyzers changed nothing.</summary>
        public static IReadOnlyDictionary<string, string> HashTree(string root) =>
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .OrderBy(p => p, StringComparer.Ordinal)
                .ToDictionary(p => p, p => Sha256(File.ReadAllBytes(p)) + "|" + File.GetLastWriteTimeUtc(p).Ticks);
    }
}
