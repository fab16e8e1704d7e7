using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace ExchangeHardening.Engine.Tests.Data
{
    /// <summary>Reads a reference TSV (tests/reference): '#' lines are comments, the first other line is the header.</summary>
    internal static class ReferenceTable
    {
        public static string Directory => Path.Combine(AppContext.BaseDirectory, "reference");

        public static IReadOnlyList<Dictionary<string, string>> Read(string fileName)
        {
            var lines = File.ReadAllLines(Path.Combine(Directory, fileName)).Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal)).ToList();
            var header = lines[0].Split('\t');
            return lines.Skip(1)
                .Select(l => l.Split('\t'))
                .Select(cells => header.Select((h, i) => (h, v: i < cells.Length ? cells[i] : string.Empty)).ToDictionary(p => p.h, p => p.v))
                .ToList();
        }
    }
}
