using System;
using System.IO;
using System.Reflection;

namespace ExchangeHardening.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1: resolves the engine and its dependencies from the Dependencies folder.
    /// Strong-named assemblies of another version (another module's YamlDotNet) stay separate, because
    /// .NET Framework keys loaded assemblies by full identity.
    /// </summary>
    internal static class SideBySideResolver
    {
        public static Assembly? Resolve(object? sender, ResolveEventArgs args)
        {
            var requested = new AssemblyName(args.Name);
            var path = Path.Combine(ModuleInitializer.DependencyDirectory, requested.Name + ".dll");
            if (!File.Exists(path))
            {
                path = Path.Combine(ModuleInitializer.ModuleDirectory, requested.Name + ".dll");
                if (!File.Exists(path) || !requested.Name.StartsWith("ExchangeHardening.", StringComparison.Ordinal))
                {
                    return null;
                }
            }

            var candidate = AssemblyName.GetAssemblyName(path);
            if (requested.Version != null && candidate.Version != null && candidate.Version < requested.Version)
            {
                return null; // ours is older than what is asked for: not ours to answer
            }

            return Assembly.LoadFrom(path);
        }
    }
}
