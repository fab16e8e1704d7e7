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
    }
}
