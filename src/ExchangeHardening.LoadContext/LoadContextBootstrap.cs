using System;
using System.IO;
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
        private const string ModelAssemblyName = "ExchangeHardening.Model";
        private static readonly object Gate = new object();
        private static DependencyLoadContext? context;
        private static string moduleDirectory = string.Empty;

        public static void Initialize(string dependencyDirectory, string moduleDirectoryPath)
        {
            lock (Gate)
            {
                if (context != null)
                {
                    return; // imported again in the same process: the handler is already in place
                }

                moduleDirectory = moduleDirectoryPath;
                context = new DependencyLoadContext(dependencyDirectory);
                AssemblyLoadContext.Default.Resolving += ResolveEngine;
            }
        }

        public static string? ContextName => context?.Name;

        private static Assembly? ResolveEngine(AssemblyLoadContext defaultContext, AssemblyName assemblyName)
        {
            if (context == null)
            {
                return null;
            }

            if (string.Equals(assemblyName.Name, EngineAssemblyName, StringComparison.Ordinal))
            {
                return context.LoadFromAssemblyName(assemblyName);
            }

            // The output types are shared by the cmdlets and the engine, so they belong to the default context.
            if (string.Equals(assemblyName.Name, ModelAssemblyName, StringComparison.Ordinal))
            {
                var path = Path.Combine(moduleDirectory, ModelAssemblyName + ".dll");
                return File.Exists(path) ? defaultContext.LoadFromAssemblyPath(path) : null;
            }

            return null;
        }
    }
}
