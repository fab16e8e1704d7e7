using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace ExchangeHardening.Bench
{
    /// <summary>
    /// Writes a deterministic synthetic evidence tree in the real formats (HttpProxy logs with the 74-field header,
    /// IIS W3C logs) with planted indicator lines at known places, for the log-hunting benchmark. Compiled by the
    /// benchmark script with Add-Type; not part of the module.
    /// </summary>
    public static class CorpusGenerator
    {
        private const string HttpProxyFields = "DateTime,RequestId,MajorVersion,MinorVersion,BuildVersion,RevisionVersion,ClientRequestId,Protocol,UrlHost,UrlStem,ProtocolAction,AuthenticationType,IsAuthenticated,AuthenticatedUser,Organization,AnchorMailbox,UserAgent,ClientIpAddress,ServerHostName,HttpStatus,BackEndStatus,ErrorCode,Method,ProxyAction,TargetServer,TargetServerVersion,RoutingType,RoutingHint,BackEndCookie,ServerLocatorHost,ServerLocatorLatency,RequestBytes,ResponseBytes,TargetOutstandingRequests,AuthModulePerfContext,HttpPipelineLatency,CalculateTargetBackEndLatency,GlsLatencyBreakup,TotalGlsLatency,AccountForestLatencyBreakup,TotalAccountForestLatency,ResourceForestLatencyBreakup,TotalResourceForestLatency,ADLatency,SharedCacheLatencyBreakup,TotalSharedCacheLatency,ActivityContextLifeTime,ModuleToHandlerSwitchingLatency,ClientReqStreamLatency,BackendReqInitLatency,BackendReqStreamLatency,BackendProcessingLatency,BackendRespInitLatency,BackendRespStreamLatency,ClientRespStreamLatency,KerberosAuthHeaderLatency,HandlerCompletionLatency,RequestHandlerLatency,HandlerToModuleSwitchingLatency,ProxyTime,CoreLatency,RoutingLatency,HttpProxyOverhead,TotalRequestTime,RouteRefresherLatency,UrlQuery,BackEndGenericInfo,GenericInfo,GenericErrors,EdgeTraceId,DatabaseGuid,UserADObjectGuid,PartitionEndpointLookupLatency,RoutingStatus";

        /// <summary>Writes about <paramref name="megabytes"/> MB under <paramref name="root"/>; returns the planted lines as "kind|relative path|line".</summary>
        public static List<string> Generate(string root, int megabytes, int filesPerKind)
        {
            var planted = new List<string>();
            var random = new Random(20210302);
            var bytesPerFile = (long)megabytes * 1024 * 1024 / (2 * filesPerKind);
            var start = new DateTime(2021, 3, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < filesPerKind; i++)
            {
                var proxy = Path.Combine(root, "Logging", "HttpProxy", "Ecp", string.Format(CultureInfo.InvariantCulture, "HttpProxy_20210301{0:00}-1.LOG", i % 24));
                if (i >= 24)
                {
                    proxy = proxy.Replace("-1.LOG", "-" + (i / 24 + 1).ToString(CultureInfo.InvariantCulture) + ".LOG");
                }

                WriteHttpProxy(proxy, root, bytesPerFile, start.AddHours(i), random, planted);
                var iis = Path.Combine(root, "inetpub", "logs", "LogFiles", "W3SVC1", string.Format(CultureInfo.InvariantCulture, "u_ex2103{0:00}{1:00}.log", 1 + i / 24, i % 24));
                WriteIis(iis, root, bytesPerFile, start.AddHours(i), random, planted);
            }

            return planted;
        }

        private static void WriteHttpProxy(string path, string root, long size, DateTime time, Random random, List<string> planted)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
            {
                writer.Write("#Software: Microsoft Exchange Server\r\n#Version: 15.01.2176.002\r\n#Log-type: HttpProxy Logs\r\n");
                writer.Write("#Date: " + time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) + "\r\n");
                writer.Write("#Fields: " + HttpProxyFields + "\r\n");
                long written = 0;
                var line = 5;
                var empty = new string(',', 44);
                while (written < size)
                {
                    line++;
                    time = time.AddMilliseconds(random.Next(5, 400));
                    string text;
                    if (line % 20011 == 0)
                    {
                        // ProxyLogon SSRF shape: ServerInfo~ anchor with a path, nobody authenticated.
                        text = Row(time, random, "Ecp", "/ecp/y.js", "false", string.Empty, "ServerInfo~exch01.example.test/ecp/bench.flt?", "203.0.113." + random.Next(1, 250), "200", empty);
                        planted.Add("EXH-PL-001|" + Relative(root, path) + "|" + line.ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        var user = "EXAMPLE\\user" + random.Next(1, 500).ToString(CultureInfo.InvariantCulture);
                        text = Row(time, random, "Ecp", random.Next(2) == 0 ? "/ecp/default.aspx" : "/ecp/DDI/DDIService.svc/GetList", "true", user, "Sid~S-1-5-21-1000-1000-1000-" + random.Next(1000, 9000).ToString(CultureInfo.InvariantCulture), "192.0.2." + random.Next(1, 250), "200", empty);
                    }

                    writer.Write(text);
                    writer.Write("\r\n");
                    written += text.Length + 2;
                }
            }
        }

        private static string Row(DateTime time, Random random, string protocol, string stem, string isAuthenticated, string user, string anchor, string ip, string status, string unused)
        {
            // One value per #Fields name (74), filled by position so the row always matches the header.
            var values = new string[74];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = string.Empty;
            }

            var stamp = time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            values[0] = stamp;
            values[1] = Guid(random);
            values[2] = "15";
            values[3] = "1";
            values[4] = "2176";
            values[5] = "2";
            values[7] = protocol;
            values[8] = "mail.example.test";
            values[9] = stem;
            values[11] = "NTLM";
            values[12] = isAuthenticated;
            values[13] = user;
            values[15] = anchor;
            values[16] = "Mozilla/5.0 (Windows NT 10.0; Win64; x64)";
            values[17] = ip;
            values[18] = "EXCH01";
            values[19] = status;
            values[20] = "200";
            values[22] = "GET";
            values[23] = "Proxy";
            values[24] = "exch01.example.test";
            values[25] = "Version 15.1 (Build 2176.2)";
            values[26] = "IntraForest";
            values[27] = "Sid";
            values[67] = "BeginRequest=" + stamp + ";CorrelationID=<empty>;";
            values[73] = "CafeV1";
            return string.Join(",", values);
        }

        private static void WriteIis(string path, string root, long size, DateTime time, Random random, List<string> planted)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using (var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16))
            {
                writer.Write("#Software: Microsoft Internet Information Services 10.0\r\n#Version: 1.0\r\n");
                writer.Write("#Date: " + time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + "\r\n");
                writer.Write("#Fields: date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken\r\n");
                long written = 0;
                var line = 4;
                while (written < size)
                {
                    line++;
                    time = time.AddMilliseconds(random.Next(5, 400));
                    var stamp = time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                    string text;
                    if (line % 20011 == 0)
                    {
                        // ProxyShell autodiscover SSRF shape with success status.
                        text = stamp + " 192.0.2.10 GET /autodiscover/autodiscover.json @evil.example/powershell/?X-Rps-CAT=bench&Email=autodiscover/autodiscover.json%3F@evil.example 443 - 203.0.113." + random.Next(1, 250).ToString(CultureInfo.InvariantCulture) + " python-requests/2.25.1 - 200 0 0 15";
                        planted.Add("EXH-PS-001|" + Relative(root, path) + "|" + line.ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text = stamp + " 192.0.2.10 GET /owa/service.svc action=GetItem&UA=0&app=Mail&n=" + random.Next(1, 99999).ToString(CultureInfo.InvariantCulture)
                            + " 443 EXAMPLE\\user" + random.Next(1, 500).ToString(CultureInfo.InvariantCulture) + " 192.0.2." + random.Next(1, 250).ToString(CultureInfo.InvariantCulture)
                            + " Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64)+AppleWebKit/537.36+(KHTML,+like+Gecko)+Chrome/120.0.0.0+Safari/537.36 - 200 0 0 " + random.Next(1, 300).ToString(CultureInfo.InvariantCulture);
                    }

                    writer.Write(text);
                    writer.Write("\r\n");
                    written += text.Length + 2;
                }
            }
        }

        private static string Guid(Random random)
        {
            var bytes = new byte[16];
            random.NextBytes(bytes);
            return new System.Guid(bytes).ToString();
        }

        private static string Relative(string root, string path) => path.Substring(root.Length).TrimStart('/', '\\').Replace('/', '\\');
    }
}
