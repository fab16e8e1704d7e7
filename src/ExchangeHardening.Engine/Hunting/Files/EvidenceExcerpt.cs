using System.Text;

namespace ExchangeHardening.Engine.Hunting.Files
{
    /// <summary>Makes evidence text fit a finding: control characters become spaces, runs of spaces collapse, long text is cut.</summary>
    internal static class EvidenceExcerpt
    {
        public const int MaxLength = 300;

        public static string Trim(string text, int maxLength = MaxLength)
        {
            var builder = new StringBuilder(text.Length < maxLength ? text.Length : maxLength);
            var space = false;
            foreach (var c in text)
            {
                var isSpace = char.IsWhiteSpace(c) || char.IsControl(c) || c == '\uFFFD';
                if (isSpace)
                {
                    space = builder.Length > 0;
                    continue;
                }

                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }

                if (builder.Length >= maxLength - 3)
                {
                    builder.Append("...");
                    break;
                }

                builder.Append(c);
            }

            return builder.ToString();
        }
    }
}
