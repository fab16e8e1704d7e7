using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using ExchangeHardening.Engine.Hunting;
using Xunit;

namespace ExchangeHardening.Engine.Tests.Hunting
{
    /// <summary>Recognising evidence by content and folder shape in copied trees of any layout, and surviving what a tree can hold.</summary>
    public class EvidenceCatalogTests
    {
        private const string IisLog =
            "#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n#Date: 2021-03-03 00:00:00\r\n" +
            "#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n" +
            "2021-03-03 04:05:06 192.0.2.10 GET /owa/ - 443 - 203.0.113.5 curl - 302 0 0 15\r\n";

        private const string ProxyData = "2021-03-03T04:05:06.789Z,11111111-2222-3333-4444-555555555555,15,1,2176,2,,Ecp,mail.example.test,/ecp/,,,false,,,,,203.0.113.5,EXCH01,200\r\n";

        [Fact]
        public void The_fixture_server_tree_is_classified_by_content_and_shape()
        {
            var entries = new EvidenceCatalog().Enumerate(HuntingFixtures.Server).ToList();
            var files = entries.Where(e => e.Kind == EvidenceCatalogEntryKind.File).ToDictionary(e => e.File!.RelativePath, e => e.File!.SourceType);
            Assert.Equal(EvidenceSourceType.HttpProxyLog, files[@"Program Files\Microsoft\Exchange Server\V15\Logging\HttpProxy\Ecp\HttpProxy_2021030304-1.LOG"]);
            Assert.Equal(EvidenceSourceType.EcpServerLog, files[@"Program Files\Microsoft\Exchange Server\V15\Logging\ECP\Server\ECPServer20210303-1.LOG"]);
            Assert.Equal(EvidenceSourceType.OabGeneratorLog, files[@"Program Files\Microsoft\Exchange Server\V15\Logging\OABGeneratorLog\OABGenerator_20210303-1.log"]);
            Assert.Equal(EvidenceSourceType.IisLog, files[@"inetpub\logs\LogFiles\W3SVC1\u_ex210303.log"]);
            Assert.Equal(EvidenceSourceType.ExportedEvents, files[@"Events\exchange-events.jsonl"]);
            Assert.Equal(EvidenceSourceType.ExportedEvents, files[@"Events\winevent-ps51.csv"]);
            var root = entries.Single(e => e.Kind == EvidenceCatalogEntryKind.Root).Root!;
            Assert.Equal(Path.Combine(HuntingFixtures.V15), root.ExchangeInstallFolder);
            Assert.Equal(files.Count, root.FileCount);
            Assert.DoesNotContain(entries, e => e.Kind == EvidenceCatalogEntryKind.Error);
        }

