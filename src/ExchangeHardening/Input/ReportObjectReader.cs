using System;
using System.Globalization;
using System.Linq;
using System.Management.Automation;

namespace ExchangeHardening.Input
{
    /// <summary>
    /// Turns what reaches Export-ExchangeHardeningReport back into the module's output types: live objects as they
    /// are, and the property bags of remoting, Import-Clixml or ConvertFrom-Json by their type name or, when JSON lost
    /// it, by their shape. Enum values are read by name or by number (Windows PowerShell 5.1's ConvertTo-Json writes numbers).
    /// </summary>
    internal static class ReportObjectReader
    {
        public static bool TryRead(object input, out object? result, out string error)
        {
            result = null;
            error = string.Empty;
            var value = PowerShellValue.Unwrap(input);
            switch (value)
            {
                case ExposureRecord _:
                case ServerExposureSummary _:
                case EmergencyMitigationResult _:
                case Finding _:
                    result = value;
                    return true;
            }

            try
            {
                switch (KindOf(input))
                {
                    case nameof(ServerExposureSummary):
                        result = ReadSummary(input);
                        return true;
                    case nameof(ExposureRecord):
                        result = ReadRecord(input);
                        return true;
                    case nameof(EmergencyMitigationResult):
                        result = ReadEmergencyMitigation(input);
                        return true;
                    case nameof(Finding):
                        result = ReadFinding(input);
                        return true;
                }
            }
            catch (FormatException ex)
            {
                error = $"{Describe(input)}: {ex.Message}";
                return false;
            }

            error = value is bool
                ? "A true/false value cannot be reported: it does not name its server. Pipe Test-EmergencyMitigation without -Quiet."
                : $"{Describe(input)} is not output of Get-ExchangeExposure, Test-EmergencyMitigation or Invoke-EomtReview (expected ExposureRecord, ServerExposureSummary, EmergencyMitigationResult or Finding).";
            return false;
        }

        private static string? KindOf(object input)
        {
            foreach (var typeName in PSObject.AsPSObject(input).TypeNames)
            {
                var name = typeName.StartsWith("Deserialized.", StringComparison.Ordinal) ? typeName.Substring("Deserialized.".Length) : typeName;
                if (name.StartsWith("ExchangeHardening.", StringComparison.Ordinal))
                {
                    var kind = name.Substring("ExchangeHardening.".Length);
                    if (kind == nameof(ServerExposureSummary) || kind == nameof(ExposureRecord) || kind == nameof(EmergencyMitigationResult) || kind == nameof(Finding))
                    {
                        return kind;
                    }
                }
            }

            // ConvertFrom-Json keeps no type name: recognise each type by properties only it has.
            bool Has(params string[] names) => names.All(n => PowerShellValue.HasProperty(input, n));
            if (Has("Server", "Level", "VulnerableCount"))
            {
                return nameof(ServerExposureSummary);
            }

            if (Has("Server", "AdvisoryId", "Cve", "Status"))
            {
                return nameof(ExposureRecord);
            }

            if (Has("Server", "Checks", "Passed"))
            {
                return nameof(EmergencyMitigationResult);
            }

            return Has("Server", "RuleId", "Category", "Severity") ? nameof(Finding) : null;
        }

        private static ServerExposureSummary ReadSummary(object input) => new ServerExposureSummary
        {
            Server = Required(input, "Server"),
            ProductName = Text(input, "ProductName"),
            CumulativeUpdate = Text(input, "CumulativeUpdate"),
            SecurityUpdate = Text(input, "SecurityUpdate"),
            Build = Text(input, "Build"),
            Supported = PowerShellValue.Boolean(PowerShellValue.Property(input, "Supported")) ?? true,
            EndOfSupport = Time(input, "EndOfSupport")?.DateTime,
            LatestUpdate = Text(input, "LatestUpdate"),
            VulnerableCount = (int)Number(input, "VulnerableCount"),
            ExploitedCount = (int)Number(input, "ExploitedCount"),
            UnknownCount = (int)Number(input, "UnknownCount"),
            Level = Enum<ExposureLevel>(input, "Level", required: true),
        };

        private static ExposureRecord ReadRecord(object input) => new ExposureRecord
        {
            Server = Required(input, "Server"),
            Product = Text(input, "Product"),
            ProductName = Text(input, "ProductName"),
            CumulativeUpdate = Text(input, "CumulativeUpdate"),
            SecurityUpdate = Text(input, "SecurityUpdate"),
            Build = Text(input, "Build"),
            BuildSource = Enum<BuildSource>(input, "BuildSource", required: false),
            AdvisoryId = Text(input, "AdvisoryId"),
            Cve = Text(input, "Cve"),
            Title = Text(input, "Title"),
            Severity = Enum<Severity>(input, "Severity", required: false),
            Exploited = PowerShellValue.Boolean(PowerShellValue.Property(input, "Exploited")) ?? false,
            Status = Enum<ExposureStatus>(input, "Status", required: true),
            FixedIn = Text(input, "FixedIn"),
            Reason = Text(input, "Reason"),
            Recommendation = Text(input, "Recommendation"),
            Link = Text(input, "Link"),
        };

