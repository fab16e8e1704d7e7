using System;

namespace ExchangeHardening
{
    /// <summary>One thing Invoke-EomtReview found: what, how bad, how sure, where, and what to do.</summary>
    public sealed class Finding
    {
        public string Server { get; set; } = string.Empty;

        public FindingCategory Category { get; set; }

        /// <summary>The indicator or rule id (EXH-PL-001, EXH-WS-004, ...).</summary>
        public string RuleId { get; set; } = string.Empty;

        public string Title { get; set; } = string.Empty;

        public Severity Severity { get; set; }

        public Confidence Confidence { get; set; }

        /// <summary>Comma-separated CVE ids, empty when none.</summary>
        public string Cve { get; set; } = string.Empty;

        public DateTimeOffset? Timestamp { get; set; }

        public string ClientIp { get; set; } = string.Empty;

        /// <summary>The evidence file (or folder) it was found in.</summary>
        public string Path { get; set; } = string.Empty;

        /// <summary>1-based line in <see cref="Path"/>; 0 when not line-based.</summary>
        public long Line { get; set; }

        /// <summary>A trimmed excerpt of what matched.</summary>
        public string Evidence { get; set; } = string.Empty;

        public string Recommendation { get; set; } = string.Empty;

        public override string ToString() => $"{Severity} {RuleId} {Path}:{Line}";
    }
}
