namespace ExchangeHardening.Engine.Hunting
{
    /// <summary>A log line whose columns are not known (OABGenerator): indicators only read its Text.</summary>
    internal sealed class TextLineEntry : EntryRecord
    {
        private string text = string.Empty;

        public void Bind(string line) => text = line;

        protected override string? Read(EntryField field) => field.Kind == EntryFieldKind.Text ? text : null;
    }
}
