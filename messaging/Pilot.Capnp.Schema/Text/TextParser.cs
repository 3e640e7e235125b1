namespace Pilot.Capnp.Schema.Text;

/// <summary>
/// Parses the text format's syntax into <see cref="TextValue"/> trees: a sequence of top-level struct literals
/// (one per message, as <c>capnp encode</c> reads them). The schema is applied afterwards by <see cref="TextWriter"/>.
/// </summary>
public ref struct TextParser
{
    /// <summary>Deeper nesting is refused (each level recurses); matches the reader's default nesting limit.</summary>
    public const int MaxDepth = 64;

    private TextLexer lexer;
    private Token current;

    public TextParser(ReadOnlySpan<byte> utf8)
    {
        lexer = new TextLexer(utf8);
        current = lexer.Next();
    }

    public readonly bool AtEnd => current.Kind == TokenKind.End;

    /// <summary>The next top-level struct literal.</summary>
    public TextValue ParseMessage()
    {
        if (!current.Is('(')) throw Unexpected("'(' starting a message");
        return ParseValue(0);
    }

    private TextValue ParseValue(int depth)
    {
        if (depth > MaxDepth) throw new TextFormatException(current.Line, current.Column, $"values nest deeper than {MaxDepth} levels");
        var start = current;
        if (start.Is('(')) return ParseStruct(depth);
        if (start.Is('[')) return ParseList(depth);
        bool negative = false;
        if (start.Is('-') || start.Is('+'))
        {
            negative = start.Is('-');
            Advance();
            if (current.Kind is not (TokenKind.Integer or TokenKind.Float or TokenKind.Identifier))
                throw Unexpected("a number after the sign");
        }
        var token = current;
        Advance();
        return token.Kind switch
        {
            TokenKind.Identifier => new TextValue { Kind = TextValue.ValueKind.Identifier, Line = start.Line, Column = start.Column, Identifier = token.Text, Negative = negative },
            TokenKind.Integer => new TextValue { Kind = TextValue.ValueKind.Integer, Line = start.Line, Column = start.Column, Magnitude = token.Integer, Negative = negative },
            TokenKind.Float => new TextValue { Kind = TextValue.ValueKind.Float, Line = start.Line, Column = start.Column, Float = token.Float, Negative = negative },
            TokenKind.String => new TextValue { Kind = TextValue.ValueKind.String, Line = start.Line, Column = start.Column, Bytes = token.Bytes! },
            TokenKind.Binary => new TextValue { Kind = TextValue.ValueKind.Binary, Line = start.Line, Column = start.Column, Bytes = token.Bytes! },
            _ => throw new TextFormatException(token.Line, token.Column, $"expected a value, found {token}"),
        };
    }

    private TextValue ParseStruct(int depth)
    {
        var open = current;
        Advance();
        var fields = new List<FieldAssignment>();
        while (!current.Is(')'))
        {
            if (current.Kind != TokenKind.Identifier) throw Unexpected("a field name or ')'");
            var name = current;
            Advance();
            if (!current.Is('=')) throw Unexpected($"'=' after '{name.Text}'");
            Advance();
            fields.Add(new FieldAssignment(name.Text, name.Line, name.Column, ParseValue(depth + 1)));
            if (current.Is(',')) Advance();
            else if (!current.Is(')')) throw Unexpected("',' or ')'");
        }
        Advance();
        return new TextValue { Kind = TextValue.ValueKind.Struct, Line = open.Line, Column = open.Column, Fields = fields };
    }

    private TextValue ParseList(int depth)
    {
        var open = current;
        Advance();
        var items = new List<TextValue>();
        while (!current.Is(']'))
        {
            items.Add(ParseValue(depth + 1));
            if (current.Is(',')) Advance();
            else if (!current.Is(']')) throw Unexpected("',' or ']'");
        }
        Advance();
        return new TextValue { Kind = TextValue.ValueKind.List, Line = open.Line, Column = open.Column, Items = items };
    }

    private void Advance() => current = lexer.Next();

    private readonly TextFormatException Unexpected(string expected) =>
        new(current.Line, current.Column, $"expected {expected}, found {current}");
}
