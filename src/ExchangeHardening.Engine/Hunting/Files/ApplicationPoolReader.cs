using System.Collections.Generic;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using ExchangeHardening.Engine.Mitigations;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// Reads the application pools of an applicationHost.config (system.applicationHost/applicationPools). A file
    /// that is not one, or cannot be parsed, has none; its parse errors are reported where the whole IIS
    /// configuration is read, not twice.
    /// </summary>
    internal static class ApplicationPoolReader
    {
        public static IReadOnlyList<IisApplicationPool> Read(string path)
        {
            var document = IisConfigurationReader.LoadDocument(path, new List<ResourceLoadError>());
            var pools = document?.Root?.Element("system.applicationHost")?.Element("applicationPools");
            if (pools == null)
            {
                return new List<IisApplicationPool>();
            }

            // applicationPoolDefaults sets what every pool inherits unless it says otherwise (autoStart included).
            var defaults = IisApplicationPool.NewAttributes();
            foreach (var attribute in pools.Elements("applicationPoolDefaults").Attributes())
            {
                defaults[attribute.Name.LocalName] = attribute.Value;
            }

            var result = new List<IisApplicationPool>();
            foreach (var add in pools.Elements("add"))
            {
                var attributes = IisApplicationPool.NewAttributes();
                foreach (var pair in defaults)
                {
                    attributes[pair.Key] = pair.Value;
                }

                foreach (var attribute in add.Attributes())
                {
                    attributes[attribute.Name.LocalName] = attribute.Value;
                }

                var name = (string?)add.Attribute("name") ?? string.Empty;
                var info = (IXmlLineInfo)add;
                result.Add(new IisApplicationPool(name, attributes, new SourceLocation(path, info.HasLineInfo() ? info.LineNumber : 0, info.HasLineInfo() ? info.LinePosition : 0)));
            }

            return result.Where(p => p.Name.Length > 0).ToList();
        }
    }
}
