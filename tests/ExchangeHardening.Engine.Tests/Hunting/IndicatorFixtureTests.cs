using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using ExchangeHardening.Engine.Hunting;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Hunting
{
    /// <summary>
    /// The shipped log and event indicators against the hand-made server tree: every annotated line must yield
    /// exactly the rule ids its "#Case:" names, and every indicator must have positive and negative cases.
    /// </summary>
    public class IndicatorFixtureTests
    {
        public static IEnumerable<object[]> FixtureFiles() =>
            HuntingFixtures.CatalogedServerFiles()
                .Where(f => EntryFieldsSupported(f.SourceType))
                .Select(f => new object[] { f.RelativePath });

        [Fact]
        public void The_shipped_indicators_compile_without_problems()
        {
            Assert.Empty(HuntingFixtures.Indicators.Problems);
            Assert.True(HuntingFixtures.Indicators.Indicators.Count >= 48, "expected every log and event indicator to compile");
        }

        [Theory]
        [MemberData(nameof(FixtureFiles))]
        public void Each_line_yields_exactly_the_expected_rules(string relativePath)
        {
            var file = HuntingFixtures.CatalogedServerFiles().Single(f => f.RelativePath == relativePath);
            var cases = HuntingFixtures.Cases(file.Path, file.SourceType);
            Assert.NotEmpty(cases);
            var sink = HuntingFixtures.Run(file.Path, file.SourceType);
            Assert.True(sink.Errors.Count == 0, string.Join(Environment.NewLine, sink.Errors));
            var unexpected = sink.Findings.Where(f => !cases.ContainsKey(f.Line)).Select(f => $"line {f.Line}: {f.RuleId} on a line without a case").ToList();
            Assert.True(unexpected.Count == 0, string.Join(Environment.NewLine, unexpected));
            var mismatches = new List<string>();
            foreach (var pair in cases.OrderBy(p => p.Key))
            {
                var found = sink.Findings.Where(f => f.Line == pair.Key).Select(f => f.RuleId).OrderBy(r => r, StringComparer.Ordinal).ToList();
                if (!found.SequenceEqual(pair.Value.Expected))
                {
                    mismatches.Add($"line {pair.Key} ({pair.Value.Description}): expected [{string.Join(", ", pair.Value.Expected)}], found [{string.Join(", ", found)}]");
                }

                var contradiction = pair.Value.Near.Intersect(pair.Value.Expected).ToList();
                Assert.True(contradiction.Count == 0, $"line {pair.Key}: {string.Join(", ", contradiction)} is both expected and a near miss");
            }

            Assert.True(mismatches.Count == 0, relativePath + Environment.NewLine + string.Join(Environment.NewLine, mismatches));
        }

        [Fact]
        public void Every_indicator_has_a_positive_and_a_negative_case_for_each_of_its_sources()
        {
            var positives = new HashSet<(string, EvidenceSourceType)>();
            var negatives = new HashSet<(string, EvidenceSourceType)>();
            foreach (var file in HuntingFixtures.CatalogedServerFiles().Where(f => EntryFieldsSupported(f.SourceType)))
            {
                foreach (var c in HuntingFixtures.Cases(file.Path, file.SourceType).Values)
                {
                    positives.UnionWith(c.Expected.Select(id => (id, file.SourceType)));
                    negatives.UnionWith(c.Near.Select(id => (id, file.SourceType)));
                }
            }

            var missing = new List<string>();
            foreach (var indicator in HuntingFixtures.Indicators.Indicators)
            {
                if (!positives.Contains((indicator.RuleId, indicator.Source)))
                {
                    missing.Add($"{indicator.RuleId} ({indicator.Source}): no positive case");
                }

                if (!negatives.Contains((indicator.RuleId, indicator.Source)))
                {
                    missing.Add($"{indicator.RuleId} ({indicator.Source}): no negative case");
                }
            }

            Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
        }

        [Fact]
        public void The_requested_indicator_ids_are_all_shipped()
        {
            var expected = new[]
            {
                "EXH-PL-001", "EXH-PL-001B", "EXH-PL-003", "EXH-PL-004", "EXH-PL-005", "EXH-PL-008", "EXH-PL-009", "EXH-PL-009B", "EXH-PL-010",
                "EXH-PL-011", "EXH-PL-012", "EXH-PL-014", "EXH-PL-015", "EXH-PL-016", "EXH-PL-017",
                "EXH-PS-001", "EXH-PS-002", "EXH-PS-003", "EXH-PS-004", "EXH-PS-005", "EXH-PS-006",
                "EXH-PNS-001", "EXH-PNS-002", "EXH-OW-001", "EXH-OW-002", "EXH-OW-003", "EXH-OW-004",
                "EXH-CT-004", "EXH-CT-005", "EXH-CT-006", "EXH-CT-007", "EXH-CT-008", "EXH-CT-009", "EXH-CT-010", "EXH-CT-011", "EXH-CT-012",
                "EXH-OTH-001", "EXH-OTH-002", "EXH-OTH-003", "EXH-OTH-004", "EXH-OTH-005", "EXH-OTH-008",
                "EXH-WS-008", "EXH-WS-008B", "EXH-WS-009",
            };
            var shipped = HuntingFixtures.Indicators.Indicators.Select(i => i.RuleId).Distinct().ToList();
            Assert.Empty(expected.Except(shipped));
        }

        [Fact]
        public void The_cases_cover_every_fixture_line_of_the_logs()
        {
            // A data line without a case would be an untested line: keep the fixtures fully annotated.
            foreach (var file in HuntingFixtures.CatalogedServerFiles().Where(f => f.SourceType != EvidenceSourceType.ExportedEvents))
            {
                var cases = HuntingFixtures.Cases(file.Path, file.SourceType);
                var lines = File.ReadAllLines(file.Path);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (lines[i].Length > 0 && lines[i][0] != '#')
                    {
                        Assert.True(cases.ContainsKey(i + 1), $"{file.RelativePath}:{i + 1} has no #Case line");
                    }
                }
            }
        }

        private static bool EntryFieldsSupported(EvidenceSourceType source) =>
            source == EvidenceSourceType.HttpProxyLog || source == EvidenceSourceType.IisLog || source == EvidenceSourceType.EcpServerLog
            || source == EvidenceSourceType.OabGeneratorLog || source == EvidenceSourceType.ExportedEvents;
    }
}
