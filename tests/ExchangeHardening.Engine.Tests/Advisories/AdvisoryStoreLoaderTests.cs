using System.Linq;
using ExchangeHardening.Engine.Advisories;
using ExchangeHardening.Engine.Builds;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Advisories
{
    public class AdvisoryStoreLoaderTests
    {
        internal const string Catalog = @"apiVersion: exchangehardening/v1
kind: BuildCatalog
metadata:
  name: Exchange2019
spec:
  product:
    id: Exchange2019
    name: Exchange Server 2019
    version: '15.2'
    buildBelow: 2562
    endOfSupport: 2025-10-14
  builds:
    - {cu: CU8, update: RTM, build: 15.2.792.3, released: 2020-12-15, kb: KB4588885}
    - {cu: CU8, update: Mar21SU, build: 15.2.792.10, released: 2021-03-02, kb: KB5000871}
    - {cu: CU9, update: RTM, build: 15.2.858.5, released: 2021-03-16, kb: KB4602570}
---
apiVersion: exchangehardening/v1
kind: BuildCatalog
metadata:
  name: ExchangeSE
spec:
  product:
    id: ExchangeSE
    name: Exchange Server Subscription Edition
    version: '15.2'
    buildFrom: 2562
  builds:
    - {cu: RTM, update: RTM, build: 15.2.2562.17}
";

        internal static string Advisory(string name, string cve, string fixedBy = "Mar21SU", string products = "Exchange2019") => $@"apiVersion: exchangehardening/v1
kind: Advisory
metadata:
  name: {name}
  title: Advisory {name}
spec:
  vulnerabilities:
    - id: {cve}
      title: Something
      severity: High
      products: [{products}]
      fixedBy: [{fixedBy}]
";

        private readonly AdvisoryStoreLoader loader = new AdvisoryStoreLoader();

        [Fact]
        public void Loads_catalog_and_advisories_and_joins_the_fixing_builds()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog);
            dir.Write("adv/a.yml", Advisory("A", "CVE-2021-26855"));
            var result = loader.Load(new[] { new AdvisoryLayer("shipped", new[] { dir.Path }) });
            Assert.Empty(result.Errors);
            var advisory = Assert.Single(result.Store.Advisories);
            var fixedIn = Assert.Single(advisory.Vulnerabilities[0].FixedIn);
            Assert.Equal("15.2.792.10", fixedIn.Build);
            Assert.Equal("CU8", fixedIn.CumulativeUpdate);
            Assert.Equal("KB5000871", fixedIn.Kb);
            Assert.Equal(Severity.High, advisory.Severity);
            Assert.False(advisory.Exploited);
        }

        [Fact]
        public void Product_detection_follows_the_catalog_build_ranges()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog);
            var catalog = loader.Load(new[] { new AdvisoryLayer("shipped", new[] { dir.Path }) }).Store.Catalog;
            Assert.Equal("Exchange2019", catalog.FindProduct(ExchangeBuild.Parse("15.2.2561.99"))!.Id);
            Assert.Equal("ExchangeSE", catalog.FindProduct(ExchangeBuild.Parse("15.2.2562.0"))!.Id);
            Assert.Null(catalog.FindProduct(ExchangeBuild.Parse("15.1.2507.6")));
        }

        [Fact]
        public void A_later_layer_overrides_by_kind_and_name_and_says_so()
        {
            using var shipped = new TempDirectory();
            using var user = new TempDirectory();
            shipped.Write("catalog.yaml", Catalog);
            shipped.Write("a.yaml", Advisory("A", "CVE-2021-26855"));
            var userFile = user.Write("a.yaml", Advisory("A", "CVE-2021-26857"));
            var result = loader.Load(new[]
            {
                new AdvisoryLayer("shipped", new[] { shipped.Path }),
                new AdvisoryLayer("-AdvisoryPath", new[] { user.Path }),
            });
            Assert.Empty(result.Errors);
            Assert.Equal("CVE-2021-26857", Assert.Single(result.Store.Advisories).Cves.Single());
            var notice = Assert.Single(result.Notices);
            Assert.Contains("Advisory 'A'", notice);
            Assert.Contains(userFile, notice);
            Assert.Contains("overrides", notice);
        }

        [Fact]
        public void A_duplicate_id_in_one_layer_is_an_error_naming_both_places()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog);
            var first = dir.Write("a.yaml", Advisory("A", "CVE-2021-26855"));
            var second = dir.Write("b.yaml", Advisory("A", "CVE-2021-26857"));
            var result = loader.Load(new[] { new AdvisoryLayer("shipped", new[] { dir.Path }) });
            var error = Assert.Single(result.Errors);
            Assert.Equal(second, error.File);
            Assert.Equal(1, error.Line);
            Assert.Contains("Duplicate Advisory 'A'", error.Message);
            Assert.Contains(first + ":1:1", error.Message);
            Assert.Equal("CVE-2021-26855", Assert.Single(result.Store.Advisories).Cves.Single());
        }

        [Fact]
        public void A_vulnerability_listed_twice_is_an_error()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog);
            dir.Write("a.yaml", Advisory("A", "CVE-2021-26855"));
            dir.Write("b.yaml", Advisory("B", "CVE-2021-26855"));
            var error = Assert.Single(loader.Load(new[] { new AdvisoryLayer("shipped", new[] { dir.Path }) }).Errors);
            Assert.Contains("already listed", error.Message);
            Assert.Equal(8, error.Line);
        }

        [Fact]
        public void A_dangling_update_reference_is_an_error_with_location()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog);
            var file = dir.Write("a.yaml", Advisory("A", "CVE-2021-26855", fixedBy: "Apr21SU"));
            var result = loader.Load(new[] { new AdvisoryLayer("shipped", new[] { dir.Path }) });
            var error = Assert.Single(result.Errors);
            Assert.Equal(file, error.File);
            Assert.Equal(8, error.Line);
            Assert.Equal(7, error.Column);
            Assert.Contains("Apr21SU", error.Message);
            Assert.Empty(result.Store.Advisories);
        }

        [Fact]
        public void An_update_that_exists_only_for_another_product_is_dangling()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog);
            dir.Write("a.yaml", Advisory("A", "CVE-2021-26855", products: "ExchangeSE"));
            Assert.Contains("no Mar21SU build for ExchangeSE", Assert.Single(loader.Load(new[] { new AdvisoryLayer("shipped", new[] { dir.Path }) }).Errors).Message);
        }

        [Fact]
        public void An_unknown_product_is_an_error()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog);
            dir.Write("a.yaml", Advisory("A", "CVE-2021-26855", products: "Exchange2010"));
            Assert.Contains("'Exchange2010'", Assert.Single(loader.Load(new[] { new AdvisoryLayer("shipped", new[] { dir.Path }) }).Errors).Message);
        }

        [Fact]
        public void A_bad_vulnerability_is_dropped_but_its_advisory_keeps_the_good_ones()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog);
            dir.Write("a.yaml", Advisory("A", "CVE-2021-26855") + @"    - id: CVE-2021-26857
      title: Other
      severity: Low
      products: [Exchange2019]
      fixedBy: [Jan99SU]
    - id: NOT-A-CVE
      title: Bad id
      severity: Low
      products: [Exchange2019]
      fixedBy: [Mar21SU]
");
            var result = loader.Load(new[] { new AdvisoryLayer("shipped", new[] { dir.Path }) });
            Assert.Equal(2, result.Errors.Count);
            Assert.Equal(new[] { "CVE-2021-26855" }, Assert.Single(result.Store.Advisories).Cves);
        }

        [Fact]
        public void A_vulnerability_without_fix_or_configuration_is_an_error()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog);
            dir.Write("a.yaml", Advisory("A", "CVE-2021-26855").Replace("      fixedBy: [Mar21SU]\n", string.Empty));
            Assert.Contains("neither 'fixedBy' nor 'requires'", Assert.Single(loader.Load(new[] { new AdvisoryLayer("shipped", new[] { dir.Path }) }).Errors).Message);
        }

        [Fact]
        public void Catalog_rows_are_checked()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog.Replace(
                "    - {cu: CU9, update: RTM, build: 15.2.858.5, released: 2021-03-16, kb: KB4602570}\n",
                "    - {cu: CU9, update: RTM, build: 15.2.858.5, released: 2021-03-16, kb: KB4602570}\n"
                + "    - {cu: CU9, update: March, build: 15.2.858.6}\n"
                + "    - {cu: CU9, update: Apr21SU, build: 15.2.2600.1}\n"
                + "    - {cu: CU9, update: May21SU, build: 15.2.858.12, kb: 5003435}\n"
                + "    - {cu: CU9, update: RTM, build: 15.2.858.5}\n"
                + "    - {cu: CU10, update: Jul21SU, build: 15.2.922.13}\n"));
            var result = loader.Load(new[] { new AdvisoryLayer("shipped", new[] { dir.Path }) });
            var messages = result.Errors.Select(e => e.Message).ToArray();
            Assert.Equal(5, messages.Length);
            Assert.Contains(messages, m => m.Contains("'March' is not an update key"));
            Assert.Contains(messages, m => m.Contains("does not belong to Exchange2019"));
            Assert.Contains(messages, m => m.Contains("'5003435' is not a KB number"));
            Assert.Contains(messages, m => m.Contains("listed twice"));
            Assert.Contains(messages, m => m.Contains("CU10 has updates but no RTM row"));
            // The three good rows stay, and CU10 Jul21SU is kept but reported for its missing CU release.
            Assert.Equal(4, result.Store.Catalog.BuildsOf("Exchange2019").Count);
        }

        [Fact]
        public void A_mitigation_naming_an_unknown_vulnerability_or_update_is_an_error()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog);
            dir.Write("a.yaml", Advisory("A", "CVE-2021-26855"));
            dir.Write("m.yaml", @"apiVersion: exchangehardening/v1
kind: Mitigation
metadata: {name: Good}
spec: {origin: Eomt, mitigates: [CVE-2021-26855], fixedBy: [Mar21SU]}
---
apiVersion: exchangehardening/v1
kind: Mitigation
metadata: {name: UnknownCve}
spec: {origin: Eomt, mitigates: [CVE-2099-1111]}
---
apiVersion: exchangehardening/v1
kind: Mitigation
metadata: {name: UnknownUpdate}
spec: {origin: Eomt, mitigates: [CVE-2021-26855], fixedBy: [Jan30SU]}
");
            var result = loader.Load(new[] { new AdvisoryLayer("shipped", new[] { dir.Path }) });
            Assert.Equal(2, result.Errors.Count);
            Assert.Contains(result.Errors, e => e.Message.Contains("'CVE-2099-1111'") && e.Line == 9);
            Assert.Contains(result.Errors, e => e.Message.Contains("'Jan30SU'") && e.Line == 14);
            Assert.Equal("Good", Assert.Single(result.Store.Mitigations).Name);
        }

        [Fact]
        public void A_missing_path_is_an_error_and_the_rest_still_loads()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog);
            dir.Write("a.yaml", Advisory("A", "CVE-2021-26855"));
            var result = loader.Load(new[]
            {
                new AdvisoryLayer("shipped", new[] { dir.Path }),
                new AdvisoryLayer("-AdvisoryPath", new[] { "/nonexistent/advisories" }),
            });
            Assert.Contains("does not exist", Assert.Single(result.Errors).Message);
            Assert.Single(result.Store.Advisories);
        }

        [Fact]
        public void A_broken_file_does_not_stop_the_other_files()
        {
            using var dir = new TempDirectory();
            dir.Write("catalog.yaml", Catalog);
            dir.Write("a.yaml", Advisory("A", "CVE-2021-26855"));
            var broken = dir.Write("b.yaml", "apiVersion: exchangehardening/v1\nkind: Advisory\nmetadata: {name: B\n");
            var result = loader.Load(new[] { new AdvisoryLayer("shipped", new[] { dir.Path }) });
            var error = Assert.Single(result.Errors);
            Assert.Equal(broken, error.File);
            Assert.True(error.Line > 0);
            Assert.Single(result.Store.Advisories);
        }
    }
}
