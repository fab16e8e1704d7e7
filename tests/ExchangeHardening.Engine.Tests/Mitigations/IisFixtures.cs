using System;
using System.Collections.Generic;
using System.IO;
using ExchangeHardening.Engine.Mitigations;
using ExchangeHardening.Engine.Tests.Data;

namespace ExchangeHardening.Engine.Tests.Mitigations
{
    /// <summary>The IIS fixture scenarios (Fixtures/Iis) and small builders for trees a test writes itself.</summary>
    internal static class IisFixtures
    {
        public const string ApplicationHostPath = "Windows/System32/inetsrv/config/applicationHost.config";
        public const string DefaultWebSitePath = "inetpub/wwwroot/web.config";
        public const string HttpProxyPath = "Program Files/Microsoft/Exchange Server/V15/FrontEnd/HttpProxy";
        public const string OwaPath = HttpProxyPath + "/owa/web.config";
        public const string AutodiscoverPath = HttpProxyPath + "/autodiscover/web.config";

        public const string M1Name = "EEMS M1.1 PowerShell - inbound";
        public const string M1Input = "{UrlDecode:{REQUEST_URI}}";
        public const string M1Pattern = "(?=.*autodiscover)(?=.*powershell)";
        public const string M2PreConditionUri = @"^/owa/?($|\?|default\.aspx|projection\.aspx|readingPane\.aspx|popout\.aspx)";

        public static string Root => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Iis");

        public static string Scenario(string name) => Path.Combine(Root, name);

        public static string FileOf(string scenario, string relativePath) => Path.GetFullPath(Path.Combine(Scenario(scenario), relativePath));

        public static IisConfiguration Load(string scenario) => new IisConfigurationLocator().Load(Scenario(scenario));

        public static MitigationMatchReport Match(string scenario, IEnumerable<string>? listed = null) =>
            new MitigationRuleMatcher().Match(ShippedData.Store, Load(scenario), listed);

        public static MitigationMatchReport Match(TempDirectory tree, IEnumerable<string>? listed = null) =>
            new MitigationRuleMatcher().Match(ShippedData.Store, new IisConfigurationLocator().Load(tree.Path), listed);

        /// <summary>The applicationHost.config of the scenarios (URL Rewrite registered, Exchange sites).</summary>
        public static string ApplicationHost(string extraLocations = "") =>
            File.ReadAllText(Path.Combine(Scenario("em-m1"), ApplicationHostPath)).Replace("</configuration>", extraLocations + "</configuration>");

        /// <summary>A server tree with applicationHost.config and the given Default Web Site rules (the inside of &lt;rules&gt;).</summary>
        public static TempDirectory Tree(string defaultWebSiteRules, string? owaRewrite = null)
        {
            var tree = new TempDirectory();
            tree.Write(ApplicationHostPath, ApplicationHost());
            tree.Write(DefaultWebSitePath, WebConfig("<rules>" + defaultWebSiteRules + "</rules>"));
            if (owaRewrite != null)
            {
                tree.Write(OwaPath, WebConfig(owaRewrite));
            }

            return tree;
        }

        /// <summary>A web.config whose system.webServer/rewrite holds <paramref name="rewriteInner"/>.</summary>
        public static string WebConfig(string rewriteInner) =>
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<configuration>\n  <system.webServer>\n    <rewrite>\n      " + rewriteInner + "\n    </rewrite>\n  </system.webServer>\n</configuration>\n";

        public static string InboundRule(
            string name = M1Name,
            string input = M1Input,
            string pattern = M1Pattern,
            string url = ".*",
            string action = "AbortRequest",
            string ruleAttributes = "patternSyntax=\"ECMAScript\" stopProcessing=\"true\"",
            string conditionAttributes = "",
            string extraConditions = "",
            string logicalGrouping = "MatchAll") =>
            $"<rule name=\"{name}\" {ruleAttributes}><match url=\"{Escape(url)}\" />" +
            $"<conditions logicalGrouping=\"{logicalGrouping}\"><add input=\"{input}\" pattern=\"{Escape(pattern)}\" {conditionAttributes} />{extraConditions}</conditions>" +
            $"<action type=\"{action}\" /></rule>";

        /// <summary>The inside of &lt;rewrite&gt; for an outbound M2-like rule and its preCondition.</summary>
        public static string OutboundRule(
            string name = "EEMS M2.1 OWA CSP - outbound",
            string preConditionName = "EEMS M2.1 OWA SPA HTML shell - precondition",
            string serverVariable = "RESPONSE_Content_Security_Policy",
            string pattern = "(.*)",
            string value = "{R:1}; script-src-attr 'none'",
            string contentTypePattern = "^text/html",
            string uriPattern = M2PreConditionUri,
            bool definePreCondition = true,
            string ruleAttributes = "patternSyntax=\"ECMAScript\" stopProcessing=\"False\"") =>
            "<outboundRules>" +
            (definePreCondition
                ? $"<preConditions><preCondition name=\"{preConditionName}\" logicalGrouping=\"MatchAll\" patternSyntax=\"ECMAScript\">" +
                  $"<add input=\"{{RESPONSE_CONTENT_TYPE}}\" pattern=\"{Escape(contentTypePattern)}\" /><add input=\"{{REQUEST_URI}}\" pattern=\"{Escape(uriPattern)}\" /></preCondition></preConditions>"
                : string.Empty) +
            $"<rule name=\"{name}\" preCondition=\"{preConditionName}\" {ruleAttributes}><match serverVariable=\"{serverVariable}\" pattern=\"{Escape(pattern)}\" />" +
            $"<action type=\"Rewrite\" value=\"{Escape(value)}\" /></rule></outboundRules>";

        private static string Escape(string text) => text.Replace("&", "&amp;").Replace("\"", "&quot;").Replace("<", "&lt;");
    }
}
