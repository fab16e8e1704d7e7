using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>
    /// Finds and reads a server's IIS configuration from the paths a user gives: files (read whatever their name),
    /// or folders holding the live configuration or a copy of it, searched recursively for applicationHost.config
    /// and web.config. applicationHost.config is read first so that its virtual directories can place the
    /// web.config files. Nothing stops on a bad file or folder: each becomes an error and the rest is read.
    /// </summary>
    public sealed class IisConfigurationLocator
    {
        private static readonly string[] ConfigurationFileNames = { "applicationHost.config", "web.config" };

        /// <summary>Reads every configuration file found under <paramref name="paths"/> (one server's configuration).</summary>
        public IisConfiguration Load(IEnumerable<string> paths)
        {
            var errors = new List<ResourceLoadError>();
            var found = new List<string>();
            foreach (var path in paths.Where(p => !string.IsNullOrWhiteSpace(p)))
            {
                if (File.Exists(path))
                {
                    found.Add(Path.GetFullPath(path));
                }
                else if (Directory.Exists(path))
                {
                    Search(Path.GetFullPath(path), found, errors);
                }
                else
                {
                    errors.Add(new ResourceLoadError(new SourceLocation(path, 0, 0), "No file or folder exists at this path."));
                }
            }

            // Windows paths differ in case only for the same file; elsewhere they are different files.
            var pathComparer = Path.DirectorySeparatorChar == '\\' ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;
            var documents = found.Distinct(pathComparer)
                .OrderBy(p => p, StringComparer.OrdinalIgnoreCase)
                .Select(p =>
                {
                    var fileErrors = new List<ResourceLoadError>();
                    var document = IisConfigurationReader.LoadDocument(p, fileErrors);
                    return (Path: p, Document: document, Errors: fileErrors, Kind: IisConfigurationReader.KindOf(p, document));
                })
                .ToList();

            var applicationHosts = documents
                .Where(d => d.Kind == IisConfigurationFileKind.ApplicationHost)
                .Select(d => IisConfigurationReader.Interpret(d.Path, d.Document, d.Errors, d.Kind, IisRuleScope.Server))
                .ToList();
            var virtualDirectories = applicationHosts.SelectMany(f => f.VirtualDirectories).ToList();
            var webConfigs = documents
                .Where(d => d.Kind == IisConfigurationFileKind.WebConfig)
                .Select(d => IisConfigurationReader.Interpret(d.Path, d.Document, d.Errors, d.Kind, IisScopeResolver.ForWebConfig(d.Path, virtualDirectories)));
            return new IisConfiguration(applicationHosts.Concat(webConfigs), errors);
        }

        /// <summary>Convenience for a single path.</summary>
        public IisConfiguration Load(string path) => Load(new[] { path });

        private static void Search(string root, List<string> found, List<ResourceLoadError> errors)
        {
            var pending = new Stack<string>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var folder = pending.Pop();
                try
                {
                    found.AddRange(Directory.EnumerateFiles(folder).Where(f => ConfigurationFileNames.Contains(Path.GetFileName(f), StringComparer.OrdinalIgnoreCase)));
                    foreach (var child in Directory.EnumerateDirectories(folder))
                    {
                        if (!IsSkipped(child))
                        {
                            pending.Push(child);
                        }
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is System.Security.SecurityException)
                {
                    errors.Add(new ResourceLoadError(new SourceLocation(folder, 0, 0), "The folder cannot be searched: " + ex.Message));
                }
            }
        }

        /// <summary>
        /// Folders whose configuration files IIS does not use: its automatic configuration history
        /// (inetpub\history\CFGHISTORY_nnnnnnnnnn) and appcmd/IIS Manager backups (inetsrv\backup) hold older copies of
        /// applicationHost.config that would otherwise count as live rules. Junctions and symbolic links are not
        /// followed, so a folder loop cannot make the search endless.
        /// </summary>
        private static bool IsSkipped(string folder)
        {
            var name = Path.GetFileName(folder);
            var parent = Path.GetFileName(Path.GetDirectoryName(folder) ?? string.Empty);
            if (name.StartsWith("CFGHISTORY_", StringComparison.OrdinalIgnoreCase)
                || (string.Equals(name, "backup", StringComparison.OrdinalIgnoreCase) && string.Equals(parent, "inetsrv", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }

            try
            {
                return (File.GetAttributes(folder) & FileAttributes.ReparsePoint) != 0;
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
