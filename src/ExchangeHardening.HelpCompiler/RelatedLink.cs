namespace ExchangeHardening.HelpCompiler
{
    /// <summary>One RELATED LINKS entry; Uri is empty for plain names such as other cmdlets.</summary>
    internal sealed class RelatedLink
    {
        public RelatedLink(string text, string uri)
        {
            Text = text;
            Uri = uri;
        }

        public string Text { get; }

        public string Uri { get; }
    }
}
