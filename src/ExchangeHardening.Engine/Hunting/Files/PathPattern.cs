using System;
using System.Collections.Generic;
using System.Linq;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>
    /// A folder pattern of the indicator data ('FrontEnd\HttpProxy\owa\auth', 'inetpub\wwwroot\aspnet_client\**').
    /// It matches a folder whose trailing segments equal the pattern's, starting at any segment, because evidence may
    /// be a copy of the server's tree under any root; a last segment '**' also admits every subfolder.
    /// </summary>
    internal sealed class PathPattern
    {
        private static readonly char[] Separators = { '\\', '/' };
        private readonly WildcardPattern[] segments;
        private readonly bool includesSubfolders;
        private readonly string text;

        public PathPattern(string text)
        {
            this.text = text;
            var parts = Split(text);
            includesSubfolders = parts.Length > 0 && parts[parts.Length - 1] == "**";
            segments = (includesSubfolders ? parts.Take(parts.Length - 1) : parts).Select(s => new WildcardPattern(s)).ToArray();
        }

        /// <summary>True for a one-folder shape ('ProgramData', 'root\**'): too common a name to trust above the evidence root.</summary>
        public bool IsSingleFolder => segments.Length == 1;

        public override string ToString() => text;

        /// <summary>Splits a path on either separator, dropping empty segments.</summary>
        public static string[] Split(string path) => path.Split(Separators, StringSplitOptions.RemoveEmptyEntries);

        public bool MatchesFolder(IReadOnlyList<string> folder)
        {
            if (segments.Length == 0)
            {
                return true;
            }

            for (var start = 0; start + segments.Length <= folder.Count; start++)
            {
                if (!includesSubfolders && start + segments.Length != folder.Count)
                {
                    continue;
                }

                var all = true;
                for (var i = 0; i < segments.Length && all; i++)
                {
                    all = segments[i].IsMatch(folder[start + i]);
                }

                if (all)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
