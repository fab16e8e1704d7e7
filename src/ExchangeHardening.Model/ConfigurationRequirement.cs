namespace ExchangeHardening
{
    /// <summary>Configuration that must hold, besides the build, for a fix to protect.</summary>
    public sealed class ConfigurationRequirement
    {
        public ConfigurationRequirement(ConfigurationCheck check, string description)
        {
            Check = check;
            Description = description;
        }

        public ConfigurationCheck Check { get; }

        public string Description { get; }

        public override string ToString() => Check + ": " + Description;
    }
}