        private static EmergencyMitigationResult ReadEmergencyMitigation(object input) => new EmergencyMitigationResult
        {
            Server = Required(input, "Server"),
            Build = Text(input, "Build"),
            Supported = PowerShellValue.Boolean(PowerShellValue.Property(input, "Supported")) ?? true,
            Enabled = PowerShellValue.Boolean(PowerShellValue.Property(input, "Enabled")),
            ServiceState = PowerShellValue.PropertyText(input, "ServiceState") ?? "Unknown",
            EndpointReachable = PowerShellValue.Boolean(PowerShellValue.Property(input, "EndpointReachable")),
            UrlRewriteInstalled = PowerShellValue.Boolean(PowerShellValue.Property(input, "UrlRewriteInstalled")),
            MitigationsApplied = PowerShellValue.Strings(PowerShellValue.Property(input, "MitigationsApplied")),
            MitigationsBlocked = PowerShellValue.Strings(PowerShellValue.Property(input, "MitigationsBlocked")),
            StaleMitigations = PowerShellValue.Strings(PowerShellValue.Property(input, "StaleMitigations")),
            MissingMitigations = PowerShellValue.Strings(PowerShellValue.Property(input, "MissingMitigations")),
            Checks = PowerShellValue.Items(PowerShellValue.Property(input, "Checks")).Select(ReadCheck).ToArray(),
            Passed = PowerShellValue.Boolean(PowerShellValue.Property(input, "Passed"))
                ?? throw new FormatException("the property Passed is missing or not true/false."),
        };

        /// <summary>A check serialized deeper than its depth arrives as its ToString, "Name: Outcome".</summary>
        private static CheckResult ReadCheck(object item)
        {
            if (PowerShellValue.Unwrap(item) is CheckResult live)
            {
                return live;
            }

            if (PowerShellValue.Unwrap(item) is string text)
            {
                var colon = text.LastIndexOf(": ", StringComparison.Ordinal);
                if (colon > 0 && System.Enum.TryParse<CheckOutcome>(text.Substring(colon + 2), out var outcome))
                {
                    return new CheckResult(text.Substring(0, colon), outcome, string.Empty, string.Empty);
                }

                throw new FormatException($"the check '{text}' has no outcome.");
            }

            return new CheckResult(Text(item, "Name"), Enum<CheckOutcome>(item, "Outcome", required: true), Text(item, "Detail"), Text(item, "Recommendation"));
        }

        private static Finding ReadFinding(object input) => new Finding
        {
            Server = Required(input, "Server"),
            Category = Enum<FindingCategory>(input, "Category", required: true),
            RuleId = Text(input, "RuleId"),
            Title = Text(input, "Title"),
            Severity = Enum<Severity>(input, "Severity", required: true),
            Confidence = Enum<Confidence>(input, "Confidence", required: false),
            Cve = Text(input, "Cve"),
            Timestamp = Time(input, "Timestamp"),
            ClientIp = Text(input, "ClientIp"),
            Path = Text(input, "Path"),
            Line = Number(input, "Line"),
            Evidence = Text(input, "Evidence"),
            Recommendation = Text(input, "Recommendation"),
        };

        private static string Text(object input, string name) => PowerShellValue.PropertyText(input, name) ?? string.Empty;

        private static string Required(object input, string name) =>
            PowerShellValue.PropertyText(input, name) ?? throw new FormatException($"the property {name} is missing or empty.");

        private static T Enum<T>(object input, string name, bool required)
            where T : struct
        {
            var text = PowerShellValue.PropertyText(input, name);
            if (text == null)
            {
                return required ? throw new FormatException($"the property {name} is missing.") : default;
            }

            if (System.Enum.TryParse<T>(text.Trim(), ignoreCase: true, out var value) && System.Enum.IsDefined(typeof(T), value))
            {
                return value;
            }

            throw new FormatException($"the property {name} is '{text}', expected one of {string.Join(", ", System.Enum.GetNames(typeof(T)))}.");
        }

        private static long Number(object input, string name)
        {
            var value = PowerShellValue.Property(input, name);
            if (value == null)
            {
                return 0;
            }

            try
            {
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is InvalidCastException || ex is FormatException || ex is OverflowException)
            {
                throw new FormatException($"the property {name} is '{value}', expected a whole number.");
            }
        }

        /// <summary>A DateTimeOffset arrives live, as a DateTime (ConvertFrom-Json), or as text (deserialized).</summary>
        private static DateTimeOffset? Time(object input, string name)
        {
            switch (PowerShellValue.Property(input, name))
            {
                case null:
                    return null;
                case DateTimeOffset offset:
                    return offset;
                case DateTime time:
                    return time.Kind == DateTimeKind.Unspecified ? new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)) : new DateTimeOffset(time);
                case object bag when PowerShellValue.Property(bag, "UtcDateTime") is DateTime utc:
                    // A deserialized DateTimeOffset is a property bag; its ToString drops the fractions of a second.
                    return new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
                default:
                    var text = PowerShellValue.PropertyText(input, name);
                    if (text == null)
                    {
                        return null;
                    }

                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
                        || DateTimeOffset.TryParse(text, CultureInfo.CurrentCulture, DateTimeStyles.AssumeUniversal, out parsed))
                    {
                        return parsed;
                    }

                    throw new FormatException($"the property {name} is '{text}', expected a date and time.");
            }
        }

        private static string Describe(object input)
        {
            var typeName = PSObject.AsPSObject(input).TypeNames.FirstOrDefault() ?? input.GetType().FullName;
            var server = PowerShellValue.PropertyText(input, "Server");
            return server == null ? $"An object of type {typeName}" : $"The {typeName} of server '{server}'";
        }
    }
}
