using System.Text;

namespace Pilot.Capnp.Compiler;

/// <summary>Writes indented C# lines and doc comments.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder text = new();
    private int indent;

    public CodeWriter Line(string line = "")
    {
        if (line.Length == 0) text.Append('\n');
        else text.Append(' ', indent * 4).Append(line).Append('\n');
        return this;
    }

    /// <summary>Writes <paramref name="header"/>, an opening brace, the body indented, and the closing brace.</summary>
    public void Block(string header, Action body, string closing = "}")
    {
        Line(header);
        Line("{");
        indent++;
        body();
        indent--;
        Line(closing);
    }

    /// <summary>A <c>&lt;summary&gt;</c> from a schema doc comment (nothing when there is none).</summary>
    public void Doc(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment)) return;
        var lines = comment.Replace("\r", "").Trim('\n').TrimEnd().Split('\n');
        if (lines.Length == 1)
        {
            Line("/// <summary>" + Xml(lines[0].Trim()) + "</summary>");
            return;
        }
        Line("/// <summary>");
        foreach (string line in lines) Line(("/// " + Xml(line.TrimEnd())).TrimEnd());
        Line("/// </summary>");
    }

    /// <summary><c>header</c> followed by a <c>new byte[] { ... }</c> initializer, 16 bytes per line.</summary>
    public void ByteArray(string header, ReadOnlySpan<byte> bytes, string closing = "};")
    {
        Line(header + "new byte[]");
        Line("{");
        indent++;
        var line = new StringBuilder();
        for (int i = 0; i < bytes.Length; i++)
        {
            line.Append("0x").Append(bytes[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture)).Append(',');
            if (i % 16 == 15 || i == bytes.Length - 1)
            {
                Line(line.ToString());
                line.Clear();
            }
            else line.Append(' ');
        }
        indent--;
        Line(closing);
    }

    private static string Xml(string s) => s.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    public override string ToString() => text.ToString();
}
