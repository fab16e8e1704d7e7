namespace ExchangeHardening.Engine.Yaml
{
    /// <summary>A problem found while loading YAML data: what is wrong and exactly where.</summary>
    public sealed class ResourceLoadError
    {
        public ResourceLoadError(SourceLocation location, string message)
        {
            Location = location;
            Message = message;
        }

        public SourceLocation Location { get; }

        public string Message { get; }

        public string File => Location.File;

        public long Line => Location.Line;

        public long Column => Location.Column;

        public override string ToString() => Location + ": " + Message;
    }
}
