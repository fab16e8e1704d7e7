using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// A virtual directory's physicalPath as folder segments, with the environment variables IIS accepts there
    /// expanded to the folders they stand for on a default Windows install, so that '%ProgramData%\COM' and
    /// 'C:\ProgramData\COM' both end in ProgramData\COM.
    /// </summary>
    internal static class PhysicalPathFolder
    {
        private static readonly Dictionary<string, string[]> Variables = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
        {
            ["%SystemDrive%"] = Array.Empty<string>(),
            ["%ProgramData%"] = new[] { "ProgramData" },
            ["%ALLUSERSPROFILE%"] = new[] { "ProgramData" },
            ["%PUBLIC%"] = new[] { "Users", "Public" },
            ["%USERPROFILE%"] = new[] { "Users", "%USERNAME%" },
            ["%SystemRoot%"] = new[] { "Windows" },
            ["%windir%"] = new[] { "Windows" },
            ["%TEMP%"] = new[] { "Windows", "Temp" },
            ["%TMP%"] = new[] { "Windows", "Temp" },
        };

        public static IReadOnlyList<string> Segments(string physicalPath)
        {
            var result = new List<string>();
            foreach (var segment in PathPattern.Split(physicalPath.Trim().Trim('"')))
            {
                if (Variables.TryGetValue(segment, out var expansion))
                {
                    result.AddRange(expansion);
                }
                else if (!(result.Count == 0 && segment.EndsWith(":", StringComparison.Ordinal)))
                {
                    result.Add(segment);
                }
            }

            return result.ToList();
        }
    }
}