        [Fact]
        public void Folder_shapes_are_recognised_case_insensitively_in_a_copied_tree()
        {
            using (var temp = new TempDirectory())
            {
                // No directives: only the folders say what these are.
                temp.Write("c/program files/microsoft/exchange server/v15/LOGGING/httpproxy/OWA/HttpProxy_2021030304-1.LOG", ProxyData);
                temp.Write("c/Program Files/Microsoft/Exchange Server/V15/Logging/ECP/Server/ECPServer20210303-1.LOG", "2021-03-03T04:06:00.000Z,EXCH01,ECP.Request,S:CMD=Get-Mailbox\r\n");
                temp.Write("c/Program Files/Microsoft/Exchange Server/V15/Logging/ECP/Activity/ECPActivity_1_20210303-1.LOG", "2021-03-03T04:06:00.000Z,EXCH01,Request,S:A=1\r\n");
                temp.Write("c/Program Files/Microsoft/Exchange Server/V15/Logging/OABGeneratorLog/sub/OABGenerator_1.log", "line\r\n");
                temp.Write("c/Program Files/Microsoft/Exchange Server/V15/Logging/MitigationService/MitigationService_1.log", "line\r\n");
                temp.Write("c/inetpub/logs/LogFiles/W3SVC2/u_ex210303.log", "2021-03-03 04:05:06 192.0.2.10 GET /owa/ - 444 - 192.0.2.10 curl - 200 0 0 15\r\n");
                temp.Write("c/inetpub/wwwroot/aspnet_client/system_web/log.aspx", "<%@ Page %>");
                temp.Write("c/Program Files/Microsoft/Exchange Server/V15/FrontEnd/HttpProxy/owa/auth/errorPage.aspx", "<%@ Page %>");
                temp.Write("c/Program Files/Microsoft/Exchange Server/V15/ClientAccess/ecp/x.aspx", "<%@ Page %>");
                temp.Write("c/Windows/Microsoft.NET/Framework64/v4.0.30319/Temporary ASP.NET Files/owa/1/2/App_Web_abcdefgh.dll", "MZ\0\0");
                temp.Write("c/ProgramData/it.zip", "PK\u0003\u0004\0\0");
                temp.Write("c/Windows/Temp/lsass.dmp", "MDMP\0\0");
                temp.Write("c/Users/Public/opera/opera_browser.exe", "MZ\0\0");
                temp.Write("c/root/lsass1.dmp", "MDMP\0\0");
                temp.Write("c/Windows/debug/msert.log", "Microsoft Safety Scanner v1.0\r\nThreat Detected: SYNTHETIC\r\n");
                temp.Write("c/Windows/debug/msert.old.log", "x");
                temp.Write("c/Users/admin/AppData/Local/Temp/msert/EOMT.log", "2021-03-16 10:00:00 Info: EXCH01 is vulnerable: applying mitigation\r\n");
                temp.Write("c/Users/admin/AppData/Local/Temp/EOMTv2/EOMTv2.log", "x");
                temp.Write("c/Users/admin/Desktop/EOMTSummary.txt", "x");
                temp.Write("c/Users/admin/Desktop/EOMTv2Summary.txt", "x");
                temp.Write("c/Users/admin/Desktop/EOMT.ps1-Debug_20260520100000.txt", "[5/20/2026 10:00:00 AM] : Starting EOMT.ps1");
                temp.Write("c/Users/admin/Desktop/EXCH01-Cve-2021-26855.csv", "#TYPE System.Management.Automation.PSCustomObject\r\n\"DateTime\",\"AnchorMailbox\"\r\n");
                temp.Write("c/Users/admin/Desktop/EXCH01-Cve-2021-26858.log", "x");
                temp.Write("c/Windows/System32/inetsrv/config/applicationHost.config", "<configuration/>");
                temp.Write("c/inetpub/wwwroot/web.config", "<configuration/>");
                temp.Write("c/Users/admin/Documents/notes.txt", "just notes");

                var files = Classified(temp.Path);
                Assert.Equal(EvidenceSourceType.HttpProxyLog, files[@"c\program files\microsoft\exchange server\v15\LOGGING\httpproxy\OWA\HttpProxy_2021030304-1.LOG"]);
                Assert.Equal(EvidenceSourceType.EcpServerLog, files[@"c\Program Files\Microsoft\Exchange Server\V15\Logging\ECP\Server\ECPServer20210303-1.LOG"]);
                Assert.Equal(EvidenceSourceType.EcpActivityLog, files[@"c\Program Files\Microsoft\Exchange Server\V15\Logging\ECP\Activity\ECPActivity_1_20210303-1.LOG"]);
                Assert.Equal(EvidenceSourceType.OabGeneratorLog, files[@"c\Program Files\Microsoft\Exchange Server\V15\Logging\OABGeneratorLog\sub\OABGenerator_1.log"]);
                Assert.Equal(EvidenceSourceType.MitigationServiceLog, files[@"c\Program Files\Microsoft\Exchange Server\V15\Logging\MitigationService\MitigationService_1.log"]);
                Assert.Equal(EvidenceSourceType.IisLog, files[@"c\inetpub\logs\LogFiles\W3SVC2\u_ex210303.log"]);
                Assert.Equal(EvidenceSourceType.WebFile, files[@"c\inetpub\wwwroot\aspnet_client\system_web\log.aspx"]);
                Assert.Equal(EvidenceSourceType.WebFile, files[@"c\Program Files\Microsoft\Exchange Server\V15\FrontEnd\HttpProxy\owa\auth\errorPage.aspx"]);
                Assert.Equal(EvidenceSourceType.WebFile, files[@"c\Program Files\Microsoft\Exchange Server\V15\ClientAccess\ecp\x.aspx"]);
                Assert.Equal(EvidenceSourceType.WebFile, files[@"c\Windows\Microsoft.NET\Framework64\v4.0.30319\Temporary ASP.NET Files\owa\1\2\App_Web_abcdefgh.dll"]);
                Assert.Equal(EvidenceSourceType.StagingFile, files[@"c\ProgramData\it.zip"]);
                Assert.Equal(EvidenceSourceType.StagingFile, files[@"c\Windows\Temp\lsass.dmp"]);
                Assert.Equal(EvidenceSourceType.StagingFile, files[@"c\Users\Public\opera\opera_browser.exe"]);
                Assert.Equal(EvidenceSourceType.StagingFile, files[@"c\root\lsass1.dmp"]);
                Assert.Equal(EvidenceSourceType.MsertLog, files[@"c\Windows\debug\msert.log"]);
                Assert.Equal(EvidenceSourceType.MsertLog, files[@"c\Windows\debug\msert.old.log"]);
                Assert.Equal(EvidenceSourceType.EomtLog, files[@"c\Users\admin\AppData\Local\Temp\msert\EOMT.log"]);
                Assert.Equal(EvidenceSourceType.EomtLog, files[@"c\Users\admin\AppData\Local\Temp\EOMTv2\EOMTv2.log"]);
                Assert.Equal(EvidenceSourceType.EomtSummary, files[@"c\Users\admin\Desktop\EOMTSummary.txt"]);
                Assert.Equal(EvidenceSourceType.EomtSummary, files[@"c\Users\admin\Desktop\EOMTv2Summary.txt"]);
                Assert.Equal(EvidenceSourceType.EomtLog, files[@"c\Users\admin\Desktop\EOMT.ps1-Debug_20260520100000.txt"]);
                Assert.Equal(EvidenceSourceType.TestProxyLogonOutput, files[@"c\Users\admin\Desktop\EXCH01-Cve-2021-26855.csv"]);
                Assert.Equal(EvidenceSourceType.TestProxyLogonOutput, files[@"c\Users\admin\Desktop\EXCH01-Cve-2021-26858.log"]);
                Assert.Equal(EvidenceSourceType.IisConfiguration, files[@"c\Windows\System32\inetsrv\config\applicationHost.config"]);
                Assert.Equal(EvidenceSourceType.IisConfiguration, files[@"c\inetpub\wwwroot\web.config"]);
                Assert.False(files.ContainsKey(@"c\Users\admin\Documents\notes.txt"));
            }
        }

