namespace ExchangeHardening
{
    /// <summary>Configuration that must hold, besides the build, for a fix to protect.</summary>
    public sealed class ConfigurationRequirement
    {
        public ConfigurationRequirement(ConfigurationCheck check, string description, string[] satisfiedFrom)
        {
            Check = check;
            Description = description;
            SatisfiedFrom = satisfiedFrom;
        }

        public ConfigurationCheck Check { get; }

        public string Description { get; }

        /// <summary>CUs ("Exchange2019 CU10") that carry the configuration themselves: from them on nothing is left to check.</summary>
        public string[] SatisfiedFrom { get; }

        public override string ToString() => Check + ": " + Description;
    }
}
