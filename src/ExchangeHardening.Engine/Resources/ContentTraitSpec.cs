using System.Collections.Generic;
using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Resources
{
    /// <summary>
    /// One content test of a file indicator (spec.contentTraits). It holds when the file starts with
    /// <see cref="StartsWithHex"/> (if given) and contains one of <see cref="AnyOf"/> or matches <see cref="Pattern"/>
    /// (if either is given).
    /// </summary>
    public sealed class ContentTraitSpec : LocatedNode
    {
        /// <summary>What the trait is, for the finding's evidence ("JScript page language").</summary>
        public string? Name { get; set; }

        /// <summary>Literals, compared case-insensitively (ASCII) in the file's bytes as UTF-8/ANSI and as UTF-16LE.</summary>
        public List<string>? AnyOf { get; set; }

        /// <summary>A .NET regular expression tested on the decoded text (case-insensitive, run with a timeout).</summary>
        public string? Pattern { get; set; }

        /// <summary>The first bytes of the file as hex, spaces allowed ("21 42 44 4E").</summary>
        public string? StartsWithHex { get; set; }
    }
}
