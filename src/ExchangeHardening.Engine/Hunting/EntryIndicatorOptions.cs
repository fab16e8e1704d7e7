using System;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>What compiling entry indicators needs to know beyond the YAML.</summary>
    public sealed class EntryIndicatorOptions
    {
        /// <summary>
        /// The server's Exchange installation folder as the server sees it (e.g. <c>C:\Program Files\Microsoft\Exchange
        /// Server\V15\</c>), substituted for <c>{ExchangeInstallPath}</c> in patterns; null: any folder.
        /// </summary>
        public string? ExchangeInstallPath { get; set; }

        /// <summary>Longest time one regular expression may take on one value. Default 250 ms.</summary>
        public TimeSpan RegexTimeout { get; set; } = TimeSpan.FromMilliseconds(250);
    }
}
