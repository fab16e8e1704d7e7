using System;

namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>Which literals a scan found in one entry, and where the first one starts. One per file being read, reused per entry.</summary>
    internal sealed class LiteralHits
    {
        private readonly bool[] seen;
        private readonly int[] found;

        public LiteralHits(int literalCount)
        {
            seen = new bool[literalCount];
            found = new int[literalCount];
        }

        public int Count { get; private set; }

        /// <summary>Start of the earliest hit; the excerpt is cut around it.</summary>
        public int FirstPosition { get; private set; } = int.MaxValue;

        public int this[int index] => found[index];

        public bool Contains(int literal) => seen[literal];

        public void Add(int literal, int position)
        {
            if (!seen[literal])
            {
                seen[literal] = true;
                found[Count++] = literal;
            }

            if (position < FirstPosition)
            {
                FirstPosition = position;
            }
        }

        public void Clear()
        {
            for (var i = 0; i < Count; i++)
            {
                seen[found[i]] = false;
            }

            Count = 0;
            FirstPosition = int.MaxValue;
        }

        public int FocusOr(int fallback) => FirstPosition == int.MaxValue ? fallback : Math.Max(0, FirstPosition);
    }
}
