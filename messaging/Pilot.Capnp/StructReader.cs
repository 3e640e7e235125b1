using System.Runtime.CompilerServices;
using System.Text;

namespace Pilot.Capnp;

/// <summary>
/// Zero-copy view of a struct: a data section and a pointer section inside one segment. Field reads are
/// allocation-free, bounds-checked against the struct's own (possibly older, smaller) layout: a field beyond the
/// data section reads as its default, as schema evolution requires. Offsets are in units of the field's size
/// (bits for bools), as <c>capnp compile -o-</c> reports them. <c>default(StructReader)</c> is the empty struct.
/// </summary>
public readonly struct StructReader
{
    internal readonly MessageReader? Message;
    internal readonly byte[]? Buffer;
    internal readonly int Segment;
    internal readonly int DataStart;      // absolute byte index into Buffer
    internal readonly int DataBytes;      // data section size (a word multiple, or 1/2/4/8 for upgraded list elements)
    internal readonly int PointerStart;   // absolute byte index into Buffer
    internal readonly int Pointers;       // pointer section size in pointers
    internal readonly int Nesting;        // nesting levels left for pointers followed from here

    internal StructReader(MessageReader message, byte[] buffer, int segment, int dataStart, int dataBytes,
        int pointerStart, int pointers, int nesting)
    {
        Message = message; Buffer = buffer; Segment = segment; DataStart = dataStart; DataBytes = dataBytes;
        PointerStart = pointerStart; Pointers = pointers; Nesting = nesting;
    }

    /// <summary>Data section size in words (rounded up for upgraded primitive list elements).</summary>
    public int DataWords => (DataBytes + 7) / 8;

    /// <summary>Data section size in bytes.</summary>
    public int DataSizeBytes => DataBytes;

    public int PointerCount => Pointers;

    /// <summary>True for a null (absent) struct, which reads as all defaults.</summary>
    public bool IsNull => Message is null;

    /// <summary>The raw data section.</summary>
    public ReadOnlySpan<byte> DataSection => Buffer is null ? default : new ReadOnlySpan<byte>(Buffer, DataStart, DataBytes);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadUInt8(int offset, byte defaultValue = 0) =>
        (uint)offset < (uint)DataBytes ? (byte)(LittleEndian.U8(Buffer!, DataStart + offset) ^ defaultValue) : defaultValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public sbyte ReadInt8(int offset, sbyte defaultValue = 0) => (sbyte)ReadUInt8(offset, (byte)defaultValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ushort ReadUInt16(int offset, ushort defaultValue = 0) =>
        (uint)offset < (uint)(DataBytes >> 1) ? (ushort)(LittleEndian.U16(Buffer!, DataStart + offset * 2) ^ defaultValue) : defaultValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public short ReadInt16(int offset, short defaultValue = 0) => (short)ReadUInt16(offset, (ushort)defaultValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadUInt32(int offset, uint defaultValue = 0) =>
        (uint)offset < (uint)(DataBytes >> 2) ? LittleEndian.U32(Buffer!, DataStart + offset * 4) ^ defaultValue : defaultValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadInt32(int offset, int defaultValue = 0) => (int)ReadUInt32(offset, (uint)defaultValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong ReadUInt64(int offset, ulong defaultValue = 0) =>
        (uint)offset < (uint)(DataBytes >> 3) ? LittleEndian.U64(Buffer!, DataStart + offset * 8) ^ defaultValue : defaultValue;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long ReadInt64(int offset, long defaultValue = 0) => (long)ReadUInt64(offset, (ulong)defaultValue);

    /// <summary>Float fields store bits XOR the default's bits (encoding spec, "Default values").</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float ReadFloat32(int offset, float defaultValue = 0) =>
        BitConverter.UInt32BitsToSingle(ReadUInt32(offset, BitConverter.SingleToUInt32Bits(defaultValue)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ReadFloat64(int offset, double defaultValue = 0) =>
        BitConverter.UInt64BitsToDouble(ReadUInt64(offset, BitConverter.DoubleToUInt64Bits(defaultValue)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool ReadBool(int bitOffset, bool defaultValue = false) =>
        (uint)bitOffset < (uint)(DataBytes << 3)
            ? (((LittleEndian.U8(Buffer!, DataStart + (bitOffset >> 3)) >> (bitOffset & 7)) & 1) != 0) != defaultValue
            : defaultValue;

    /// <summary>True when pointer <paramref name="index"/> exists in this struct's layout and is not null.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool HasPointer(int index) =>
        (uint)index < (uint)Pointers && LittleEndian.U64(Buffer!, PointerStart + index * 8) != 0;

    /// <summary>The struct at pointer <paramref name="index"/>; absent or null reads as <c>default</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public StructReader ReadStruct(int index) =>
        (uint)index < (uint)Pointers ? PointerResolution.ReadStruct(Message!, Segment, PointerStart + index * 8, Nesting) : default;

    /// <summary>The list at pointer <paramref name="index"/>; absent or null reads as the empty list.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ListReader ReadList(int index) =>
        (uint)index < (uint)Pointers ? PointerResolution.ReadList(Message!, Segment, PointerStart + index * 8, Nesting) : default;

    /// <summary>The text at pointer <paramref name="index"/> as a new string (null pointer: <paramref name="defaultValue"/> or "").</summary>
    public string ReadText(int index, string? defaultValue = null)
    {
        if (!HasPointer(index)) return defaultValue ?? "";
        return Encoding.UTF8.GetString(ReadTextSpan(index));
    }

    /// <summary>The UTF-8 bytes of the text at pointer <paramref name="index"/>, without the NUL (zero-copy).</summary>
    public ReadOnlySpan<byte> ReadTextSpan(int index) =>
        (uint)index < (uint)Pointers ? PointerResolution.ReadBytes(Message!, Segment, PointerStart + index * 8, text: true) : default;

    /// <summary>The bytes of the data field at pointer <paramref name="index"/> (zero-copy).</summary>
    public ReadOnlySpan<byte> ReadData(int index) =>
        (uint)index < (uint)Pointers ? PointerResolution.ReadBytes(Message!, Segment, PointerStart + index * 8, text: false) : default;

    /// <summary>Pointer <paramref name="index"/> of any kind; absent reads as a null pointer.</summary>
    public AnyPointerReader ReadAnyPointer(int index) =>
        (uint)index < (uint)Pointers ? new AnyPointerReader(Message!, Segment, PointerStart + index * 8, Nesting) : default;
}
