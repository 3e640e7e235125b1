using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace Pilot.Capnp.Schema.Text;

public enum TokenKind : byte { End, Identifier, Integer, Float, String, Binary, Punctuation }

/// <summary>One token with its 1-based position. Integers keep their magnitude; the sign is a separate '-' token.</summary>
public readonly record struct Token(TokenKind Kind, int Line, int Column, string Text, ulong Integer = 0, double Float = 0,
    byte[]? Bytes = null)
{
    public bool Is(char punctuation) => Kind == TokenKind.Punctuation && Text[0] == punctuation;

    public override string ToString() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.String or TokenKind.Binary => "string literal",
        _ => $"'{Text}'",
    };
}

/// <summary>
/// Splits the Cap'n Proto text format (the schema language's value syntax) into tokens: identifiers, decimal / hex
/// (0x) / octal (leading 0) integers, floats, "strings" with C escapes, 0x"binary" literals, punctuation and
/// '#' comments. Works over UTF-8 bytes; columns count characters.
/// </summary>
public ref struct TextLexer
{
    private readonly ReadOnlySpan<byte> input;
    private int position;
    private int line;
    private int lineStart;  // byte index of the current line's first byte

    public TextLexer(ReadOnlySpan<byte> utf8)
    {
        input = utf8;
        line = 1;
    }

    public Token Next()
    {
        SkipSpaceAndComments();
        int startLine = line, startColumn = Column(position);
        if (position >= input.Length) return new Token(TokenKind.End, startLine, startColumn, "");
        byte c = input[position];
        if (IsIdentifierStart(c))
        {
            int start = position;
            while (position < input.Length && (IsIdentifierStart(input[position]) || IsDigit(input[position]))) position++;
            return new Token(TokenKind.Identifier, startLine, startColumn, Encoding.ASCII.GetString(input[start..position]));
        }
        if (IsDigit(c) || c == '.' && position + 1 < input.Length && IsDigit(input[position + 1]))
            return Number(startLine, startColumn);
        if (c == '"')
        {
            position++;
            return new Token(TokenKind.String, startLine, startColumn, "\"", Bytes: StringBody(startLine, startColumn));
        }
        if ("()[],=-+".Contains((char)c))
        {
            position++;
            return new Token(TokenKind.Punctuation, startLine, startColumn, ((char)c).ToString());
        }
        throw Error(startLine, startColumn, $"unexpected character '{CharAt(position)}'");
    }

    private void SkipSpaceAndComments()
    {
        while (position < input.Length)
        {
            byte c = input[position];
            if (c == '\n')
            {
                position++;
                line++;
                lineStart = position;
            }
            else if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\f' or (byte)'\v') position++;
            else if (c == '#')
                while (position < input.Length && input[position] != '\n') position++;
            else return;
        }
    }

    private Token Number(int startLine, int startColumn)
    {
        int start = position;
        if (input[position] == '0' && position + 1 < input.Length && (input[position + 1] | 0x20) == 'x')
        {
            position += 2;
            if (position < input.Length && input[position] == '"')
            {
                position++;
                return new Token(TokenKind.Binary, startLine, startColumn, "0x\"", Bytes: BinaryBody(startLine, startColumn));
            }
            int digitsStart = position;
            while (position < input.Length && IsHexDigit(input[position])) position++;
            if (position == digitsStart) throw Error(startLine, startColumn, "hexadecimal literal without digits");
            return Integer(startLine, startColumn, start, digitsStart, 16);
        }
        while (position < input.Length && IsDigit(input[position])) position++;
        bool isFloat = false;
        if (position < input.Length && input[position] == '.')
        {
            isFloat = true;
            position++;
            while (position < input.Length && IsDigit(input[position])) position++;
        }
        if (position < input.Length && (input[position] | 0x20) == 'e')
        {
            int save = position;
            position++;
            if (position < input.Length && input[position] is (byte)'+' or (byte)'-') position++;
            if (position < input.Length && IsDigit(input[position]))
            {
                isFloat = true;
                while (position < input.Length && IsDigit(input[position])) position++;
            }
            else position = save;
        }
        if (position < input.Length && IsIdentifierStart(input[position]))
            throw Error(startLine, startColumn, $"malformed number '{Encoding.ASCII.GetString(input[start..(position + 1)])}'");
        if (isFloat)
        {
            string text = Encoding.ASCII.GetString(input[start..position]);
            return new Token(TokenKind.Float, startLine, startColumn, text, Float: double.Parse(text, CultureInfo.InvariantCulture));
        }
        bool octal = input[start] == '0' && position - start > 1;
        return Integer(startLine, startColumn, start, octal ? start + 1 : start, octal ? 8 : 10);
    }

    private Token Integer(int startLine, int startColumn, int start, int digitsStart, int radix)
    {
        ulong value = 0;
        for (int i = digitsStart; i < position; i++)
        {
            int digit = HexValue(input[i]);
            if (digit >= radix) throw Error(startLine, startColumn, $"digit '{(char)input[i]}' in a base-{radix} literal");
            if (value > (ulong.MaxValue - (ulong)digit) / (ulong)radix)
                throw Error(startLine, startColumn, "integer literal does not fit in 64 bits");
            value = value * (ulong)radix + (ulong)digit;
        }
        return new Token(TokenKind.Integer, startLine, startColumn, Encoding.ASCII.GetString(input[start..position]), Integer: value);
    }

    private byte[] StringBody(int startLine, int startColumn)
    {
        var bytes = new List<byte>();
        while (true)
        {
            if (position >= input.Length || input[position] == '\n')
                throw Error(startLine, startColumn, "string literal is not terminated");
            byte c = input[position++];
            if (c == '"') return bytes.ToArray();
            if (c != '\\')
            {
                bytes.Add(c);
                continue;
            }
            if (position >= input.Length) throw Error(startLine, startColumn, "string literal is not terminated");
            int escapeColumn = Column(position - 1);
            byte e = input[position++];
            switch (e)
            {
                case (byte)'a': bytes.Add(0x07); break;
                case (byte)'b': bytes.Add(0x08); break;
                case (byte)'f': bytes.Add(0x0C); break;
                case (byte)'n': bytes.Add(0x0A); break;
                case (byte)'r': bytes.Add(0x0D); break;
                case (byte)'t': bytes.Add(0x09); break;
                case (byte)'v': bytes.Add(0x0B); break;
                case (byte)'\'': case (byte)'"': case (byte)'\\': case (byte)'?': bytes.Add(e); break;
                case (byte)'x':
                    if (position + 1 >= input.Length || !IsHexDigit(input[position]) || !IsHexDigit(input[position + 1]))
                        throw Error(line, escapeColumn, "\\x must be followed by two hexadecimal digits");
                    bytes.Add((byte)(HexValue(input[position]) * 16 + HexValue(input[position + 1])));
                    position += 2;
                    break;
                default:
                    if (e is < (byte)'0' or > (byte)'7') throw Error(line, escapeColumn, $"unknown escape '\\{(char)e}'");
                    int value = e - '0';
                    for (int n = 1; n < 3 && position < input.Length && input[position] is >= (byte)'0' and <= (byte)'7'; n++)
                        value = value * 8 + (input[position++] - '0');
                    if (value > 0xFF) throw Error(line, escapeColumn, "octal escape is larger than a byte");
                    bytes.Add((byte)value);
                    break;
            }
        }
    }

    private byte[] BinaryBody(int startLine, int startColumn)
    {
        var bytes = new List<byte>();
        int pending = -1;
        while (true)
        {
            if (position >= input.Length) throw Error(startLine, startColumn, "binary literal is not terminated");
            byte c = input[position];
            if (c == '"')
            {
                position++;
                if (pending >= 0) throw Error(startLine, startColumn, "binary literal has an odd number of hex digits");
                return bytes.ToArray();
            }
            if (c is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                if (c == '\n')
                {
                    line++;
                    lineStart = position + 1;
                }
                position++;
                continue;
            }
            if (!IsHexDigit(c)) throw Error(line, Column(position), $"'{CharAt(position)}' in a binary literal");
            position++;
            if (pending < 0) pending = HexValue(c);
            else
            {
                bytes.Add((byte)(pending * 16 + HexValue(c)));
                pending = -1;
            }
        }
    }

    /// <summary>The 1-based column of a byte index on the current line, counting UTF-8 characters.</summary>
    private readonly int Column(int index)
    {
        int column = 1;
        for (int i = lineStart; i < index && i < input.Length; i++)
            if ((input[i] & 0xC0) != 0x80) column++;
        return column;
    }

    private readonly string CharAt(int index)
    {
        int end = index + 1;
        while (end < input.Length && (input[end] & 0xC0) == 0x80) end++;
        return Encoding.UTF8.GetString(input[index..end]);
    }

    private static bool IsIdentifierStart(byte c) => c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or (byte)'_';
    private static bool IsDigit(byte c) => c is >= (byte)'0' and <= (byte)'9';
    private static bool IsHexDigit(byte c) => IsDigit(c) || (c | 0x20) is >= 'a' and <= 'f';
    private static int HexValue(byte c) => IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;

    [DoesNotReturn]
    private static Exception Error(int line, int column, string message) => throw new TextFormatException(line, column, message);
}
