using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Mitigations
{
    /// <summary>
    /// Reads applicationHost.config and web.config files read-only and extracts what URL Rewrite mitigations
    /// depend on: the registered global modules, the sites' virtual directories, and every inbound, global and
    /// outbound rule with its preConditions and the clear/remove elements of each collection. A file that cannot
    /// be read or parsed becomes an error with file, line and column; it never throws.
    /// </summary>
    public sealed class IisConfigurationReader
    {
        private const string ApplicationHostFileName = "applicationHost.config";

        /// <summary>Reads one file on its own; a web.config's place comes from its path (see <see cref="IisScopeResolver"/>).</summary>
        public IisConfigurationFile Read(string path) => Read(path, null);

        /// <summary>Reads one file; <paramref name="webConfigScope"/> overrides the place of a web.config.</summary>
        public IisConfigurationFile Read(string path, IisRuleScope? webConfigScope)
        {
            var errors = new List<ResourceLoadError>();
            var document = LoadDocument(path, errors);
            var kind = KindOf(path, document);
            var scope = kind == IisConfigurationFileKind.ApplicationHost
                ? IisRuleScope.Server
                : webConfigScope ?? IisScopeResolver.ForWebConfig(path, Array.Empty<IisVirtualDirectory>());
            return Interpret(path, document, errors, kind, scope);
        }

        /// <summary>applicationHost.config by name, or any file whose configuration has system.applicationHost (a renamed copy).</summary>
        internal static IisConfigurationFileKind KindOf(string path, XDocument? document)
        {
            if (string.Equals(System.IO.Path.GetFileName(path), ApplicationHostFileName, StringComparison.OrdinalIgnoreCase)
                || document?.Root?.Element("system.applicationHost") != null)
            {
                return IisConfigurationFileKind.ApplicationHost;
            }

            return IisConfigurationFileKind.WebConfig;
        }

        /// <summary>Parses a file with line information; null (and an error) when it cannot be read or is not well-formed XML.</summary>
        internal static XDocument? LoadDocument(string path, List<ResourceLoadError> errors)
        {
            // DTDs and external entities are refused: a configuration file never needs them, and a hostile copy must
            // not make the reader fetch or expand anything.
            var settings = new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                CloseInput = true,
            };
            try
            {
                // Read-only, sharing everything: IIS or an admin may have the live file open, and we never lock it.
                using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
                using (var reader = XmlReader.Create(stream, settings))
                {
                    return WithoutNamespace(XDocument.Load(reader, LoadOptions.SetLineInfo));
                }
            }
            catch (XmlException ex)
            {
                // A refused DTD carries no position (line 0).
                errors.Add(new ResourceLoadError(new SourceLocation(path, ex.LineNumber, ex.LinePosition), "The file is not well-formed XML or uses a DTD: " + ex.Message));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException || ex is System.Security.SecurityException)
            {
                errors.Add(new ResourceLoadError(new SourceLocation(path, 0, 0), "The file cannot be read: " + ex.Message));
            }

            return null;
        }

        /// <summary>
        /// Web.config files made by older Visual Studio versions put xmlns="http://schemas.microsoft.com/.NetConfiguration/v2.0"
        /// on &lt;configuration&gt;; IIS reads them all the same, so element names are compared without namespace.
        /// </summary>
        private static XDocument WithoutNamespace(XDocument document)
        {
            if (document.Root != null && document.Root.Name.Namespace != XNamespace.None)
            {
                foreach (var element in document.Root.DescendantsAndSelf())
                {
                    element.Name = element.Name.LocalName;
                    element.Attributes().Where(a => a.IsNamespaceDeclaration).Remove();
                }
            }

            return document;
        }

        internal static IisConfigurationFile Interpret(string path, XDocument? document, List<ResourceLoadError> errors, IisConfigurationFileKind kind, IisRuleScope scope)
        {
            var file = new IisConfigurationFile(path, kind, scope);
            file.Errors.AddRange(errors);
            if (document?.Root == null)
            {
                return file;
            }

            var root = document.Root;
            if (root.Name.LocalName != "configuration")
            {
                file.Errors.Add(new ResourceLoadError(Locate(path, root), $"The root element is <{root.Name.LocalName}>; an IIS configuration file has <configuration>."));
                return file;
            }

            file.IsLoaded = true;
            ReadLevel(file, root, scope);
            foreach (var location in root.Elements("location"))
            {
                var locationPath = (string?)location.Attribute("path") ?? string.Empty;

                // In applicationHost.config a location path is absolute ("Default Web Site/owa"); in a web.config it is
                // relative to the folder the web.config configures.
                var locationScope = kind == IisConfigurationFileKind.ApplicationHost ? IisRuleScope.ForPath(locationPath) : scope.Child(locationPath);
                ReadLevel(file, location, locationScope);
            }

            if (kind == IisConfigurationFileKind.ApplicationHost)
            {
                ReadGlobalModules(file, root);
                ReadSites(file, root);
            }

            ResolvePreConditionsWithinFile(file);
            return file;
        }

        private static void ReadLevel(IisConfigurationFile file, XElement container, IisRuleScope scope)
        {
            foreach (var rewrite in container.Elements("system.webServer").Elements("rewrite"))
            {
                foreach (var rules in rewrite.Elements("rules"))
                {
                    ReadCollection(file, Resolve(file, rules), IisRewriteCollection.InboundRules, scope);
                }

                foreach (var rules in rewrite.Elements("globalRules"))
                {
                    ReadCollection(file, Resolve(file, rules), IisRewriteCollection.GlobalRules, scope);
                }

                foreach (var rules in rewrite.Elements("outboundRules"))
                {
                    ReadCollection(file, Resolve(file, rules), IisRewriteCollection.OutboundRules, scope);
                }
            }
        }

        /// <summary>A collection kept in another file (configSource="rewriteRules.config") is read from there.</summary>
        private static (XElement? Element, string File) Resolve(IisConfigurationFile file, XElement collection)
        {
            var source = (string?)collection.Attribute("configSource");
            if (string.IsNullOrEmpty(source))
            {
                return (collection, file.Path);
            }

            var sourcePath = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(file.Path) ?? string.Empty, source!.Replace('\\', System.IO.Path.DirectorySeparatorChar));
            var errors = new List<ResourceLoadError>();
            var document = LoadDocument(sourcePath, errors);
            if (document?.Root == null)
            {
                file.Errors.Add(new ResourceLoadError(Locate(file.Path, collection), $"<{collection.Name.LocalName} configSource=\"{source}\"> names a file that cannot be read; its rules are unknown."));
                file.Errors.AddRange(errors);
                return (null, sourcePath);
            }

            return (document.Root, sourcePath);
        }

        private static void ReadCollection(IisConfigurationFile file, (XElement? Element, string File) source, IisRewriteCollection collection, IisRuleScope scope)
        {
            if (source.Element == null)
            {
                return;
            }

            int rules = 0, directives = 0;
            foreach (var child in source.Element.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "rule":
                        var rule = ReadRule(child, source.File, collection, scope, ++rules);
                        rule.Sequence = file.NextSequence();
                        file.Rules.Add(rule);
                        break;
                    case "clear":
                        AddDirective(file, new IisCollectionDirective(IisCollectionDirectiveKind.Clear, collection, string.Empty, scope, Locate(source.File, child), ++directives));
                        break;
                    case "remove":
                        AddDirective(file, new IisCollectionDirective(IisCollectionDirectiveKind.Remove, collection, (string?)child.Attribute("name") ?? string.Empty, scope, Locate(source.File, child), ++directives));
                        break;
                    case "preConditions" when collection == IisRewriteCollection.OutboundRules:
                        ReadPreConditions(file, Resolve(file, child), scope);
                        break;
                }
            }
        }

        private static void ReadPreConditions(IisConfigurationFile file, (XElement? Element, string File) source, IisRuleScope scope)
        {
            if (source.Element == null)
            {
                return;
            }

            int preConditions = 0, directives = 0;
            foreach (var child in source.Element.Elements())
            {
                switch (child.Name.LocalName)
                {
                    case "preCondition":
                        var preCondition = new IisPreCondition(
                            (string?)child.Attribute("name") ?? string.Empty,
                            scope,
                            Locate(source.File, child),
                            ++preConditions,
                            (string?)child.Attribute("logicalGrouping") ?? "MatchAll",
                            (string?)child.Attribute("patternSyntax") ?? "ECMAScript",
                            ReadConditions(child.Elements("add"), source.File));
                        preCondition.Sequence = file.NextSequence();
                        file.PreConditions.Add(preCondition);
                        break;
                    case "clear":
                        AddDirective(file, new IisCollectionDirective(IisCollectionDirectiveKind.Clear, IisRewriteCollection.OutboundPreConditions, string.Empty, scope, Locate(source.File, child), ++directives));
                        break;
                    case "remove":
                        AddDirective(file, new IisCollectionDirective(IisCollectionDirectiveKind.Remove, IisRewriteCollection.OutboundPreConditions, (string?)child.Attribute("name") ?? string.Empty, scope, Locate(source.File, child), ++directives));
                        break;
                }
            }
        }

        private static void AddDirective(IisConfigurationFile file, IisCollectionDirective directive)
        {
            directive.Sequence = file.NextSequence();
            file.Directives.Add(directive);
        }

        private static IisRewriteRule ReadRule(XElement element, string file, IisRewriteCollection collection, IisRuleScope scope, int position)
        {
            var rule = new IisRewriteRule(collection, (string?)element.Attribute("name") ?? string.Empty, scope, Locate(file, element), position)
            {
                Enabled = Flag(element, "enabled", true),
                PatternSyntax = (string?)element.Attribute("patternSyntax") ?? "ECMAScript",
                StopProcessing = Flag(element, "stopProcessing", false),
                PreConditionName = NullIfEmpty((string?)element.Attribute("preCondition")),
            };

            var match = element.Element("match");
            if (match != null)
            {
                rule.MatchUrl = (string?)match.Attribute("url");
                rule.ServerVariable = (string?)match.Attribute("serverVariable");
                rule.MatchPattern = (string?)match.Attribute("pattern");
                rule.IgnoreCase = Flag(match, "ignoreCase", true);
                rule.Negate = Flag(match, "negate", false);
            }

            var conditions = element.Element("conditions");
            if (conditions != null)
            {
                rule.LogicalGrouping = (string?)conditions.Attribute("logicalGrouping") ?? "MatchAll";
                rule.Conditions = ReadConditions(conditions.Elements("add"), file);
            }

            var action = element.Element("action");
            if (action != null)
            {
                rule.ActionType = (string?)action.Attribute("type") ?? "None";
                rule.Action = ParseAction(rule.ActionType);
                rule.ActionValue = (string?)action.Attribute("value") ?? (string?)action.Attribute("url");
            }

            return rule;
        }

        private static IReadOnlyList<IisRewriteCondition> ReadConditions(IEnumerable<XElement> adds, string file) =>
            adds.Select(add => new IisRewriteCondition(
                    (string?)add.Attribute("input") ?? string.Empty,
                    (string?)add.Attribute("pattern") ?? string.Empty,
                    Flag(add, "negate", false),
                    Flag(add, "ignoreCase", true),
                    (string?)add.Attribute("matchType") ?? "Pattern",
                    Locate(file, add)))
                .ToList();

        private static void ReadGlobalModules(IisConfigurationFile file, XElement root)
        {
            foreach (var modules in root.Elements("system.webServer").Elements("globalModules"))
            {
                foreach (var child in modules.Elements())
                {
                    var name = (string?)child.Attribute("name") ?? string.Empty;
                    switch (child.Name.LocalName)
                    {
                        case "add":
                            file.GlobalModules.RemoveAll(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
                            file.GlobalModules.Add(new IisGlobalModule(name, (string?)child.Attribute("image") ?? string.Empty, Locate(file.Path, child)));
                            break;
                        case "remove":
                            file.GlobalModules.RemoveAll(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase));
                            break;
                        case "clear":
                            file.GlobalModules.Clear();
                            break;
                    }
                }
            }
        }

        private static void ReadSites(IisConfigurationFile file, XElement root)
        {
            foreach (var site in root.Elements("system.applicationHost").Elements("sites").Elements("site"))
            {
                var siteName = (string?)site.Attribute("name") ?? string.Empty;
                var siteId = (string?)site.Attribute("id") ?? string.Empty;
                foreach (var application in site.Elements("application"))
                {
                    var applicationPath = ((string?)application.Attribute("path") ?? "/").TrimEnd('/');
                    foreach (var directory in application.Elements("virtualDirectory"))
                    {
                        var directoryPath = ((string?)directory.Attribute("path") ?? "/").TrimEnd('/');
                        var scope = IisRuleScope.ForPath(siteName + "/" + applicationPath + "/" + directoryPath);
                        file.VirtualDirectories.Add(new IisVirtualDirectory(siteName, siteId, scope, (string?)directory.Attribute("physicalPath") ?? string.Empty, Locate(file.Path, directory)));
                    }
                }
            }
        }

        /// <summary>A rule's preCondition from the same file and level; the configuration later looks through parent levels.</summary>
        private static void ResolvePreConditionsWithinFile(IisConfigurationFile file)
        {
            foreach (var rule in file.Rules.Where(r => r.PreConditionName != null))
            {
                rule.PreCondition = file.PreConditions.LastOrDefault(p =>
                    p.Scope.Equals(rule.Scope) && string.Equals(p.Name, rule.PreConditionName, StringComparison.OrdinalIgnoreCase));
            }
        }

        private static RewriteAction? ParseAction(string text)
        {
            foreach (RewriteAction action in Enum.GetValues(typeof(RewriteAction)))
            {
                if (string.Equals(action.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))
                {
                    return action;
                }
            }

            return null;
        }

        // IIS writes booleans as "true"/"false" in any case ("False" in EOMT's outbound rule).
        private static bool Flag(XElement element, string attribute, bool defaultValue)
        {
            var text = (string?)element.Attribute(attribute);
            return text == null ? defaultValue : bool.TryParse(text.Trim(), out var value) ? value : defaultValue;
        }

        private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

        private static SourceLocation Locate(string file, XElement element)
        {
            var info = (IXmlLineInfo)element;
            return info.HasLineInfo() ? new SourceLocation(file, info.LineNumber, info.LinePosition) : new SourceLocation(file, 0, 0);
        }
    }
}
