using System.Linq;
using ExchangeHardening.Engine.Resources;
using ExchangeHardening.Engine.Yaml;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Yaml
{
    public class YamlResourceReaderTests
    {
        private const string ValidAdvisory = @"apiVersion: exchangehardening/v1
kind: Advisory
metadata:
  name: Sample
  title: A sample advisory
spec:
  vulnerabilities:
    - id: CVE-2021-26855
      title: SSRF
      severity: Critical
      exploited: true
      products: [Exchange2019]
      fixedBy: [Mar21SU]
";

        private readonly YamlResourceReader reader = new YamlResourceReader();

        [Fact]
        public void Reads_a_valid_resource_with_its_location()
        {
            var result = reader.Read("a.yaml", ValidAdvisory);
            Assert.Empty(result.Errors);
            var record = Assert.Single(result.Resources);
            Assert.Equal(ResourceKind.Advisory, record.Kind);
            Assert.Equal("Sample", record.Name);
            var spec = (AdvisorySpec)record.Spec;
            var vulnerability = Assert.Single(spec.Vulnerabilities!);
            Assert.Equal(Severity.Critical, vulnerability.Severity);
            Assert.True(vulnerability.Exploited);
            Assert.Equal(8, vulnerability.Line);
            Assert.Equal(7, vulnerability.Column);
        }

        [Fact]
        public void An_unknown_key_is_an_error_with_line_and_column()
        {
            var text = ValidAdvisory.Replace("      exploited: true\n", "      exploited: true\n      exploitd: false\n");
            var error = Assert.Single(reader.Read("a.yaml", text).Errors);
            Assert.Equal("a.yaml", error.File);
            Assert.Equal(12, error.Line);
            Assert.Equal(7, error.Column);
            Assert.Contains("Unknown key 'exploitd'", error.Message);
        }

        [Fact]
        public void A_wrong_type_is_an_error_with_line_and_column()
        {
            var text = ValidAdvisory.Replace("exploited: true", "exploited: maybe");
            var error = Assert.Single(reader.Read("a.yaml", text).Errors);
            Assert.Equal(11, error.Line);
            Assert.Contains("maybe", error.Message);
        }

        [Fact]
        public void An_unknown_enum_value_is_an_error()
        {
            var text = ValidAdvisory.Replace("severity: Critical", "severity: Catastrophic");
            var error = Assert.Single(reader.Read("a.yaml", text).Errors);
            Assert.Equal(10, error.Line);
            Assert.Contains("Catastrophic", error.Message);
        }

        [Fact]
        public void A_duplicate_key_is_an_error()
        {
            var text = ValidAdvisory.Replace("      title: SSRF\n", "      title: SSRF\n      title: again\n");
            var error = Assert.Single(reader.Read("a.yaml", text).Errors);
            Assert.Equal(10, error.Line);
            Assert.Contains("title", error.Message);
        }

        [Theory]
        [InlineData("!System.IO.FileInfo x")]
        [InlineData("!!python/object:os.system x")]
        public void Tags_are_refused_so_no_type_can_be_instantiated(string taggedValue)
        {
            var text = ValidAdvisory.Replace("title: SSRF", "title: " + taggedValue);
            var error = Assert.Single(reader.Read("a.yaml", text).Errors);
            Assert.Equal(9, error.Line);
            Assert.Contains("not allowed", error.Message);
        }

        [Fact]
        public void A_tag_on_a_mapping_is_refused()
        {
            var text = ValidAdvisory.Replace("spec:\n", "spec: !ExchangeHardening.Engine.Resources.AdvisorySpec\n");
            var error = Assert.Single(reader.Read("a.yaml", text).Errors);
            Assert.Contains("not allowed", error.Message);
        }

        [Fact]
        public void A_missing_or_wrong_apiVersion_is_an_error()
        {
            Assert.Contains("no 'apiVersion'", Assert.Single(reader.Read("a.yaml", ValidAdvisory.Replace("apiVersion: exchangehardening/v1\n", string.Empty)).Errors).Message);
            Assert.Contains("Unsupported apiVersion 'exchangehardening/v9'", Assert.Single(reader.Read("a.yaml", ValidAdvisory.Replace("/v1", "/v9")).Errors).Message);
        }

        [Fact]
        public void An_unknown_or_missing_kind_is_an_error()
        {
            var unknown = Assert.Single(reader.Read("a.yaml", ValidAdvisory.Replace("kind: Advisory", "kind: Advisor")).Errors);
            Assert.Equal(2, unknown.Line);
            Assert.Contains("Unknown kind 'Advisor'", unknown.Message);
            Assert.Contains("no 'kind'", Assert.Single(reader.Read("a.yaml", ValidAdvisory.Replace("kind: Advisory\n", string.Empty)).Errors).Message);
        }

        [Fact]
        public void A_missing_name_or_spec_is_an_error()
        {
            Assert.Contains("metadata.name", Assert.Single(reader.Read("a.yaml", ValidAdvisory.Replace("  name: Sample\n", string.Empty)).Errors).Message);
            Assert.Contains("not a valid id", Assert.Single(reader.Read("a.yaml", ValidAdvisory.Replace("name: Sample", "name: 'two words'")).Errors).Message);
            var noSpec = ValidAdvisory.Substring(0, ValidAdvisory.IndexOf("spec:", System.StringComparison.Ordinal));
            Assert.Contains("has no 'spec'", Assert.Single(reader.Read("a.yaml", noSpec).Errors).Message);
        }

        [Fact]
        public void A_syntax_error_names_its_line()
        {
            var error = Assert.Single(reader.Read("a.yaml", "apiVersion: exchangehardening/v1\nkind: [Advisory\n").Errors);
            Assert.StartsWith("The file is not valid YAML", error.Message);
            Assert.True(error.Line >= 2);
        }

        [Fact]
        public void One_bad_document_does_not_lose_the_others_of_the_file()
        {
            var text = ValidAdvisory + "---\n" + ValidAdvisory.Replace("Sample", "Broken").Replace("severity: Critical", "severity: 7") + "---\n" + ValidAdvisory.Replace("Sample", "Third");
            var result = reader.Read("multi.yaml", text);
            Assert.Equal(new[] { "Sample", "Third" }, result.Resources.Select(r => r.Name).ToArray());
            var error = Assert.Single(result.Errors);
            Assert.Equal(24, error.Line); // line 10 of the second document, which starts on line 15
        }

        [Fact]
        public void An_empty_file_or_trailing_separator_is_not_an_error()
        {
            Assert.Empty(reader.Read("empty.yaml", string.Empty).Errors);
            Assert.Empty(reader.Read("comment.yaml", "# nothing yet\n").Errors);
            Assert.Single(reader.Read("a.yaml", ValidAdvisory + "---\n").Resources);
        }

        [Fact]
        public void A_scalar_document_is_an_error()
        {
            Assert.Contains("must be a mapping", Assert.Single(reader.Read("a.yaml", "just text\n").Errors).Message);
        }

        [Fact]
        public void An_unreadable_file_is_an_error_not_an_exception()
        {
            var error = Assert.Single(reader.ReadFile("/nonexistent/folder/x.yaml").Errors);
            Assert.Contains("cannot be read", error.Message);
        }
    }
}
