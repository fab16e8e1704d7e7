using System;
using System.Collections.Generic;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// Decides what kind of evidence a file is from its name, the shape of the folders above it and its first few KB,
    /// never from an absolute path: a live server, a copied tree and a zip extracted on another OS all work. Folder
    /// shapes are compared without case and with either separator. Order: tell-tale file names (EOMT, MSERT,
    /// Test-ProxyLogon outputs, IIS configuration, PatchState exports), then content (log directives, event exports),
    /// then folder shapes (log folders, web folders, staging folders).
    /// </summary>
    public static class EvidenceClassifier
    {
        /// <summary>How much of a file is read to classify it.</summary>
        public const int PrefixLength = 8 * 1024;

        // Content never decides for these: reading them would only cost I/O (and they are never logs or exports).
        private static readonly HashSet<string> BinaryExtensions = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            ".dll", ".exe", ".pdb", ".sys", ".mui", ".cab", ".msi", ".msp", ".zip", ".7z", ".rar", ".gz", ".dmp", ".mdmp",
            ".png", ".jpg", ".jpeg", ".gif", ".ico", ".bmp", ".eot", ".ttf", ".woff", ".woff2", ".edb", ".chk", ".jrs",
            ".jtx", ".pst", ".ost", ".compiled", ".cdf", ".evtx", ".etl", ".blg",
        };

        private static readonly string[] WebFolders = { "\\inetpub\\wwwroot\\", "\\FrontEnd\\HttpProxy\\", "\\Temporary ASP.NET Files\\" };

        private static readonly string[] StagingFolders =
        {
            "\\Windows\\Temp\\", "\\Users\\Public\\", "\\Users\\All Users\\",
            // Rare drop folders that staging indicators name (indicators.md 2.4 and EXH-CT-006). Each is at least two
            // segments, so it is trusted anywhere in the path, and none is a folder Windows or Exchange creates, so
            // the same file name elsewhere (mscoree.dll in System32, mi.exe on another desktop) stays out of reach.
            "\\Windows\\WwanSvcdcs\\", // HAFNIUM tool folder (Sigma fact); the WWAN service itself is WwanSvc
            "\\Windows\\Help\\mui\\0109\\", // ShadowPad (ESET); 0109 is no language id, real ones are e.g. 0409
            "\\Program Files\\System\\", // Websiic (ESET)
            "\\Common Files\\Microsoft Shared\\WMI\\", // Websiic (ESET)
            "\\Users\\ExchService\\Desktop\\", // LockBit after Exchange exploitation (AhnLab)
            "\\Windows\\System32\\0409\\", // LockBit (AhnLab); System32 names its language folders en-US style
            "\\Temp\\AUtempR\\", // LockBit (AhnLab), C:\Temp\AUtempR
        };

        private static readonly string[] ScopedStagingFolders = { "\\ProgramData\\", "\\root\\" };

        /// <summary>False when name and folder alone decide (content is then not read).</summary>
        public static bool NeedsContent(string fullPath)
        {
            var path = EvidencePath.Create(fullPath, fullPath);
            return ByName(path, null, out _) == null && !BinaryExtensions.Contains(path.Extension);
        }

        /// <summary>
        /// Classifies a file. <paramref name="scopedPath"/> is the -Path root's own folder name plus the path below it
        /// (single-word folder shapes such as ProgramData count only there); <paramref name="prefix"/> holds the first
        /// <paramref name="prefixLength"/> bytes of the file (may be empty when <see cref="NeedsContent"/> was false).
        /// <paramref name="warning"/> explains a file that looks like evidence but cannot be read as such.
        /// </summary>
        public static EvidenceSourceType Classify(string fullPath, string scopedPath, byte[] prefix, int prefixLength, out string? warning)
        {
            if (fullPath == null)
            {
                throw new ArgumentNullException(nameof(fullPath));
            }

            warning = null;
            var path = EvidencePath.Create(fullPath, scopedPath ?? fullPath);
            var content = ContentSniffer.Sniff(prefix ?? Array.Empty<byte>(), prefix == null ? 0 : Math.Min(prefixLength, prefix.Length));
            var named = ByName(path, content, out warning);
            if (named != null)
            {
                return named.Value;
            }

            var binaryExtension = BinaryExtensions.Contains(path.Extension);
            if (path.ExtensionIs(".evtx"))
            {
                warning = "Event log files (.evtx) are not read; export the events with Get-WinEvent ... | Export-Csv or ConvertTo-Json and pass the export.";
            }

            if (!binaryExtension && !content.IsBinary)
            {
                var fromDirectives = content.LogTypeFromDirectives();
                if (fromDirectives != null)
                {
                    return fromDirectives.Value;
                }

                if (content.LooksLikeEvents())
                {
                    return EvidenceSourceType.ExportedEvents;
                }
            }

            var logFolder = LogFolder(path);
            if (logFolder != null)
            {
                if (!binaryExtension && !content.IsBinary)
                {
                    return logFolder.Value;
                }

                if (content.IsBinary && !binaryExtension)
                {
                    warning = $"The file lies in a {logFolder.Value} folder but its content is binary; it was not read as a log.";
                }
            }

            if (Array.Exists(WebFolders, path.FullHas) || path.ScopedHas("\\ClientAccess\\"))
            {
                return EvidenceSourceType.WebFile;
            }

            if (Array.Exists(StagingFolders, path.FullHas) || Array.Exists(ScopedStagingFolders, path.ScopedHas))
            {
                return EvidenceSourceType.StagingFile;
            }

            return EvidenceSourceType.Other;
        }

        /// <summary>File names that say what the file is; null when the name does not decide.</summary>
        private static EvidenceSourceType? ByName(EvidencePath path, ContentSniffer? content, out string? warning)
        {
            warning = null;
            if (path.NameStartsWith("msert") && path.ExtensionIs(".log"))
            {
                return EvidenceSourceType.MsertLog; // Windows\debug\msert.log and msert.old.log, wherever copied
            }

            if (path.NameStartsWith("EOMT"))
            {
                if (path.ExtensionIs(".txt") && path.NameContains("Summary"))
                {
                    return EvidenceSourceType.EomtSummary;
                }

                if (path.ExtensionIs(".log") || (path.ExtensionIs(".txt") && path.NameContains("-Debug_")))
                {
                    return EvidenceSourceType.EomtLog;
                }
            }

            if (path.NameContains("-Cve-2021-") && (path.ExtensionIs(".csv") || path.ExtensionIs(".log")))
            {
                return EvidenceSourceType.TestProxyLogonOutput;
            }

            if (path.FileName.Equals("applicationHost.config", StringComparison.OrdinalIgnoreCase) || path.FileName.Equals("web.config", StringComparison.OrdinalIgnoreCase))
            {
                return EvidenceSourceType.IisConfiguration;
            }

            if (path.ExtensionIs(".reg") && content != null && content.Mentions("MSERTBootstrap\\PatchState"))
            {
                return EvidenceSourceType.PatchStateExport;
            }

            return null;
        }

        private static EvidenceSourceType? LogFolder(EvidencePath path)
        {
            if (path.FullHas("\\Logging\\HttpProxy\\"))
            {
                return EvidenceSourceType.HttpProxyLog;
            }

            if (path.FullHas("\\Logging\\ECP\\Server\\"))
            {
                return EvidenceSourceType.EcpServerLog;
            }

            if (path.FullHas("\\Logging\\ECP\\Activity\\"))
            {
                return EvidenceSourceType.EcpActivityLog;
            }

            if (path.FullHas("\\Logging\\OABGeneratorLog\\"))
            {
                return EvidenceSourceType.OabGeneratorLog;
            }

            if (path.FullHas("\\Logging\\MitigationService\\"))
            {
                return EvidenceSourceType.MitigationServiceLog;
            }

            var logFiles = path.Full.IndexOf("\\LogFiles\\W3SVC", StringComparison.OrdinalIgnoreCase);
            if (logFiles >= 0)
            {
                var i = logFiles + "\\LogFiles\\W3SVC".Length;
                var digits = 0;
                while (i < path.Full.Length && char.IsDigit(path.Full[i]))
                {
                    i++;
                    digits++;
                }

                if (digits > 0 && i < path.Full.Length && path.Full[i] == '\\')
                {
                    return EvidenceSourceType.IisLog;
                }
            }

            return null;
        }
    }
}
