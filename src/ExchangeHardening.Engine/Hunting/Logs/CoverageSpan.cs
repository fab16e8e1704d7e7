using System;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>The oldest and newest entry time of one file, told to the sink once at the end (what coverage needs).</summary>
    internal sealed class CoverageSpan
    {
        public DateTimeOffset? Oldest { get; private set; }

        public DateTimeOffset? Newest { get; private set; }

        public void Add(DateTimeOffset? time)
        {
            if (time == null)
            {
                return;
            }

            if (Oldest == null || time.Value < Oldest.Value)
            {
                Oldest = time;
            }

            if (Newest == null || time.Value > Newest.Value)
            {
                Newest = time;
            }
        }

        public void Report(IFindingSink sink, EvidenceSourceType source)
        {
            if (Oldest != null)
            {
                sink.Observe(source, Oldest.Value);
            }

            if (Newest != null && Newest != Oldest)
            {
                sink.Observe(source, Newest.Value);
            }
        }
    }
}
