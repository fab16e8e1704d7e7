using System;
using System.Linq;

namespace ExchangeHardening
{
    /// <summary>A security update or named campaign and the vulnerabilities it covers (output of Get-ExchangeAdvisory).</summary>
    public sealed class Advisory
    {
        public Advisory(string id, string title, string? campaign, DateTime? published, string? summary, string? recommendation, string[] references, Vulnerability[] vulnerabilities, string source)
        {
            Id = id;
            Title = title;
            Campaign = campaign;
            Published = published;
            Summary = summary;
            Recommendation = recommendation;
            References = references;
            Vulnerabilities = vulnerabilities;
            Source = source;
            Severity = vulnerabilities.Length == 0 ? Severity.Low : vulnerabilities.Min(v => v.Severity);
            Exploited = vulnerabilities.Any(v => v.Exploited);
            Cves = vulnerabilities.Select(v => v.Cve).ToArray();
            Products = vulnerabilities.SelectMany(v => v.Products).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(p => p, StringComparer.Ordinal).ToArray();
            FixedBy = vulnerabilities.SelectMany(v => v.FixedBy).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        }

        public string Id { get; }

        public string Title { get; }

        public string? Campaign { get; }

        public DateTime? Published { get; }

        /// <summary>The worst severity of its vulnerabilities.</summary>
        public Severity Severity { get; }

        /// <summary>True when any of its vulnerabilities was exploited in the wild.</summary>
        public bool Exploited { get; }

        public string[] Cves { get; }

        public string[] Products { get; }

        /// <summary>The update keys that fix its vulnerabilities (e.g. Mar21SU).</summary>
        public string[] FixedBy { get; }

        public string? Summary { get; }

        public string? Recommendation { get; }

        public string[] References { get; }

        public Vulnerability[] Vulnerabilities { get; }

        /// <summary>The YAML file it was read from.</summary>
        public string Source { get; }

        public override string ToString() => Id;
    }
}
