using System;
using System.Reflection;
using System.Runtime.Loader;

namespace ExchangeHardening.LoadContext
{
    /// <summary>
    /// Called by the module initializer on PowerShell 7. The cmdlet assembly lives in the default context
    /// and references the engine by name; when the default context cannot find the engine, this handler
    /// hands over the engine loaded in the private context, and the engine's own dependencies resolve there.
    /// </summary>
    public static class LoadContextBootstrap
    {
        private const string EngineAssemblyName = "ExchangeHardening.Engine";
        private static readonly object Gate = new object();
        private static DependencyLoadContext? context;

        public static void Initialize(string dependencyDirectory)
        {
            lock (Gate)
            {
                if (context != null)
                {
                    return; // imported again in the same process: the handler is already in place
                }

                context = new DependencyLoadContext(dependencyDirectory);
                AssemblyLoadContext.Default.Resolving += ResolveEngine;
            }
        }

        public static string? ContextName => context?.Name;

        private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName assemblyName)
        {
            if (context == null || !string.Equals(assemblyName.Name, EngineAssemblyName, StringComparison.Ordinal))
            {
                return null;
            }

            return context.LoadFromAssemblyName(assemblyName);
        }
    }
}
