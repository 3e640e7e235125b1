using System.Text;
using Pilot.Capnp.Schema.Text;

namespace Pilot.Capnp.Schema.Tests;

/// <summary>Bad text input: each error names what was wrong and where (1-based line and column).</summary>
public class TextParserTests
{
    private static readonly Lazy<TextCodec> Codec = new(() => TextCodec.Load(Tool.Everything, "Everything"));

    private static TextFormatException Fails(string text)
    {
        TestingTool();
        return Assert.Throws<TextFormatException>(() => Codec.Value.Encode(Encoding.UTF8.GetBytes(text), Stream.Null));
    }

    private static void TestingTool() => Pilot.Testing.TestData.RequireTool("capnp");

    [SkippableTheory]
    [InlineData("(color = blue,\n  nope = 1)", 2, 3, "struct Everything has no field named 'nope'")]
    [InlineData("(primitives = (int8 = 128))", 1, 23, "128 is out of range [-128, 127] for 'int8'")]
    [InlineData("(primitives = (uint8 = -1))", 1, 24, "-1 is out of range [0, 255] for 'uint8'")]
    [InlineData("(primitives = (bool = 1))", 1, 23, "'bool' expects 'true' or 'false', found integer 1")]
    [InlineData("(color = purple)", 1, 10, "'color' expects an enumerant of Color (red, green, blue, class), found 'purple'")]
    [InlineData("(lists = (int32s = [1, \"x\"]))", 1, 24, "'int32s' expects an integer, found string")]
    [InlineData("(primitives = (text = \"a\\0b\"))", 1, 23, "'text' is Text, which cannot contain NUL (\\0); use Data")]
    [InlineData("(any = (x = 1))", 1, 8, "field 'any' has type AnyPointer, which the text format cannot write")]
    [InlineData("(shape = (style = (kind = (dashed = 1.5))))", 1, 37, "'dashed' expects an integer, found floating-point number")]
    [InlineData("(self = 3)", 1, 9, "'self' expects a struct literal '(...)', found integer 3")]
    [InlineData("(string = \"é\" x)", 1, 15, "expected ',' or ')', found 'x'")]
    [InlineData("(color = blue", 1, 14, "expected ',' or ')', found end of input")]
    [InlineData("  \n (string = \"abc\n\")", 2, 12, "string literal is not terminated")]
    [InlineData("(string = \"\\q\")", 1, 12, "unknown escape '\\q'")]
    [InlineData("(primitives = (int64 = 99999999999999999999))", 1, 24, "integer literal does not fit in 64 bits")]
    [InlineData("(primitives = (data = 0x\"0g\"))", 1, 27, "'g' in a binary literal")]
    [InlineData("color = blue", 1, 1, "expected '(' starting a message, found 'color'")]
    [InlineData("(everything = 0x)", 1, 15, "hexadecimal literal without digits")]
    [InlineData("(everything = 09)", 1, 15, "digit '9' in a base-8 literal")]
    [InlineData("(color = blue) @", 1, 16, "unexpected character '@'")]
    public void Errors_say_what_and_where(string text, int line, int column, string message)
    {
        var error = Fails(text);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal($"{line}:{column}: {message}", error.Message);
    }

    [SkippableFact]
    public void Nesting_deeper_than_the_limit_is_refused_without_recursing_further()
    {
        string text = "(self = " + string.Concat(Enumerable.Repeat("(self = ", 100)) + "()" + new string(')', 101);
        Assert.Contains($"values nest deeper than {TextParser.MaxDepth} levels", Fails(text).Message);
    }

    [Fact]
    public void Lexer_reads_numbers_strings_and_comments()
    {
        var lexer = new TextLexer("# comment\n 0x1F 017 1.5e3 .5 \"a\\x41\\101\\n\" 0x\"de ad\" name_1"u8);
        Assert.Equal(31UL, lexer.Next().Integer);
        Assert.Equal(15UL, lexer.Next().Integer);
        Assert.Equal(1500.0, lexer.Next().Float);
        Assert.Equal(0.5, lexer.Next().Float);
        Assert.Equal("aAA\n"u8.ToArray(), lexer.Next().Bytes);
        Assert.Equal(new byte[] { 0xde, 0xad }, lexer.Next().Bytes);
        var name = lexer.Next();
        Assert.Equal((TokenKind.Identifier, "name_1", 2, 44), (name.Kind, name.Text, name.Line, name.Column));
        Assert.Equal(TokenKind.End, lexer.Next().Kind);
    }
}