        [Fact]
        public void Backslashes_inside_names_count_as_separators_like_a_zip_extracted_on_Linux()
        {
            if (OperatingSystem.IsWindows())
            {
                return; // a backslash cannot be part of a Windows file name
            }

            using (var temp = new TempDirectory())
            {
                File.WriteAllText(Path.Combine(temp.Path, @"V15\Logging\HttpProxy\Ecp\HttpProxy_2021030304-1.LOG"), ProxyData);
                File.WriteAllText(Path.Combine(temp.Path, @"inetpub\wwwroot\aspnet_client\shell.aspx"), "<%@ Page %>");
                var files = Classified(temp.Path);
                Assert.Equal(EvidenceSourceType.HttpProxyLog, files[@"V15\Logging\HttpProxy\Ecp\HttpProxy_2021030304-1.LOG"]);
                Assert.Equal(EvidenceSourceType.WebFile, files[@"inetpub\wwwroot\aspnet_client\shell.aspx"]);
            }
        }

        [Fact]
        public void Content_decides_whatever_the_name_and_the_folder()
        {
            using (var temp = new TempDirectory())
            {
                temp.Write("export/iis-from-server.txt", IisLog);
                temp.Write("export/proxy.dat", "#Software: Microsoft Exchange Server\r\n#Version: 15.01.2176.002\r\n#Log-type: HttpProxy Logs\r\n" + ProxyData);
                temp.Write("export/ecp.bak", "#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: ECP Server Log\r\n");
                temp.Write("export/events.log", "{\"Channel\":\"Application\",\"SourceName\":\"MSExchange Common\",\"EventID\":1}\n");
                temp.Write("export/events.txt", "#TYPE System.Diagnostics.Eventing.Reader.EventLogRecord\r\n\"Message\",\"Id\",\"ProviderName\",\"LogName\",\"TimeCreated\"\r\n\"m\",\"1\",\"p\",\"Application\",\"3/3/2021 4:00:00 AM\"\r\n");
                File.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Events", "em-events-ps51.json"), Path.Combine(temp.Path, "export", "utf16-events.out"));
                temp.Write("export/proxy-rewritten.csv", "#TYPE System.Management.Automation.PSCustomObject\r\n\"DateTime\",\"RequestId\",\"UrlStem\",\"AnchorMailbox\",\"ServerHostName\"\r\n");
                File.WriteAllText(Path.Combine(temp.Path, "export", "patchstate.reg"), "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\MSERTBootstrap\\PatchState]\r\n\"EOMTStart\"=\"1 Server is vulnerable\"\r\n", new UnicodeEncoding(false, true));
                temp.Write("export/other.reg", "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SOFTWARE\\Other]\r\n");
                temp.Write("export/readme.json", "{\"name\": \"not events\", \"version\": 1}");

                var files = Classified(temp.Path);
                Assert.Equal(EvidenceSourceType.IisLog, files[@"export\iis-from-server.txt"]);
                Assert.Equal(EvidenceSourceType.HttpProxyLog, files[@"export\proxy.dat"]);
                Assert.Equal(EvidenceSourceType.EcpServerLog, files[@"export\ecp.bak"]);
                Assert.Equal(EvidenceSourceType.ExportedEvents, files[@"export\events.log"]);
                Assert.Equal(EvidenceSourceType.ExportedEvents, files[@"export\events.txt"]);
                Assert.Equal(EvidenceSourceType.ExportedEvents, files[@"export\utf16-events.out"]);
                Assert.Equal(EvidenceSourceType.HttpProxyLog, files[@"export\proxy-rewritten.csv"]);
                Assert.Equal(EvidenceSourceType.PatchStateExport, files[@"export\patchstate.reg"]);
                Assert.False(files.ContainsKey(@"export\other.reg"));
                Assert.False(files.ContainsKey(@"export\readme.json"));
            }
        }

