namespace Pilot.Capnp;

/// <summary>A pointer of a kind known only at run time (AnyPointer fields, list-of-pointer elements, the root).
/// <c>default</c> is the null pointer.</summary>
public readonly struct AnyPointerReader
{
    internal readonly MessageReader? Message;
    internal readonly int Segment;
    internal readonly int PointerByte;   // absolute byte index of the pointer word in its segment's array
    internal readonly int Nesting;

    internal AnyPointerReader(MessageReader message, int segment, int pointerByte, int nesting)
    {
        Message = message; Segment = segment; PointerByte = pointerByte; Nesting = nesting;
    }

    /// <summary>What the pointer designates, far pointers resolved away.</summary>
    public PointerKind Kind => Message is null ? PointerKind.Null : PointerResolution.KindOf(Message, Segment, PointerByte);

    public bool IsNull => Message is null || LittleEndian.U64(Message.Segments[Segment].Array, PointerByte) == 0;

    public StructReader AsStruct() => Message is null ? default : PointerResolution.ReadStruct(Message, Segment, PointerByte, Nesting);

    public ListReader AsList() => Message is null ? default : PointerResolution.ReadList(Message, Segment, PointerByte, Nesting);

    public string AsText() => System.Text.Encoding.UTF8.GetString(AsTextSpan());

    public ReadOnlySpan<byte> AsTextSpan() =>
        Message is null ? default : PointerResolution.ReadBytes(Message, Segment, PointerByte, text: true);

    public ReadOnlySpan<byte> AsData() =>
        Message is null ? default : PointerResolution.ReadBytes(Message, Segment, PointerByte, text: false);
}
