using System.Runtime.CompilerServices;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>
    /// MethodImplOptions.AggressiveOptimization (512) by value: netstandard2.0 does not name it, .NET Framework ignores
    /// it, and on .NET it makes the hunt's hot loops start fully optimized instead of going through tiered compilation.
    /// </summary>
    internal static class JitHints
    {
        public const MethodImplOptions HotLoop = (MethodImplOptions)512;
    }
}
