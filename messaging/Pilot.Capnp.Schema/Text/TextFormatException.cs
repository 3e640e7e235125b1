namespace Pilot.Capnp.Schema.Text;

/// <summary>Text-format input that cannot be parsed or does not fit the schema; says where (1-based line and column).</summary>
public sealed class TextFormatException : Exception
{
    public TextFormatException(int line, int column, string message)
        : base($"{line}:{column}: {message}")
    {
        Line = line;
        Column = column;
    }

    public int Line { get; }
    public int Column { get; }
}
