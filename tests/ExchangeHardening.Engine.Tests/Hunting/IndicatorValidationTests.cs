using System;
using System.Linq;
using ExchangeHardening.Engine.Advisories;
using ExchangeHardening.Engine.Tests.Advisories;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Hunting
{
    /// <summary>The loader's checks of Indicator resources: an invalid one is an error with its place and is left out.</summary>
    public class IndicatorValidationTests
    {
        private const string Valid = @"apiVersion: exchangehardening/v1
kind: Indicator
metadata:
  name: EXH-TEST-001
  title: Test
spec:
  category: Exploitation
  cves: [CVE-2021-26855]
  severity: High
  confidence: Medium
  source: IisLog
  literals: ['/owa/']
  conditions:
    - field: Stem
      operator: StartsWith
      value: /owa/
  recommendation: Look.
";

        [Fact]
        public void A_valid_indicator_loads()
        {
            var result = Load(Valid);
            Assert.Empty(result.Errors);
            Assert.Single(result.Store.Indicators);
        }

        [Theory]
        [InlineData("source: IisLog", "source: IisLogs", "Unknown source 'IisLogs'")]
        [InlineData("source: IisLog", "source: Other", "Unknown source 'Other'")]
        [InlineData("field: Stem", "field: AnchorMailbox", "Unknown field 'AnchorMailbox' for source IisLog")]
        [InlineData("operator: StartsWith\n      value: /owa/", "operator: Matches\n      value: '(unclosed'", "not a valid .NET regular expression")]
        [InlineData("literals: ['/owa/']", "literals: []", "needs 'literals' for IisLog")]
        [InlineData("literals: ['/owa/']", "literals: ['/o']", "at least 3 printable ASCII")]
        [InlineData("literals: ['/owa/']", "literals: ['/owä/']", "at least 3 printable ASCII")]
        [InlineData("  recommendation: Look.\n", "", "needs 'category', 'severity', 'confidence' and 'recommendation'")]
        [InlineData("cves: [CVE-2021-26855]", "cves: [CVE-1999-0001]", "which no advisory lists")]
        [InlineData("  source: IisLog\n", "", "needs a 'source'")]
        [InlineData("operator: StartsWith\n      value: /owa/", "operator: In", "needs non-empty 'value' or 'values'")]
        [InlineData("operator: StartsWith\n      value: /owa/", "operator: IsEmpty\n      value: x", "takes no 'value'")]
        [InlineData("    - field: Stem\n      operator: StartsWith\n      value: /owa/", "    - field: Stem\n      all: [{field: Stem, operator: IsEmpty}]", "either a test")]
        [InlineData("  recommendation: Look.", "  recommendation: Look.\n  events: [{channel: Application}]", "only applies to the ExportedEvents source")]
        [InlineData("  recommendation: Look.", "  recommendation: Look.\n  variants: [{severity: Low}]", "needs 'when' conditions")]
        [InlineData("  conditions:\n    - field: Stem\n      operator: StartsWith\n      value: /owa/\n", "", "needs 'conditions' or 'anyOf'")]
        public void An_invalid_indicator_is_reported_and_left_out(string replace, string with, string message)
        {
            var yaml = Valid.Replace(replace, with, StringComparison.Ordinal);
            Assert.NotEqual(Valid, yaml);
            var result = Load(yaml);
            var error = Assert.Single(result.Errors);
            Assert.Contains(message, error.Message, StringComparison.Ordinal);
            Assert.True(error.Location.Line > 0, "the error names a line");
            Assert.Empty(result.Store.Indicators);
        }

        [Fact]
        public void Events_indicators_need_an_event_filter_or_literals()
        {
            var yaml = Valid.Replace("source: IisLog", "source: ExportedEvents", StringComparison.Ordinal)
                .Replace("  literals: ['/owa/']\n", string.Empty, StringComparison.Ordinal)
                .Replace("field: Stem", "field: Message", StringComparison.Ordinal);
            Assert.Contains("needs 'events' or 'literals'", Assert.Single(Load(yaml).Errors).Message, StringComparison.Ordinal);
            var filtered = yaml.Replace("  recommendation: Look.", "  recommendation: Look.\n  events: [{channel: Application, provider: MSExchange Common, ids: [4]}]", StringComparison.Ordinal);
            Assert.Empty(Load(filtered).Errors);
        }

        [Fact]
        public void File_indicators_are_left_to_their_analyzers()
        {
            // Only the generic keys are checked for sources the log analyzers do not read.
            var yaml = Valid.Replace("source: IisLog", "source: WebFile", StringComparison.Ordinal).Replace("  literals: ['/owa/']\n", string.Empty, StringComparison.Ordinal);
            Assert.Empty(Load(yaml).Errors);
        }

        private static AdvisoryStoreLoadResult Load(string indicator)
        {
            using (var dir = new TempDirectory())
            {
                dir.Write("catalog.yaml", AdvisoryStoreLoaderTests.Catalog);
                dir.Write("advisory.yaml", AdvisoryStoreLoaderTests.Advisory("ProxyLogon", "CVE-2021-26855"));
                dir.Write("indicator.yaml", indicator);
                return new AdvisoryStoreLoader().Load(new[] { new AdvisoryLayer("test", new[] { dir.Path }) });
            }
        }
    }
}
