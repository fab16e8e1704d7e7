using System.IO;
using System.Linq;
using ExchangeHardening.Engine.Mitigations;
using Xunit;
using static ExchangeHardening.Engine.Tests.Mitigations.IisFixtures;

namespace ExchangeHardening.Engine.Tests.Mitigations
{
    /// <summary>What the reader takes from applicationHost.config and web.config files, and how it fails.</summary>
    public class IisConfigurationReaderTests
    {
        private readonly IisConfigurationReader reader = new IisConfigurationReader();

        [Fact]
        public void Reads_an_inbound_rule_with_every_attribute_and_its_place()
        {
            var path = FileOf("em-m1", DefaultWebSitePath);
            var file = reader.Read(path);
            Assert.True(file.IsLoaded);
            Assert.Empty(file.Errors);
            Assert.Equal(IisConfigurationFileKind.WebConfig, file.Kind);
            Assert.Equal(RewriteLocation.DefaultWebSite, file.Scope.Location);

            var rule = Assert.Single(file.Rules);
            Assert.Equal(M1Name, rule.Name);
            Assert.True(rule.Enabled);
            Assert.Equal(RewriteDirection.Inbound, rule.Direction);
            Assert.Equal(IisRewriteCollection.InboundRules, rule.Collection);
            Assert.Equal("Default Web Site", rule.Scope.Path);
            Assert.Equal(path, rule.File);
            Assert.Equal(7, rule.Line);
            Assert.Equal(1, rule.Position);
            Assert.Equal(".*", rule.MatchUrl);
            Assert.Equal("ECMAScript", rule.PatternSyntax);
            Assert.True(rule.IgnoreCase);
            Assert.False(rule.Negate);
            Assert.True(rule.StopProcessing);
            Assert.Equal("MatchAll", rule.LogicalGrouping);
            var condition = Assert.Single(rule.Conditions);
            Assert.Equal(M1Input, condition.Input);
            Assert.Equal(M1Pattern, condition.Pattern);
            Assert.False(condition.Negate);
            Assert.True(condition.IgnoreCase);
            Assert.Equal("AbortRequest", rule.ActionType);
            Assert.Equal(RewriteAction.AbortRequest, rule.Action);
        }

        [Fact]
        public void Keeps_the_order_of_rules_in_their_list()
        {
            var file = reader.Read(FileOf("side-by-side", DefaultWebSitePath));
            Assert.Equal(new[] { M1Name, "RequestBlockingRule1", "PowerShell - inbound" }, file.Rules.Select(r => r.Name));
            Assert.Equal(new[] { 1, 2, 3 }, file.Rules.Select(r => r.Position));
            Assert.True(file.Rules[0].Line < file.Rules[1].Line && file.Rules[1].Line < file.Rules[2].Line);
        }

        [Fact]
        public void Reads_disabled_rules_and_defaults_missing_attributes()
        {
            Assert.False(reader.Read(FileOf("m1-disabled", DefaultWebSitePath)).Rules.Single().Enabled);
            using var tree = new TempDirectory();
            var path = tree.Write(DefaultWebSitePath, WebConfig("<rules><rule name=\"bare\"><match url=\"x\" /></rule></rules>"));
            var rule = reader.Read(path).Rules.Single();
            Assert.True(rule.Enabled);
            Assert.False(rule.StopProcessing);
            Assert.Equal("ECMAScript", rule.PatternSyntax);
            Assert.Equal("None", rule.ActionType);
            Assert.Equal(RewriteAction.None, rule.Action);
            Assert.Empty(rule.Conditions);
        }

        [Fact]
        public void Reads_an_outbound_rule_with_its_preCondition_resolved()
        {
            var file = reader.Read(FileOf("m2-owa-outbound", OwaPath));
            Assert.Equal(RewriteLocation.OwaVirtualDirectory, file.Scope.Location);
            var rule = Assert.Single(file.Rules);
            Assert.Equal(RewriteDirection.Outbound, rule.Direction);
            Assert.Equal("RESPONSE_Content_Security_Policy", rule.ServerVariable);
            Assert.Equal("(.*)", rule.MatchPattern);
            Assert.False(rule.StopProcessing); // written "False"
            Assert.Equal(RewriteAction.Rewrite, rule.Action);
            Assert.Equal("{R:1}; script-src-attr 'none'", rule.ActionValue);
            Assert.Equal("EEMS M2.1 OWA SPA HTML shell - precondition", rule.PreConditionName);
            var preCondition = Assert.IsType<IisPreCondition>(rule.PreCondition);
            Assert.Equal("MatchAll", preCondition.LogicalGrouping);
            Assert.Equal(new[] { "{RESPONSE_CONTENT_TYPE}", "{REQUEST_URI}" }, preCondition.Conditions.Select(c => c.Input));
            Assert.Equal(M2PreConditionUri, preCondition.Conditions[1].Pattern);
            Assert.Same(preCondition, Assert.Single(file.PreConditions));
        }

