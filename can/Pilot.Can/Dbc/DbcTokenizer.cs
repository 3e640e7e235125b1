using System.Globalization;
using System.Text;

namespace Pilot.Can.Dbc;

/// <summary>Kinds of DBC tokens.</summary>
internal enum DbcTokenKind
{
    End,
    Identifier,
    Number,
    String,
    Punctuation,
}

/// <summary>
/// Reads DBC tokens from text, tracking 1-based line and column of each token so every error can say where it is.
/// A ref struct over the text (no allocation per token: identifiers and numbers are slices); copy it to look ahead
/// and assign the copy back to roll back.
/// </summary>
internal ref struct DbcTokenizer
{
    private readonly ReadOnlySpan<char> _text;
    private readonly int _maxTokenLength;
    private int _pos;
    private int _line;
    private int _column;

    public DbcTokenizer(ReadOnlySpan<char> text, string file, int maxTokenLength)
    {
        _text = text;
        File = file;
        _maxTokenLength = maxTokenLength;
        _line = 1;
        _column = 1;
        Kind = DbcTokenKind.End;
        Value = default;
    }

    public string File { get; }
    public DbcTokenKind Kind { get; private set; }

    /// <summary>The token's text: identifier or number characters, a string's contents (escapes unresolved), or the punctuation character.</summary>
    public ReadOnlySpan<char> Value { get; private set; }
    public int TokenLine { get; private set; }
    public int TokenColumn { get; private set; }

    /// <summary>Advances to the next token; returns false (Kind = End) at the end of the text.</summary>
    public bool Read()
    {
        SkipWhitespaceAndComments();
        TokenLine = _line;
        TokenColumn = _column;
        if (_pos >= _text.Length)
        {
            Kind = DbcTokenKind.End;
            Value = default;
            return false;
        }
        char c = _text[_pos];
        if (c == '"') ReadString();
        else if (IsNumberStart(c)) ReadNumberOrIdentifier();
        else if (IsIdentifierChar(c)) ReadIdentifier(_pos);
        else if (":;,|@()[]+-".Contains(c))
        {
            Kind = DbcTokenKind.Punctuation;
            Value = _text.Slice(_pos, 1);
            Advance(1);
        }
        else
        {
            Fail($"unexpected character '{Printable(c)}'");
        }
        return true;
    }

    /// <summary>True when the current token is the punctuation <paramref name="p"/>.</summary>
    public readonly bool Is(char p) => Kind == DbcTokenKind.Punctuation && Value[0] == p;

    /// <summary>True when the current token is the identifier (keyword) <paramref name="word"/>.</summary>
    public readonly bool IsWord(string word) => Kind == DbcTokenKind.Identifier && Value.SequenceEqual(word);

    /// <summary>The current string token with <c>\"</c> and <c>\\</c> escapes resolved.</summary>
    public readonly string StringValue()
    {
        var raw = Value;
        if (raw.IndexOf('\\') < 0) return raw.ToString();
        var sb = new StringBuilder(raw.Length);
        for (int i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\\' && i + 1 < raw.Length && (raw[i + 1] == '"' || raw[i + 1] == '\\')) i++;
            sb.Append(raw[i]);
        }
        return sb.ToString();
    }

    /// <summary>A description of the current token for "expected X, found Y" messages.</summary>
    public readonly string Describe() => Kind switch
    {
        DbcTokenKind.End => "end of file",
        DbcTokenKind.String => "a string",
        DbcTokenKind.Number => $"number '{Value.ToString()}'",
        DbcTokenKind.Identifier => $"'{Truncate(Value)}'",
        _ => $"'{Value.ToString()}'",
    };

    /// <summary>Throws a <see cref="DbcException"/> at the current token.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public readonly void Fail(string problem) => DbcException.Throw(File, TokenLine, TokenColumn, problem);

    /// <summary>Skips tokens up to and including the next ';' (used for statements Pilot does not model, e.g. CAT_DEF_).</summary>
    public void SkipStatement()
    {
        while (Kind != DbcTokenKind.End && !Is(';')) Read();
    }

    private void ReadString()
    {
        int start = _pos + 1;
        int i = start;
        int line = _line, column = _column + 1;
        while (true)
        {
            if (i >= _text.Length)
                DbcException.Throw(File, TokenLine, TokenColumn, "unterminated string: expected a closing '\"'");
            char c = _text[i];
            if (c == '"') break;
            if (c == '\\' && i + 1 < _text.Length && (_text[i + 1] == '"' || _text[i + 1] == '\\')) { i += 2; column += 2; continue; }
            if (c == '\n' || (c == '\r' && (i + 1 >= _text.Length || _text[i + 1] != '\n'))) { line++; column = 1; }
            else column++;
            i++;
            if (i - start > _maxTokenLength)
                DbcException.Throw(File, TokenLine, TokenColumn, $"string longer than DbcLimits.MaxTokenLength ({_maxTokenLength} characters)");
        }
        Kind = DbcTokenKind.String;
        Value = _text[start..i];
        _pos = i + 1;
        _line = line;
        _column = column + 1;
    }

    private void ReadNumberOrIdentifier()
    {
        int start = _pos;
        int i = _pos;
        if (_text[i] == '+' || _text[i] == '-') i++;
        if (i + 1 < _text.Length && _text[i] == '0' && (_text[i + 1] == 'x' || _text[i + 1] == 'X'))
        {
            i += 2;
            while (i < _text.Length && char.IsAsciiHexDigit(_text[i])) i++;
        }
        else
        {
            while (i < _text.Length && char.IsAsciiDigit(_text[i])) i++;
            if (i < _text.Length && _text[i] == '.') { i++; while (i < _text.Length && char.IsAsciiDigit(_text[i])) i++; }
            if (i < _text.Length && (_text[i] == 'e' || _text[i] == 'E'))
            {
                int j = i + 1;
                if (j < _text.Length && (_text[j] == '+' || _text[j] == '-')) j++;
                if (j < _text.Length && char.IsAsciiDigit(_text[j]))
                {
                    i = j;
                    while (i < _text.Length && char.IsAsciiDigit(_text[i])) i++;
                }
            }
        }
        // A word such as "3DSensor" starts with digits but is an identifier.
        if (i < _text.Length && IsIdentifierChar(_text[i]) && char.IsAsciiDigit(_text[start]))
        {
            ReadIdentifier(start);
            return;
        }
        CheckLength(i - start);
        Kind = DbcTokenKind.Number;
        Value = _text[start..i];
        Advance(i - start);
    }

    private void ReadIdentifier(int start)
    {
        int i = start;
        while (i < _text.Length && IsIdentifierChar(_text[i])) i++;
        CheckLength(i - start);
        Kind = DbcTokenKind.Identifier;
        Value = _text[start..i];
        Advance(i - _pos);
    }

    private readonly void CheckLength(int length)
    {
        if (length > _maxTokenLength)
            DbcException.Throw(File, TokenLine, TokenColumn, $"token longer than DbcLimits.MaxTokenLength ({_maxTokenLength} characters)");
    }

    private void SkipWhitespaceAndComments()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\n') { _pos++; _line++; _column = 1; }
            else if (c == '\r')
            {
                _pos++;
                if (_pos < _text.Length && _text[_pos] == '\n') _pos++;
                _line++;
                _column = 1;
            }
            else if (char.IsWhiteSpace(c) || c == '\uFEFF') { _pos++; _column++; }
            else if (c == '/' && _pos + 1 < _text.Length && _text[_pos + 1] == '/')
            {
                // Line comments are not DBC, but Vector tools and hand edits leave them; skip like cantools does.
                while (_pos < _text.Length && _text[_pos] != '\n' && _text[_pos] != '\r') { _pos++; _column++; }
            }
            else break;
        }
    }

    private void Advance(int count)
    {
        _pos += count;
        _column += count;
    }

    private readonly bool IsNumberStart(char c)
    {
        if (char.IsAsciiDigit(c)) return true;
        if (c != '+' && c != '-' && c != '.') return false;
        int next = _pos + 1;
        if (next >= _text.Length) return false;
        char n = _text[next];
        if (c == '.') return char.IsAsciiDigit(n);
        return char.IsAsciiDigit(n) || (n == '.' && next + 1 < _text.Length && char.IsAsciiDigit(_text[next + 1]));
    }

    internal static bool IsIdentifierChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || (c > 127 && !char.IsWhiteSpace(c) && c != '\uFEFF');

    private static string Printable(char c) => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString();

    private static string Truncate(ReadOnlySpan<char> s) => s.Length <= 40 ? s.ToString() : s[..40].ToString() + "...";

    /// <summary>Parses the current number token as a double (invariant culture; hex allowed).</summary>
    public readonly double NumberAsDouble()
    {
        var v = Value;
        if (TryParseHex(v, out long hex)) return hex;
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d))
            Fail($"expected a number, found '{Truncate(v)}'");
        return d;
    }

    /// <summary>Parses the current number token as an integer; values above long.MaxValue keep their 64-bit pattern.</summary>
    public readonly long NumberAsInteger()
    {
        var v = Value;
        if (TryParseHex(v, out long hex)) return hex;
        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long l)) return l;
        if (ulong.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out ulong u)) return unchecked((long)u);
        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d == Math.Floor(d) && Math.Abs(d) < 9.2e18)
            return (long)d;
        Fail($"expected an integer, found '{Truncate(v)}'");
        return 0;
    }

    private static bool TryParseHex(ReadOnlySpan<char> v, out long value)
    {
        value = 0;
        bool negative = v.Length > 0 && v[0] == '-';
        var body = negative || (v.Length > 0 && v[0] == '+') ? v[1..] : v;
        if (body.Length < 3 || body[0] != '0' || (body[1] != 'x' && body[1] != 'X')) return false;
        if (!ulong.TryParse(body[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong u)) return false;
        value = negative ? -(long)u : (long)u;
        return true;
    }
}
