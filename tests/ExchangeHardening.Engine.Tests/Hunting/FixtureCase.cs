using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Tests.Hunting
{
    /// <summary>One "#Case:" annotation: the rule ids expected on a line, the ones it is a near miss for, and what it is.</summary>
    internal sealed class FixtureCase
    {
        private FixtureCase(IReadOnlyCollection<string> expected, IReadOnlyCollection<string> near, string description)
        {
            Expected = expected;
            Near = near;
            Description = description;
        }

        public IReadOnlyCollection<string> Expected { get; }

        public IReadOnlyCollection<string> Near { get; }

        public string Description { get; }

        /// <summary>"EXH-A, EXH-B; near EXH-C | text" or "none; near EXH-C | text".</summary>
        public static FixtureCase Parse(string text)
        {
            var bar = text.IndexOf('|');
            var rules = bar < 0 ? text : text.Substring(0, bar);
            var description = bar < 0 ? string.Empty : text.Substring(bar + 1).Trim();
            var parts = rules.Split(';');
            var expected = Ids(parts[0]);
            var near = parts.Skip(1).Select(p => p.Trim()).Where(p => p.StartsWith("near", StringComparison.Ordinal)).SelectMany(p => Ids(p.Substring(4))).ToList();
            return new FixtureCase(expected, near, description);
        }

        public override string ToString() => $"[{string.Join(", ", Expected)}] {Description}";

        private static List<string> Ids(string list) =>
            list.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0 && !s.Equals("none", StringComparison.OrdinalIgnoreCase)).OrderBy(s => s, StringComparer.Ordinal).ToList();
    }
}