        [Fact]
        public void A_binary_file_where_a_log_should_be_is_a_warning_and_is_not_read()
        {
            using (var temp = new TempDirectory())
            {
                var path = Path.Combine(temp.Path, "Logging", "HttpProxy", "Owa", "HttpProxy_2021030304-1.LOG");
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllBytes(path, new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00 });
                File.WriteAllBytes(Path.Combine(temp.Path, "random.bin"), Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray());
                var entries = new EvidenceCatalog().Enumerate(temp.Path).ToList();
                Assert.DoesNotContain(entries, e => e.Kind == EvidenceCatalogEntryKind.File);
                var warning = entries.First(e => e.Kind == EvidenceCatalogEntryKind.Warning);
                Assert.Equal(path, warning.Problem!.File);
                Assert.Contains("binary", warning.Problem.Message, StringComparison.Ordinal);
            }
        }

        [Fact]
        public void Empty_folders_and_an_empty_root_are_fine()
        {
            using (var temp = new TempDirectory())
            {
                Directory.CreateDirectory(Path.Combine(temp.Path, "a", "b", "c"));
                Directory.CreateDirectory(Path.Combine(temp.Path, "Logging", "HttpProxy", "Owa"));
                var entries = new EvidenceCatalog().Enumerate(temp.Path).ToList();
                Assert.Equal(new[] { EvidenceCatalogEntryKind.Warning, EvidenceCatalogEntryKind.Root }, entries.Select(e => e.Kind));
                Assert.Contains("No evidence", entries[0].Problem!.Message, StringComparison.Ordinal);
                Assert.Equal(0, entries[1].Root!.FileCount);
                Assert.Null(entries[1].Root!.ExchangeInstallFolder);
            }
        }

        [Fact]
        public void Links_are_not_followed_so_a_loop_ends()
        {
            using (var temp = new TempDirectory())
            {
                var folder = Path.Combine(temp.Path, "inetpub", "wwwroot");
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "iisstart.htm"), "<html/>");
                try
                {
                    Directory.CreateSymbolicLink(Path.Combine(folder, "loop"), temp.Path);
                    File.CreateSymbolicLink(Path.Combine(folder, "link.aspx"), Path.Combine(folder, "iisstart.htm"));
                }
                catch (Exception ex) when (ex is UnauthorizedAccessException || ex is IOException || ex is PlatformNotSupportedException)
                {
                    return; // the OS or account cannot create links (Windows without developer mode)
                }

