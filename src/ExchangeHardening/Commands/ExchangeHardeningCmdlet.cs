using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using ExchangeHardening.Engine.Advisories;
using ExchangeHardening.Engine.Yaml;
using ExchangeHardening.Loading;

namespace ExchangeHardening.Commands
{
    /// <summary>What every cmdlet of the module shares: loading the YAML data with the user's overlays,
    /// and turning data problems into non-terminating errors.</summary>
    public abstract class ExchangeHardeningCmdlet : PSCmdlet
    {
        /// <summary>Runbooks set this instead of passing -AdvisoryPath to every call.</summary>
        public const string AdvisoryPathVariable = "EXCHANGEHARDENING_ADVISORYPATH";

        public static string ShippedDataDirectory => Path.Combine(ModuleInitializer.ModuleDirectory, "Data");

        /// <summary>Extra folders or files of YAML data; a resource of the same kind and name overrides the shipped one.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? AdvisoryPath { get; set; }

        /// <summary>Loads shipped data, then the environment variable's paths, then -AdvisoryPath; later ones override.</summary>
        protected AdvisoryStore LoadAdvisoryStore()
        {
            var advisoryPath = AdvisoryPath;
            ModuleInitializer.Initialize();
            var layers = new List<AdvisoryLayer> { new AdvisoryLayer("shipped data", new[] { ShippedDataDirectory }) };
            var fromEnvironment = Environment.GetEnvironmentVariable(AdvisoryPathVariable);
            if (!string.IsNullOrWhiteSpace(fromEnvironment))
            {
                var paths = fromEnvironment!.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()).ToArray();
                layers.Add(new AdvisoryLayer("$env:" + AdvisoryPathVariable, paths));
            }

            if (advisoryPath != null && advisoryPath.Length > 0)
            {
                layers.Add(new AdvisoryLayer("-AdvisoryPath", advisoryPath.Select(ResolvePath).ToArray()));
            }

            var result = new AdvisoryStoreLoader().Load(layers);
            foreach (var notice in result.Notices)
            {
                WriteVerbose(notice);
            }

            foreach (var error in result.Errors)
            {
                WriteError(ToErrorRecord(error));
            }

            WriteVerbose($"Loaded {result.Store.Advisories.Count} advisories, {result.Store.Catalog.Products.Count} build catalogs, {result.Store.Mitigations.Count} mitigations and {result.Store.Indicators.Count} indicators.");
            return result.Store;
        }

        protected string ResolvePath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

        private static ErrorRecord ToErrorRecord(ResourceLoadError error)
        {
            var exception = new InvalidDataException(error.ToString());
            return new ErrorRecord(exception, "AdvisoryDataInvalid", ErrorCategory.InvalidData, error.File)
            {
                ErrorDetails = new ErrorDetails(error.ToString())
                {
                    RecommendedAction = "Correct the YAML at the named line and column (see about_ExchangeHardening_Advisories), or remove the file from the advisory path.",
                },
            };
        }
    }
}
