using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace ExchangeHardening.LoadContext
{
    /// <summary>
    /// A private load context for the engine and its third-party dependencies (YamlDotNet, ...), so they
    /// never meet the versions other modules loaded into PowerShell's default context.
    /// </summary>
    public sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string dependencyDirectory;

        public DependencyLoadContext(string dependencyDirectory)
            : base("ExchangeHardening", isCollectible: false)
        {
            this.dependencyDirectory = dependencyDirectory;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Our own copies win; everything else (the framework, PowerShell) comes from the default context.
            var path = Path.Combine(dependencyDirectory, assemblyName.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
