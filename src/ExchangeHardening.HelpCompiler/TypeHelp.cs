using System.Collections.Generic;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>A "### TypeName" entry of INPUTS or OUTPUTS.</summary>
    internal sealed class TypeHelp
    {
        public TypeHelp(string typeName)
        {
            TypeName = typeName;
        }

        public string TypeName { get; }

        public List<string> Description { get; } = new List<string>();
    }
}