                var entries = new EvidenceCatalog().Enumerate(temp.Path).ToList();
                Assert.Single(entries, e => e.Kind == EvidenceCatalogEntryKind.File);
                Assert.Equal(2, entries.Count(e => e.Kind == EvidenceCatalogEntryKind.Warning && e.Problem!.Message.Contains("not followed", StringComparison.Ordinal)));
            }
        }

        [Fact]
        public void An_unreadable_file_or_folder_is_an_error_and_the_walk_goes_on()
        {
            if (OperatingSystem.IsWindows())
            {
                return; // permissions are set with chmod here
            }

            using (var temp = new TempDirectory())
            {
                var secret = temp.Write("inetpub/logs/LogFiles/W3SVC1/u_ex210303.log", IisLog);
                var locked = Path.Combine(temp.Path, "locked");
                Directory.CreateDirectory(locked);
                temp.Write("locked/u_ex210304.log", IisLog);
                temp.Write("open/u_ex210305.log", IisLog);
                File.SetUnixFileMode(secret, UnixFileMode.None);
                File.SetUnixFileMode(locked, UnixFileMode.None);
                try
                {
                    if (CanRead(secret))
                    {
                        return; // running as root: permissions do not stop reading
                    }

                    var entries = new EvidenceCatalog().Enumerate(temp.Path).ToList();
                    Assert.Contains(entries, e => e.Kind == EvidenceCatalogEntryKind.Error && e.Problem!.File == secret);
                    Assert.Contains(entries, e => e.Kind == EvidenceCatalogEntryKind.Error && e.Problem!.File.StartsWith(locked, StringComparison.Ordinal));
                    Assert.Contains(entries, e => e.Kind == EvidenceCatalogEntryKind.File && e.File!.RelativePath == @"open\u_ex210305.log");
                }
                finally
                {
                    File.SetUnixFileMode(secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                    File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                }
            }
        }

        [Fact]
        public void Roots_can_be_files_missing_or_nested_and_are_walked_once()
        {
            using (var temp = new TempDirectory())
            {
                var log = temp.Write("EXCH01/inetpub/logs/LogFiles/W3SVC1/u_ex210303.log", IisLog);
                var server = Path.Combine(temp.Path, "EXCH01");
                var missing = Path.Combine(temp.Path, "nope");
                var entries = new EvidenceCatalog().Enumerate(new[] { server, Path.Combine(server, "inetpub"), server + Path.DirectorySeparatorChar, missing, log }).ToList();
                Assert.Single(entries, e => e.Kind == EvidenceCatalogEntryKind.File);
                Assert.Equal(3, entries.Count(e => e.Kind == EvidenceCatalogEntryKind.Warning && e.Problem!.Message.Contains("Already covered", StringComparison.Ordinal)));
                Assert.Contains(entries, e => e.Kind == EvidenceCatalogEntryKind.Error && e.Problem!.File == missing);

                var single = new EvidenceCatalog().Enumerate(log).ToList();
                var file = single.Single(e => e.Kind == EvidenceCatalogEntryKind.File).File!;
                Assert.Equal("u_ex210303.log", file.RelativePath);
                Assert.Equal(EvidenceSourceType.IisLog, file.SourceType);
                Assert.True(single.Single(e => e.Kind == EvidenceCatalogEntryKind.Root).Root!.IsFile);
            }
        }

        [Fact]
        public void Other_files_are_streamed_only_when_asked()
        {
            using (var temp = new TempDirectory())
            {
                temp.Write("notes.txt", "just notes");
                var entries = new EvidenceCatalog(new EvidenceCatalogOptions { IncludeOther = true }).Enumerate(temp.Path).ToList();
                Assert.Equal(EvidenceSourceType.Other, entries.Single(e => e.Kind == EvidenceCatalogEntryKind.File).File!.SourceType);
            }
        }

        [Fact]
        public void Event_log_files_get_a_hint_to_export_them()
        {
            using (var temp = new TempDirectory())
            {
                File.WriteAllBytes(Path.Combine(temp.Path, "Application.evtx"), Encoding.ASCII.GetBytes("ElfFile\0\0\0"));
                var entries = new EvidenceCatalog().Enumerate(temp.Path).ToList();
                Assert.Contains(entries, e => e.Kind == EvidenceCatalogEntryKind.Warning && e.Problem!.Message.Contains("Get-WinEvent", StringComparison.Ordinal));
            }
        }

        private static Dictionary<string, EvidenceSourceType> Classified(string root) =>
            new EvidenceCatalog().Enumerate(root).Where(e => e.Kind == EvidenceCatalogEntryKind.File).ToDictionary(e => e.File!.RelativePath, e => e.File!.SourceType);

        private static bool CanRead(string path)
        {
            try
            {
                File.ReadAllBytes(path);
                return true;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        }
    }
}