        [Fact]
        public void Reads_global_modules_and_sites_from_applicationHost_config()
        {
            var file = reader.Read(FileOf("em-m1", ApplicationHostPath));
            Assert.Equal(IisConfigurationFileKind.ApplicationHost, file.Kind);
            Assert.Equal(IisRuleScope.Server, file.Scope);
            var rewrite = Assert.Single(file.GlobalModules, m => m.Name == "RewriteModule");
            Assert.Equal(@"%SystemRoot%\system32\inetsrv\rewrite.dll", rewrite.Image);
            Assert.True(rewrite.Location.Line > 0);
            Assert.Contains(file.VirtualDirectories, v => v.SiteName == "Default Web Site" && v.SiteId == "1" && v.Scope.Path == "Default Web Site" && v.PhysicalPath == @"%SystemDrive%\inetpub\wwwroot");
            Assert.Contains(file.VirtualDirectories, v => v.Scope.Path == "Default Web Site/owa" && v.PhysicalPath.EndsWith(@"FrontEnd\HttpProxy\owa"));
            Assert.Contains(file.VirtualDirectories, v => v.SiteName == "Exchange Back End" && v.SiteId == "2" && v.Scope.Path == "Exchange Back End/owa");
        }

        [Fact]
        public void A_removed_global_module_is_not_registered()
        {
            Assert.DoesNotContain(reader.Read(FileOf("no-url-rewrite-module", ApplicationHostPath)).GlobalModules, m => m.Name == "RewriteModule");
            using var tree = new TempDirectory();
            var path = tree.Write("applicationHost.config", ApplicationHost().Replace("</globalModules>", "<remove name=\"RewriteModule\" /></globalModules>"));
            Assert.DoesNotContain(reader.Read(path).GlobalModules, m => m.Name == "RewriteModule");
        }

        [Fact]
        public void Location_sections_give_their_scope()
        {
            var file = reader.Read(FileOf("m1-cleared-by-child", ApplicationHostPath));
            var clear = Assert.Single(file.Directives);
            Assert.Equal(IisCollectionDirectiveKind.Clear, clear.Kind);
            Assert.Equal(IisRewriteCollection.InboundRules, clear.Collection);
            Assert.Equal("Default Web Site/Autodiscover", clear.Scope.Path);

            // In a web.config the location path is relative to the folder it configures.
            using var tree = new TempDirectory();
            var path = tree.Write(DefaultWebSitePath, "<configuration><location path=\"owa\"><system.webServer><rewrite><rules><rule name=\"r\"><match url=\".*\" /></rule></rules></rewrite></system.webServer></location></configuration>");
            Assert.Equal(RewriteLocation.OwaVirtualDirectory, reader.Read(path).Rules.Single().Scope.Location);
        }

        [Fact]
        public void Reads_remove_and_clear_elements_of_a_child_web_config()
        {
            var path = FileOf("m1-removed-by-child", AutodiscoverPath);
            var remove = Assert.Single(reader.Read(path).Directives);
            Assert.Equal(IisCollectionDirectiveKind.Remove, remove.Kind);
            Assert.Equal(M1Name, remove.Name);
            Assert.Equal(path, remove.File);
            Assert.Equal(10, remove.Line);
        }

        [Fact]
        public void Reads_global_rules_and_rules_kept_in_a_configSource_file()
        {
            using var tree = new TempDirectory();
            tree.Write("inetpub/wwwroot/rewriteRules.config", "<rules>" + InboundRule() + "</rules>");
            var path = tree.Write(DefaultWebSitePath, WebConfig("<rules configSource=\"rewriteRules.config\" />"));
            var rule = reader.Read(path).Rules.Single();
            Assert.Equal(M1Name, rule.Name);
            Assert.EndsWith("rewriteRules.config", rule.File);

            var host = tree.Write("applicationHost.config", ApplicationHost().Replace("<urlCompression />", "<urlCompression /><rewrite><globalRules>" + InboundRule("server copy") + "</globalRules></rewrite>"));
            var global = reader.Read(host).Rules.Single();
            Assert.Equal(IisRewriteCollection.GlobalRules, global.Collection);
            Assert.Equal(IisRuleScope.Server, global.Scope);
        }

