namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>One value of HKLM\Software\MSERTBootstrap\PatchState as exported: name, data as text, and its line.</summary>
    internal sealed class PatchStateValue
    {
        public PatchStateValue(string name, string data, long line)
        {
            Name = name;
            Data = data;
            Line = line;
        }

        public string Name { get; }

        /// <summary>EOMT writes strings: "1 &lt;message&gt;" for Info/Notice, "0 &lt;message&gt;" for Error, and Timestamp.</summary>
        public string Data { get; }

        public long Line { get; }

        public override string ToString() => Name + " = \"" + Data + "\"";
    }
}
