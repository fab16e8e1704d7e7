using System.Collections.Generic;
using System.Text;

namespace ExchangeHardening.HelpCompiler
{
    /// <summary>Word wrap for about topics, which Windows PowerShell 5.1 prints as they are.</summary>
    internal static class TextWrapper
    {
        public const int Width = 80;

        /// <summary>
        /// Wraps <paramref name="text"/> so no line is longer than <see cref="Width"/> unless a single
        /// word is; the first line starts with <paramref name="firstPrefix"/>, the others with
        /// <paramref name="restPrefix"/> (a hanging indent for list items).
        /// </summary>
        public static List<string> Wrap(string text, string firstPrefix, string restPrefix)
        {
            var lines = new List<string>();
            var current = new StringBuilder(firstPrefix);
            int prefixLength = firstPrefix.Length;
            foreach (string word in text.Split(' ', System.StringSplitOptions.RemoveEmptyEntries))
            {
                bool empty = current.Length == prefixLength;
                if (!empty && current.Length + 1 + word.Length > Width)
                {
                    lines.Add(current.ToString());
                    current.Clear().Append(restPrefix);
                    prefixLength = restPrefix.Length;
                    empty = true;
                }

                if (!empty)
                {
                    current.Append(' ');
                }

                current.Append(word);
            }

            lines.Add(current.ToString());
            return lines;
        }
    }
}
