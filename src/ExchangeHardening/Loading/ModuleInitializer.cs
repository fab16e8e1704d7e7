using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace ExchangeHardening.Loading
{
    /// <summary>
    /// Runs when the module is imported, before any cmdlet touches the engine. The engine and its
    /// third-party dependencies sit in Dependencies/Core and Dependencies/Desktop, out of PowerShell's probing path:
    /// on PowerShell 7 they load into a private AssemblyLoadContext (Core/ExchangeHardening.LoadContext.dll);
    /// on Windows PowerShell 5.1 they load side by side from that folder, resolved by strong name.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer
    {
        private const string LoadContextAssembly = "ExchangeHardening.LoadContext.dll";
        private const string BootstrapType = "ExchangeHardening.LoadContext.LoadContextBootstrap";
        private static readonly object Gate = new object();
        private static bool initialized;

        public static string ModuleDirectory { get; } = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? ".";

        /// <summary>True on .NET (Core), where assembly load contexts exist; false on .NET Framework.</summary>
        public static bool IsCoreClr { get; } = typeof(object).Assembly.GetName().Name == "System.Private.CoreLib";

        /// <summary>The engine build for this runtime: Dependencies/Core (net6.0) or Dependencies/Desktop (netstandard2.0).</summary>
        public static string DependencyDirectory { get; } = Path.Combine(ModuleDirectory, "Dependencies", IsCoreClr ? "Core" : "Desktop");

        public void OnImport() => Initialize();

        public static void Initialize()
        {
            lock (Gate)
            {
                if (initialized)
                {
                    return;
                }

                if (IsCoreClr)
                {
                    var bootstrap = Assembly.LoadFrom(Path.Combine(ModuleDirectory, "Core", LoadContextAssembly)).GetType(BootstrapType, throwOnError: true)!;
                    bootstrap.GetMethod("Initialize", BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { DependencyDirectory, ModuleDirectory });
                }
                else
                {
                    AppDomain.CurrentDomain.AssemblyResolve += SideBySideResolver.Resolve;
                }

                initialized = true;
            }
        }
    }
}
