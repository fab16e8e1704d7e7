using System;
using System.Collections.Generic;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>A campaign as the review sees it: since when it was exploited, which logs must reach back that far,
    /// its attack chain, and the updates that close it.</summary>
    public sealed class CampaignHunt
    {
        public CampaignHunt(string advisoryId, string title, DateTimeOffset exploitedFrom, IReadOnlyList<EvidenceSourceType> sources, IReadOnlyList<IReadOnlyList<string>> chain, IReadOnlyList<string> cves, IReadOnlyList<string> fixedBy, DateTime? fixPublished)
        {
            AdvisoryId = advisoryId;
            Title = title;
            ExploitedFrom = exploitedFrom;
            Sources = sources;
            Chain = chain;
            Cves = cves;
            FixedBy = fixedBy;
            FixPublished = fixPublished;
        }

        public string AdvisoryId { get; }

        public string Title { get; }

        public DateTimeOffset ExploitedFrom { get; }

        public IReadOnlyList<EvidenceSourceType> Sources { get; }

        public IReadOnlyList<IReadOnlyList<string>> Chain { get; }

        public IReadOnlyList<string> Cves { get; }

        public IReadOnlyList<string> FixedBy { get; }

        public DateTime? FixPublished { get; }
    }
}
