using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeHardening.Engine.Builds;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Advisories
{
    /// <summary>
    /// Loads the layers of YAML data in order, lets a later layer override a resource of the same kind
    /// and name, and validates what remains (catalog first, because advisories refer to it).
    /// </summary>
    public sealed class AdvisoryStoreLoader
    {
        private static readonly string[] Extensions = { ".yaml", ".yml" };

        private readonly YamlResourceReader reader = new YamlResourceReader();

        public AdvisoryStoreLoadResult Load(IEnumerable<AdvisoryLayer> layers)
        {
            var errors = new List<ResourceLoadError>();
            var notices = new List<string>();
            var merged = new Dictionary<(ResourceKind, string), (ResourceRecord Record, int Layer)>();
            var order = new List<(ResourceKind, string)>();
            var layerIndex = 0;
            foreach (var layer in layers)
            {
                foreach (var file in EnumerateFiles(layer, errors))
                {
                    var result = reader.ReadFile(file);
                    errors.AddRange(result.Errors);
                    foreach (var record in result.Resources)
                    {
                        var key = (record.Kind, record.Name.ToUpperInvariant());
                        if (merged.TryGetValue(key, out var existing))
                        {
                            if (existing.Layer == layerIndex)
                            {
                                errors.Add(new ResourceLoadError(record.Location, $"Duplicate {record.Kind} '{record.Name}': it is already defined at {existing.Record.Location}."));
                                continue;
                            }

                            notices.Add($"{record.Kind} '{record.Name}' from '{record.File}' ({layer.Name}) overrides the one from '{existing.Record.File}'.");
                        }
                        else
                        {
                            order.Add(key);
                        }

                        merged[key] = (record, layerIndex);
                    }
                }

                layerIndex++;
            }

            var records = order.Select(k => merged[k].Record).ToList();
            var catalog = new BuildCatalogBuilder(errors).Build(records.Where(r => r.Kind == ResourceKind.BuildCatalog));
            var advisoryBuilder = new AdvisoryBuilder(catalog, errors);
            var advisories = advisoryBuilder.Build(records.Where(r => r.Kind == ResourceKind.Advisory));
            var store = AdvisoryStore.WithHunts(
                advisoryBuilder.Hunts,
                catalog,
                advisories,
                new MitigationValidator(catalog, advisories, errors).Validate(records.Where(r => r.Kind == ResourceKind.Mitigation)),
                new IndicatorValidator(advisories, errors).Validate(records.Where(r => r.Kind == ResourceKind.Indicator)));
            return new AdvisoryStoreLoadResult(store, errors, notices);
        }

        private static IEnumerable<string> EnumerateFiles(AdvisoryLayer layer, List<ResourceLoadError> errors)
        {
            foreach (var path in layer.Paths)
            {
                if (File.Exists(path))
                {
                    yield return Path.GetFullPath(path);
                }
                else if (Directory.Exists(path))
                {
                    string[] files;
                    try
                    {
                        files = Directory.GetFiles(path, "*", SearchOption.AllDirectories)
                            .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                            .Select(Path.GetFullPath)
                            .OrderBy(f => f, StringComparer.Ordinal)
                            .ToArray();
                    }
                    catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                    {
                        errors.Add(new ResourceLoadError(new SourceLocation(path, 0, 0), $"The folder cannot be read ({layer.Name}): {ex.Message}"));
                        continue;
                    }

                    foreach (var file in files)
                    {
                        yield return file;
                    }
                }
                else
                {
                    errors.Add(new ResourceLoadError(new SourceLocation(path, 0, 0), $"The advisory path does not exist ({layer.Name})."));
                }
            }
        }
    }
}
