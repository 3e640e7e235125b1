namespace Pilot.Capnp.Schema.Text;

/// <summary>
/// What <c>capnp decode</c> and <c>capnp encode</c> do, for any schema: framed (or packed) messages to text, one per
/// line group, and text (a sequence of struct literals) to framed (or packed) messages.
/// </summary>
public sealed class TextCodec
{
    private readonly SchemaSet schema;
    private readonly StructNode type;

    public TextCodec(SchemaSet schema, StructNode type)
    {
        this.schema = schema;
        this.type = type;
    }

    /// <summary>Loads <paramref name="typeName"/> (dotted) from a schema file via the reference compiler.</summary>
    public static TextCodec Load(string schemaFile, string typeName, IEnumerable<string>? importPaths = null)
    {
        var schema = CapnpTool.Load(schemaFile, importPaths);
        return new TextCodec(schema, schema.FindStruct(typeName));
    }

    public StructNode Type => type;

    /// <summary>Reads messages from <paramref name="input"/> until EOF and prints each followed by a newline.</summary>
    /// <returns>The number of messages printed.</returns>
    public int Decode(Stream input, Stream output, bool packed = false, bool pretty = true, ReaderOptions? options = null)
    {
        var printer = new TextPrinter(schema);
        int count = 0;
        // Packed messages are read one at a time (each call consumes exactly its message); the buffer turns the
        // unpacker's small reads into large ones on unbuffered inputs such as stdin. Everything is read to EOF, so
        // its read-ahead is never lost.
        if (packed) input = new BufferedStream(input, ReadBufferBytes);
        while ((packed ? MessageReader.ReadPacked(input, options) : MessageReader.ReadFramed(input, options)) is { } message)
        {
            output.Write(printer.PrintUtf8(message.Root, type, pretty));
            output.WriteByte((byte)'\n');
            count++;
        }
        output.Flush();
        return count;
    }

    private const int ReadBufferBytes = 64 * 1024;

    /// <summary>Prints one message's root as text (no trailing newline).</summary>
    public string Print(StructReader root, bool pretty = true) => new TextPrinter(schema).Print(root, type, pretty);

    /// <summary>
    /// Parses every struct literal in <paramref name="utf8Text"/> and writes each as a message. Like the reference,
    /// a message is built in input order and then deep-copied into a fresh builder (so objects are laid out depth
    /// first, in pointer order), unless <paramref name="segmentWords"/> asks for fixed-size segments: then it is
    /// written as built.
    /// </summary>
    /// <returns>The number of messages written.</returns>
    public int Encode(ReadOnlySpan<byte> utf8Text, Stream output, bool packed = false, int segmentWords = 0)
    {
        var parser = new TextParser(utf8Text);
        int count = 0;
        while (!parser.AtEnd)
        {
            var message = Build(parser.ParseMessage(), segmentWords);
            if (packed) message.WritePacked(output);
            else message.WriteFramed(output);
            count++;
        }
        output.Flush();
        return count;
    }

    /// <summary>Builds one message from a parsed struct literal.</summary>
    public MessageBuilder Build(TextValue value, int segmentWords = 0)
    {
        var built = segmentWords > 0 ? new MessageBuilder(segmentWords, segmentWords) : new MessageBuilder();
        new TextWriter(schema).WriteStruct(built.InitRoot(type.DataWords, type.PointerCount), type, value);
        if (segmentWords > 0) return built;
        var copy = new MessageBuilder();
        copy.SetRoot(built.AsReader().Root);
        return copy;
    }
}