        [Fact]
        public void A_missing_configSource_file_is_an_error_and_the_rest_is_read()
        {
            using var tree = new TempDirectory();
            var path = tree.Write(DefaultWebSitePath, WebConfig("<rules configSource=\"missing.config\" /><outboundRules>" + "<rule name=\"o\"><match serverVariable=\"X\" pattern=\".*\" /></rule></outboundRules>"));
            var file = reader.Read(path);
            Assert.True(file.IsLoaded);
            Assert.Contains(file.Errors, e => e.File == path && e.Line == 5 && e.Message.Contains("missing.config"));
            Assert.Equal("o", file.Rules.Single().Name);
        }

        [Fact]
        public void Malformed_xml_is_an_error_with_file_line_and_column()
        {
            var path = FileOf("malformed-xml", DefaultWebSitePath);
            var file = reader.Read(path);
            Assert.False(file.IsLoaded);
            Assert.Empty(file.Rules);
            var error = Assert.Single(file.Errors);
            Assert.Equal(path, error.File);
            Assert.Equal(11, error.Line);
            Assert.True(error.Column > 0);
            Assert.StartsWith(path + ":11:", error.ToString());
            Assert.Contains("not well-formed XML", error.Message);
            Assert.Contains("conditions", error.Message); // the element left open
        }

        [Fact]
        public void A_file_that_cannot_be_opened_is_an_error()
        {
            using var tree = new TempDirectory();
            var path = Path.Combine(tree.Path, "web.config");
            var error = Assert.Single(reader.Read(path).Errors);
            Assert.Equal(path, error.File);
            Assert.Equal(0, error.Line);
            Assert.Contains("cannot be read", error.Message);
        }

        [Fact]
        public void A_document_type_declaration_is_refused_and_nothing_is_expanded()
        {
            using var tree = new TempDirectory();
            var path = tree.Write(DefaultWebSitePath, "<?xml version=\"1.0\"?>\n<!DOCTYPE configuration [<!ENTITY x \"expanded\">]>\n<configuration><system.webServer><rewrite><rules><rule name=\"&x;\" /></rules></rewrite></system.webServer></configuration>");
            var file = reader.Read(path);
            Assert.False(file.IsLoaded);
            Assert.Empty(file.Rules);
            Assert.Contains("DTD", Assert.Single(file.Errors).Message);
        }

        [Fact]
        public void A_file_that_is_not_an_IIS_configuration_is_an_error()
        {
            using var tree = new TempDirectory();
            var path = tree.Write("web.config", "<?xml version=\"1.0\"?>\n<settings />");
            var error = Assert.Single(reader.Read(path).Errors);
            Assert.Equal(2, error.Line);
            Assert.Contains("<configuration>", error.Message);
        }

        [Fact]
        public void A_file_open_for_writing_elsewhere_is_still_read()
        {
            using var tree = new TempDirectory();
            var path = tree.Write(DefaultWebSitePath, WebConfig("<rules>" + InboundRule() + "</rules>"));
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete))
            {
                Assert.Single(reader.Read(path).Rules);
            }
        }

        [Fact]
        public void The_old_dotNet_configuration_namespace_is_read_like_no_namespace()
        {
            using var tree = new TempDirectory();
            var path = tree.Write(DefaultWebSitePath, WebConfig("<rules>" + InboundRule() + "</rules>").Replace("<configuration>", "<configuration xmlns=\"http://schemas.microsoft.com/.NetConfiguration/v2.0\">"));
            var rule = reader.Read(path).Rules.Single();
            Assert.Equal(M1Name, rule.Name);
            Assert.Equal(5, rule.Line);
        }

        [Fact]
        public void A_renamed_copy_of_applicationHost_config_is_recognised_by_its_content()
        {
            using var tree = new TempDirectory();
            var path = tree.Write("EXCH01-applicationHost.config.copy", ApplicationHost());
            var file = reader.Read(path);
            Assert.Equal(IisConfigurationFileKind.ApplicationHost, file.Kind);
            Assert.Contains(file.GlobalModules, m => m.Name == "RewriteModule");
        }
    }
}
