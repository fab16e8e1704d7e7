namespace ExchangeHardening.HelpCompiler
{
    /// <summary>The few block types PlatyPS writes; anything richer is kept as plain paragraph text.</summary>
    internal enum MarkdownBlockKind
    {
        Heading,
        Paragraph,
        ListItem,
        Table,
        Code,

        /// <summary>An HTML comment (&lt;!-- ... --&gt;): for authors and tools, never shown by Get-Help.</summary>
        Comment,
    }
}
