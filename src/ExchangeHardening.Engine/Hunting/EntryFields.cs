using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// The field names indicator conditions may use per source type: the log's own columns, and common names that
    /// read the same thing across web logs (Method, Stem, Query, Url, Status, UserAgent, ClientIp, User, Cookie,
    /// Port, Text) or across event producers (Channel, Provider, EventId, Level, Message, Machine, Image,
    /// ParentImage, CommandLine, TargetFilename, Text). One indicator can so cover IIS and HttpProxy logs alike.
    /// </summary>
    internal static class EntryFields
    {
        /// <summary>The HttpProxy columns in order (Exchange 2016 CU22 and later); used when a file has no #Fields.</summary>
        public static readonly IReadOnlyList<string> HttpProxyColumns = new[]
        {
            "DateTime", "RequestId", "MajorVersion", "MinorVersion", "BuildVersion", "RevisionVersion", "ClientRequestId", "Protocol", "UrlHost", "UrlStem",
            "ProtocolAction", "AuthenticationType", "IsAuthenticated", "AuthenticatedUser", "Organization", "AnchorMailbox", "UserAgent", "ClientIpAddress",
            "ServerHostName", "HttpStatus", "BackEndStatus", "ErrorCode", "Method", "ProxyAction", "TargetServer", "TargetServerVersion", "RoutingType",
            "RoutingHint", "BackEndCookie", "ServerLocatorHost", "ServerLocatorLatency", "RequestBytes", "ResponseBytes", "TargetOutstandingRequests",
            "AuthModulePerfContext", "HttpPipelineLatency", "CalculateTargetBackEndLatency", "GlsLatencyBreakup", "TotalGlsLatency",
            "AccountForestLatencyBreakup", "TotalAccountForestLatency", "ResourceForestLatencyBreakup", "TotalResourceForestLatency", "ADLatency",
            "SharedCacheLatencyBreakup", "TotalSharedCacheLatency", "ActivityContextLifeTime", "ModuleToHandlerSwitchingLatency", "ClientReqStreamLatency",
            "BackendReqInitLatency", "BackendReqStreamLatency", "BackendProcessingLatency", "BackendRespInitLatency", "BackendRespStreamLatency",
            "ClientRespStreamLatency", "KerberosAuthHeaderLatency", "HandlerCompletionLatency", "RequestHandlerLatency", "HandlerToModuleSwitchingLatency",
            "ProxyTime", "CoreLatency", "RoutingLatency", "HttpProxyOverhead", "TotalRequestTime", "RouteRefresherLatency", "UrlQuery", "BackEndGenericInfo",
            "GenericInfo", "GenericErrors", "EdgeTraceId", "DatabaseGuid", "UserADObjectGuid", "PartitionEndpointLookupLatency", "RoutingStatus",
        };

        /// <summary>The ECP server and activity log columns; used when a file has no #Fields.</summary>
        public static readonly IReadOnlyList<string> EcpColumns = new[] { "TimeStamp", "ServerName", "EventId", "EventData" };

        /// <summary>The IIS default W3C fields (both Exchange sites); used for data lines before any #Fields.</summary>
        public static readonly IReadOnlyList<string> IisDefaultColumns = new[]
        {
            "date", "time", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query", "s-port", "cs-username", "c-ip", "cs(User-Agent)", "cs(Referer)",
            "sc-status", "sc-substatus", "sc-win32-status", "time-taken",
        };

        private static readonly HashSet<string> IisColumns = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "date", "time", "s-sitename", "s-computername", "s-ip", "cs-method", "cs-uri-stem", "cs-uri-query", "s-port", "cs-username", "c-ip",
            "cs-version", "cs(User-Agent)", "cs(Cookie)", "cs(Referer)", "cs-host", "sc-status", "sc-substatus", "sc-win32-status", "sc-bytes",
            "cs-bytes", "time-taken",
        };

        // Custom IIS fields: request or response headers and server variables, e.g. cs(X-Forwarded-For).
        private static readonly Regex IisCustomColumn = new Regex(@"^(cs|sc|s|c)\([^()]+\)$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly HashSet<string> HttpProxyColumnSet = new HashSet<string>(HttpProxyColumns, StringComparer.OrdinalIgnoreCase);

        private static readonly HashSet<string> EcpColumnSet = new HashSet<string>(EcpColumns, StringComparer.OrdinalIgnoreCase);

        private static readonly Dictionary<string, EntryFieldKind> EventProperties = new Dictionary<string, EntryFieldKind>(StringComparer.OrdinalIgnoreCase)
        {
            ["Channel"] = EntryFieldKind.Channel,
            ["Provider"] = EntryFieldKind.Provider,
            ["EventId"] = EntryFieldKind.EventId,
            ["Level"] = EntryFieldKind.Level,
            ["Message"] = EntryFieldKind.Message,
            ["Machine"] = EntryFieldKind.Machine,
            ["Image"] = EntryFieldKind.Image,
            ["ParentImage"] = EntryFieldKind.ParentImage,
            ["CommandLine"] = EntryFieldKind.CommandLine,
            ["TargetFilename"] = EntryFieldKind.TargetFilename,
            ["Text"] = EntryFieldKind.Text,
        };

        /// <summary>The source types whose entries indicators test (the others are files, handled elsewhere).</summary>
        public static readonly IReadOnlyList<EvidenceSourceType> EntrySources = new[]
        {
            EvidenceSourceType.HttpProxyLog, EvidenceSourceType.IisLog, EvidenceSourceType.EcpServerLog, EvidenceSourceType.EcpActivityLog,
            EvidenceSourceType.OabGeneratorLog, EvidenceSourceType.ExportedEvents,
        };

        /// <summary>The line-based log sources (literal prefilters are required for them).</summary>
        public static bool IsLineSource(EvidenceSourceType source) => EntrySources.Contains(source) && source != EvidenceSourceType.ExportedEvents;

        public static bool IsEntrySource(EvidenceSourceType source) => EntrySources.Contains(source);

        /// <summary>
        /// How <paramref name="name"/> is read in <paramref name="source"/>: its kind and the column it maps to; false when
        /// the source has no such field. Sources this class does not know accept any name as native.
        /// </summary>
        public static bool TryResolve(EvidenceSourceType source, string name, out EntryFieldKind kind, out string nativeName)
        {
            kind = EntryFieldKind.Native;
            nativeName = name;
            if (name.Equals("Text", StringComparison.OrdinalIgnoreCase))
            {
                kind = EntryFieldKind.Text;
                return true;
            }

            switch (source)
            {
                case EvidenceSourceType.HttpProxyLog:
                    return Web(name, "Method", "UrlStem", "UrlQuery", "HttpStatus", "UserAgent", "ClientIpAddress", "AuthenticatedUser", null, null, ref kind, ref nativeName)
                        || HttpProxyColumnSet.Contains(name);
                case EvidenceSourceType.IisLog:
                    return Web(name, "cs-method", "cs-uri-stem", "cs-uri-query", "sc-status", "cs(User-Agent)", "c-ip", "cs-username", "cs(Cookie)", "s-port", ref kind, ref nativeName)
                        || IisColumns.Contains(name) || IisCustomColumn.IsMatch(name);
                case EvidenceSourceType.EcpServerLog:
                case EvidenceSourceType.EcpActivityLog:
                    return EcpColumnSet.Contains(name);
                case EvidenceSourceType.OabGeneratorLog:
                    return false; // column layout unknown: only Text
                case EvidenceSourceType.ExportedEvents:
                    if (EventProperties.TryGetValue(name, out var property))
                    {
                        kind = property;
                    }

                    return true; // any flattened event-data field
                default:
                    return true;
            }
        }

        /// <summary>The names a source offers beyond its own columns, for error messages.</summary>
        public static string DescribeCommonNames(EvidenceSourceType source)
        {
            switch (source)
            {
                case EvidenceSourceType.HttpProxyLog:
                    return "its #Fields columns, or Method, Stem, Query, Url, Status, UserAgent, ClientIp, User, Text";
                case EvidenceSourceType.IisLog:
                    return "its W3C fields (cs-uri-stem, cs(Cookie), ...), or Method, Stem, Query, Url, Status, UserAgent, ClientIp, User, Cookie, Port, Text";
                case EvidenceSourceType.EcpServerLog:
                case EvidenceSourceType.EcpActivityLog:
                    return "TimeStamp, ServerName, EventId, EventData, Text";
                case EvidenceSourceType.OabGeneratorLog:
                    return "Text (the column layout of OABGenerator logs is not documented)";
                default:
                    return "any field";
            }
        }

        private static bool Web(string name, string method, string stem, string query, string status, string userAgent, string clientIp, string user, string? cookie, string? port, ref EntryFieldKind kind, ref string nativeName)
        {
            string? column = null;
            switch (name.ToUpperInvariant())
            {
                case "METHOD":
                    column = method;
                    break;
                case "STEM":
                    column = stem;
                    break;
                case "QUERY":
                    column = query;
                    break;
                case "STATUS":
                    column = status;
                    break;
                case "USERAGENT":
                    column = userAgent;
                    break;
                case "CLIENTIP":
                    column = clientIp;
                    break;
                case "USER":
                    column = user;
                    break;
                case "COOKIE":
                    column = cookie;
                    break;
                case "PORT":
                    column = port;
                    break;
                case "URL":
                    kind = EntryFieldKind.Url;
                    return true;
            }

            if (column == null)
            {
                return false;
            }

            nativeName = column;
            return true;
        }
    }
}
