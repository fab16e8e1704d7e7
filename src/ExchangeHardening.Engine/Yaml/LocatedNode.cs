using YamlDotNet.Serialization;

namespace ExchangeHardening.Engine.Yaml
{
    /// <summary>Base of every YAML document class: remembers where its mapping started so that
    /// validation errors found after deserialization can still name line and column.</summary>
    public abstract class LocatedNode
    {
        [YamlIgnore]
        public long Line { get; internal set; }

        [YamlIgnore]
        public long Column { get; internal set; }

        internal SourceLocation LocationIn(string file) => new SourceLocation(file, Line, Column);
    }
}
