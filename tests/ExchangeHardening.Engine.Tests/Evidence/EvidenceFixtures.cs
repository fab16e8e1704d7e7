using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeHardening.Engine.Evidence;

namespace ExchangeHardening.Engine.Tests.Evidence
{
    /// <summary>Paths of the hand-made event exports and Exchange logs under Fixtures, and small helpers to read them.</summary>
    internal static class EvidenceFixtures
    {
        public static string Events(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Events", name);

        public static string ExchangeLogs(params string[] parts) =>
            Path.Combine(new[] { AppContext.BaseDirectory, "Fixtures", "ExchangeLogs" }.Concat(parts).ToArray());

        public static List<EvidenceItem<ExportedEvent>> ReadEvents(string name, ExportedEventReaderOptions? options = null) =>
            ExportedEventReader.ReadFile(Events(name), options).ToList();

        /// <summary>The events of a read, failing the test on any error item.</summary>
        public static List<ExportedEvent> ReadCleanEvents(string name, ExportedEventReaderOptions? options = null)
        {
            var items = ReadEvents(name, options);
            var errors = items.Where(i => i.IsError).Select(i => i.Error!.ToString()).ToList();
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("Unexpected errors:\n" + string.Join("\n", errors));
            }

            return items.Select(i => i.Value!).ToList();
        }
    }
}
