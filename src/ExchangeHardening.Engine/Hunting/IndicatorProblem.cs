using ExchangeHardening.Engine.Yaml;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>Something wrong with an Indicator resource, and the YAML node it is about (for file:line:column).</summary>
    internal sealed class IndicatorProblem
    {
        public IndicatorProblem(LocatedNode node, string message)
        {
            Node = node;
            Message = message;
        }

        public LocatedNode Node { get; }

        public string Message { get; }
    }
}
