using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using ExchangeHardening.Engine.Advisories;

namespace ExchangeHardening.Commands
{
    /// <summary>Get-ExchangeAdvisory: lists the advisories the module knows, filtered by id, CVE, product and exploitation.</summary>
    [Cmdlet(VerbsCommon.Get, "ExchangeAdvisory")]
    [OutputType(typeof(Advisory))]
    public sealed class GetExchangeAdvisoryCommand : ExchangeHardeningCmdlet
    {
        private readonly HashSet<string> emitted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private AdvisoryStore? store;

        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("AdvisoryId", "Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Id { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Cve { get; set; }

        [Parameter]
        [ValidateSet("Exchange2013", "Exchange2016", "Exchange2019", "ExchangeSE", IgnoreCase = true)]
        public string? Product { get; set; }

        [Parameter]
        public SwitchParameter Exploited { get; set; }

        protected override void BeginProcessing()
        {
            store = LoadAdvisoryStore();
        }

        protected override void ProcessRecord()
        {
            var advisories = store!.Advisories.AsEnumerable();
            if (Id != null)
            {
                var patterns = Patterns(Id);
                advisories = advisories.Where(a => patterns.Any(p => p.IsMatch(a.Id)));
                ReportMissing(Id, id => store.Advisories.Any(a => string.Equals(a.Id, id, StringComparison.OrdinalIgnoreCase)), "advisory id");
            }

            if (Cve != null)
            {
                var patterns = Patterns(Cve);
                advisories = advisories.Where(a => a.Cves.Any(c => patterns.Any(p => p.IsMatch(c))));
                ReportMissing(Cve, cve => store.FindVulnerability(cve) != null, "vulnerability");
            }

            if (Product != null)
            {
                advisories = advisories.Where(a => a.Products.Contains(Product, StringComparer.OrdinalIgnoreCase));
            }

            if (Exploited)
            {
                advisories = advisories.Where(a => a.Exploited);
            }

            foreach (var advisory in advisories)
            {
                if (emitted.Add(advisory.Id))
                {
                    WriteObject(advisory);
                }
            }
        }

        private static WildcardPattern[] Patterns(IEnumerable<string> values) =>
            values.Select(v => new WildcardPattern(v, WildcardOptions.IgnoreCase)).ToArray();

        /// <summary>An exact id that matches nothing is worth an error; a wildcard that matches nothing is not.</summary>
        private void ReportMissing(IEnumerable<string> values, Func<string, bool> exists, string what)
        {
            foreach (var value in values.Where(v => !WildcardPattern.ContainsWildcardCharacters(v) && !exists(v)))
            {
                WriteError(new ErrorRecord(
                    new ItemNotFoundException($"No {what} '{value}' is known to the advisory data. Check the spelling, or add it with -AdvisoryPath."),
                    "AdvisoryNotFound",
                    ErrorCategory.ObjectNotFound,
                    value));
            }
        }
    }
}
