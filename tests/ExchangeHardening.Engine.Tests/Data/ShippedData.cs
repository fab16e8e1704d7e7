using System;
using System.IO;
using ExchangeHardening.Engine.Advisories;

namespace ExchangeHardening.Engine.Tests.Data
{
    /// <summary>The module's shipped YAML (copied next to the tests), loaded once for all data tests.</summary>
    internal static class ShippedData
    {
        private static readonly Lazy<AdvisoryStoreLoadResult> Loaded = new Lazy<AdvisoryStoreLoadResult>(
            () => new AdvisoryStoreLoader().Load(new[] { new AdvisoryLayer("shipped", new[] { Directory }) }));

        public static string Directory => Path.Combine(AppContext.BaseDirectory, "Data");

        public static AdvisoryStoreLoadResult Result => Loaded.Value;

        public static AdvisoryStore Store => Loaded.Value.Store;
    }
}
