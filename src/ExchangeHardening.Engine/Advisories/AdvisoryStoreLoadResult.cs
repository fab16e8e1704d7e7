using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Advisories
{
    /// <summary>The loaded store plus what went wrong (errors) and what the user should know (notices, e.g. overrides).</summary>
    public sealed class AdvisoryStoreLoadResult
    {
        public AdvisoryStoreLoadResult(AdvisoryStore store, IReadOnlyList<ResourceLoadError> errors, IReadOnlyList<string> notices)
        {
            Store = store;
            Errors = errors;
            Notices = notices;
        }

        public AdvisoryStore Store { get; }

        public IReadOnlyList<ResourceLoadError> Errors { get; }

        public IReadOnlyList<string> Notices { get; }
    }
}
