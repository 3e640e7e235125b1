using System.Text;

namespace Pilot.Capnp.Schema.Text;

/// <summary>
/// The reference printer's string escaping (kj::encodeCEscape): named escapes for \a \b \t \n \v \f \r \' \" \\,
/// three-digit octal for other control bytes and DEL. Text passes bytes >= 0x80 through (UTF-8); Data escapes them.
/// Output is a byte string: one char per byte (Latin-1), so that sizes are byte counts like the reference's.
/// </summary>
internal static class TextEscape
{
    public static void AppendQuoted(StringBuilder output, ReadOnlySpan<byte> bytes, bool isData)
    {
        output.Append('"');
        foreach (byte b in bytes)
        {
            switch (b)
            {
                case 0x07: output.Append("\\a"); break;
                case 0x08: output.Append("\\b"); break;
                case 0x0C: output.Append("\\f"); break;
                case 0x0A: output.Append("\\n"); break;
                case 0x0D: output.Append("\\r"); break;
                case 0x09: output.Append("\\t"); break;
                case 0x0B: output.Append("\\v"); break;
                case (byte)'\'': output.Append("\\'"); break;
                case (byte)'"': output.Append("\\\""); break;
                case (byte)'\\': output.Append("\\\\"); break;
                default:
                    if (b < 0x20 || b == 0x7F || (isData && b > 0x7F))
                        output.Append('\\').Append((char)('0' + (b >> 6))).Append((char)('0' + ((b >> 3) & 7))).Append((char)('0' + (b & 7)));
                    else
                        output.Append((char)b);
                    break;
            }
        }
        output.Append('"');
    }
}
