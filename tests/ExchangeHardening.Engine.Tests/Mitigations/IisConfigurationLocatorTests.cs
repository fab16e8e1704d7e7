using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using ExchangeHardening.Engine.Mitigations;
using Xunit;
using static ExchangeHardening.Engine.Tests.Mitigations.IisFixtures;

namespace ExchangeHardening.Engine.Tests.Mitigations
{
    /// <summary>Finding a server's configuration files in a folder tree and placing each web.config in IIS.</summary>
    public class IisConfigurationLocatorTests
    {
        private readonly IisConfigurationLocator locator = new IisConfigurationLocator();

        [Fact]
        public void Finds_applicationHost_and_web_configs_in_a_copied_tree_and_places_them()
        {
            var configuration = Load("m1-removed-by-child");
            Assert.Empty(configuration.Errors);
            Assert.Equal(4, configuration.Files.Count);
            Assert.Equal(IisConfigurationFileKind.ApplicationHost, configuration.Files[0].Kind);
            Assert.True(configuration.HasApplicationHost);
            Assert.Equal(IisRuleScope.Server, configuration.Files[0].Scope);
            Assert.Equal("Default Web Site", configuration.Files.Single(f => f.Path.EndsWith(Path.Combine("wwwroot", "web.config"))).Scope.Path);
            Assert.Equal(RewriteLocation.OwaVirtualDirectory, configuration.Files.Single(f => f.Path.Contains(Path.Combine("HttpProxy", "owa"))).Scope.Location);

            // The Autodiscover folder is no named place: the site's virtual directory in applicationHost.config places it.
            Assert.Equal("Default Web Site/Autodiscover", configuration.Files.Single(f => f.Path.Contains("autodiscover")).Scope.Path);
        }

        [Fact]
        public void Reports_the_URL_Rewrite_module()
        {
            var installed = Load("em-m1");
            Assert.True(installed.UrlRewriteInstalled);
            Assert.Equal(@"%SystemRoot%\system32\inetsrv\rewrite.dll", installed.UrlRewriteModule!.Image);
            Assert.EndsWith("applicationHost.config", installed.UrlRewriteModule.Location.File);

            var missing = Load("no-url-rewrite-module");
            Assert.False(missing.UrlRewriteInstalled);
            Assert.Null(missing.UrlRewriteModule);

            // Without applicationHost.config nobody can say.
            var webConfigOnly = locator.Load(FileOf("em-m1", DefaultWebSitePath));
            Assert.False(webConfigOnly.HasApplicationHost);
            Assert.Null(webConfigOnly.UrlRewriteInstalled);
        }

        [Fact]
        public void A_broken_file_is_an_error_and_the_other_files_still_load()
        {
            var configuration = Load("malformed-xml");
            var error = Assert.Single(configuration.Errors);
            Assert.Equal(FileOf("malformed-xml", DefaultWebSitePath), error.File);
            Assert.Equal(11, error.Line);
            Assert.True(configuration.UrlRewriteInstalled);
            Assert.Contains(configuration.Rules, r => r.Name == "EEMS M2.1 OWA CSP - outbound");
            Assert.Equal(3, configuration.Files.Count);
            Assert.Single(configuration.Files, f => !f.IsLoaded);
        }

        [Fact]
        public void A_path_that_does_not_exist_is_an_error_and_the_other_paths_still_load()
        {
            var missing = Path.Combine(Root, "no-such-folder");
            var configuration = locator.Load(new[] { missing, Scenario("em-m1") });
            var error = Assert.Single(configuration.Errors);
            Assert.Equal(missing, error.File);
            Assert.Contains(configuration.Rules, r => r.Name == M1Name);
        }

        [Fact]
        public void Explicit_files_are_read_whatever_their_name_and_only_once()
        {
            var configuration = locator.Load(new[] { FileOf("em-m1", ApplicationHostPath), FileOf("em-m1", DefaultWebSitePath), FileOf("em-m1", DefaultWebSitePath) });
            Assert.Equal(2, configuration.Files.Count);
            Assert.Single(configuration.Rules);
        }

        [Fact]
        public void Skips_IIS_configuration_history_and_backups_but_not_other_folders()
        {
            using var tree = Tree(string.Empty);
            tree.Write("inetpub/history/CFGHISTORY_0000000001/applicationHost.config", ApplicationHost().Replace("<add name=\"RewriteModule\" image", "<add name=\"OldModule\" image"));
            tree.Write("Windows/System32/inetsrv/backup/before-eomt/applicationHost.config", ApplicationHost());
            tree.Write("inetpub/wwwroot/aspnet_client/web.config", WebConfig("<rules>" + InboundRule("deep rule") + "</rules>"));
            var configuration = locator.Load(tree.Path);
            Assert.Single(configuration.Files, f => f.Kind == IisConfigurationFileKind.ApplicationHost);
            Assert.DoesNotContain(configuration.Files, f => f.Path.Contains("CFGHISTORY") || f.Path.Contains("backup"));
            Assert.Contains(configuration.Rules, r => r.Name == "deep rule");
        }

