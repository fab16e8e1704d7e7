namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>An analyzer that needs the whole set of its files before it can judge (IIS configuration: a child
    /// web.config can remove a parent's rule). <see cref="Complete"/> runs once, after every file was analyzed.</summary>
    public interface IEvidenceSetAnalyzer : IEvidenceAnalyzer
    {
        void Complete(HuntContext context, IFindingSink sink);
    }
}