        [Fact]
        public void Reading_never_changes_the_files()
        {
            var files = Directory.GetFiles(Root, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToArray();
            var before = files.Select(Fingerprint).ToArray();
            var configuration = locator.Load(Root);
            Assert.NotEmpty(configuration.Rules);
            Assert.Equal(before, files.Select(Fingerprint).ToArray());
        }

        [Fact]
        public void Effective_entries_follow_inheritance_clear_and_remove()
        {
            var cleared = Load("m1-cleared-by-child");
            Assert.Equal(new[] { M1Name }, cleared.EffectiveEntries(IisRewriteCollection.InboundRules, IisRuleScope.ForPath("Default Web Site")).Select(e => e.Name));
            Assert.Equal(new[] { M1Name }, cleared.EffectiveEntries(IisRewriteCollection.InboundRules, IisRuleScope.ForPath("Default Web Site/owa")).Select(e => e.Name));
            Assert.Empty(cleared.EffectiveEntries(IisRewriteCollection.InboundRules, IisRuleScope.ForPath("default web site/AUTODISCOVER")));
            Assert.Empty(cleared.EffectiveEntries(IisRewriteCollection.InboundRules, IisRuleScope.ForPath("Exchange Back End")));
            Assert.Empty(Load("m1-removed-by-child").EffectiveEntries(IisRewriteCollection.InboundRules, IisRuleScope.ForPath("Default Web Site/Autodiscover")));
        }

        [Fact]
        public void A_preCondition_defined_at_a_parent_level_is_found()
        {
            using var tree = new TempDirectory();
            tree.Write(ApplicationHostPath, ApplicationHost());
            var full = OutboundRule();
            var preConditions = full.Substring(full.IndexOf("<preConditions>", StringComparison.Ordinal), full.IndexOf("</preConditions>", StringComparison.Ordinal) + "</preConditions>".Length - full.IndexOf("<preConditions>", StringComparison.Ordinal));
            tree.Write(DefaultWebSitePath, WebConfig("<outboundRules>" + preConditions + "</outboundRules>"));
            tree.Write(OwaPath, WebConfig(OutboundRule(definePreCondition: false)));
            var rule = locator.Load(tree.Path).Rules.Single();
            Assert.NotNull(rule.PreCondition);
            Assert.Equal("Default Web Site", rule.PreCondition!.Scope.Path);
        }

        [Theory]
        [InlineData(@"C:\inetpub\wwwroot\web.config", "Default Web Site")]
        [InlineData("/copies/EXCH01/C/INETPUB/WWWROOT/Web.Config", "Default Web Site")]
        [InlineData(@"D:\Exchange\FrontEnd\HttpProxy\owa\web.config", "Default Web Site/owa")]
        [InlineData("/tmp/x/Program Files/Microsoft/Exchange Server/V15/FrontEnd/HttpProxy/ECP/web.config", "Default Web Site/ecp")]
        [InlineData(@"C:\Program Files\Microsoft\Exchange Server\V15\FrontEnd\HttpProxy\mapi\web.config", "Default Web Site/mapi")]
        public void A_web_config_is_placed_by_its_path(string path, string expected)
        {
            Assert.Equal(expected, IisScopeResolver.ForWebConfig(path, Array.Empty<IisVirtualDirectory>()).Path);
        }

        [Theory]
        [InlineData(@"C:\inetpub\other\web.config")]
        [InlineData(@"C:\Program Files\Microsoft\Exchange Server\V15\ClientAccess\owa\web.config")]
        [InlineData(@"C:\temp\web.config")]
        public void A_web_config_elsewhere_has_an_unknown_place(string path)
        {
            var scope = IisScopeResolver.ForWebConfig(path, Array.Empty<IisVirtualDirectory>());
            Assert.False(scope.IsKnown);
            Assert.Null(scope.Location);
        }

        [Fact]
        public void Virtual_directories_place_other_web_configs()
        {
            var directories = new IisConfigurationReader().Read(FileOf("em-m1", ApplicationHostPath)).VirtualDirectories;
            Assert.Equal("Exchange Back End/owa", IisScopeResolver.ForWebConfig("/copy/Program Files/Microsoft/Exchange Server/V15/ClientAccess/owa/web.config", directories).Path);
            Assert.Equal("Default Web Site/Microsoft-Server-ActiveSync", IisScopeResolver.ForWebConfig(@"E:\copy\Program Files\Microsoft\Exchange Server\V15\FrontEnd\HttpProxy\sync\web.config", directories).Path);
            Assert.False(IisScopeResolver.ForWebConfig(@"E:\copy\somewhere\web.config", directories).IsKnown);
        }

        private static string Fingerprint(string path)
        {
            using var sha = SHA256.Create();
            using var stream = File.OpenRead(path);
            var info = new FileInfo(path);
            return Convert.ToHexString(sha.ComputeHash(stream)) + "|" + info.Length + "|" + info.LastWriteTimeUtc.Ticks + "|" + info.Attributes;
        }
    }
}
