using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;

namespace Pilot.Capnp;

/// <summary>
/// Zero-copy view of a list as stored on the wire. Element accessors apply the encoding spec's upgrade rules, as the
/// C++ reader does: a primitive accessor reads the low bytes of any element with at least that many data bits
/// (so a list of structs whose first field is the primitive reads as that primitive list), <see cref="GetStruct"/>
/// views primitive and pointer elements as structs, and pointer accessors read the first pointer of each element.
/// Incompatible requests (a bool read of a struct list, a struct view of a bit list, a primitive wider than the
/// element) throw <see cref="CapnpException"/>. <c>default</c> is the empty list.
/// </summary>
public readonly struct ListReader
{
    internal readonly MessageReader? Message;
    internal readonly byte[]? Buffer;
    internal readonly int Segment;
    internal readonly int Start;          // absolute byte index of element 0 (after the tag for inline composite)
    internal readonly int ElementCount;
    internal readonly int StepBits;       // bits from one element to the next (data + pointers)
    internal readonly int DataBits;       // data bits per element
    internal readonly int PointersPerElement;
    internal readonly ElementSize Size;
    internal readonly int Nesting;

    internal ListReader(MessageReader message, byte[] buffer, int segment, int start, int count, int stepBits,
        int dataBits, int pointers, ElementSize size, int nesting)
    {
        Message = message; Buffer = buffer; Segment = segment; Start = start; ElementCount = count; StepBits = stepBits;
        DataBits = dataBits; PointersPerElement = pointers; Size = size; Nesting = nesting;
    }

    public int Count => ElementCount;
    public ElementSize ElementSize => Size;
    public bool IsNull => Message is null;

    /// <summary>Data words per element of an inline-composite list (0 otherwise).</summary>
    public int StructDataWords => Size == ElementSize.InlineComposite ? DataBits / 64 : 0;

    /// <summary>Pointers per element of an inline-composite list (1 for pointer lists).</summary>
    public int StructPointerCount => PointersPerElement;

    /// <summary>Absolute byte index of element <paramref name="i"/>'s data, after checking the index and that the
    /// element has at least <paramref name="bits"/> data bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int DataAt(int i, int bits)
    {
        if ((uint)i >= (uint)ElementCount) ThrowHelper.OutOfRange("list index", i, ElementCount);
        if (DataBits < bits) IncompatibleWidth(bits);
        return Start + (int)(((long)i * StepBits) >> 3);
    }

    public byte GetUInt8(int i) => LittleEndian.U8(Buffer!, DataAt(i, 8));
    public sbyte GetInt8(int i) => (sbyte)GetUInt8(i);
    public ushort GetUInt16(int i) => LittleEndian.U16(Buffer!, DataAt(i, 16));
    public short GetInt16(int i) => (short)GetUInt16(i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint GetUInt32(int i) => LittleEndian.U32(Buffer!, DataAt(i, 32));
    public int GetInt32(int i) => (int)GetUInt32(i);
    public ulong GetUInt64(int i) => LittleEndian.U64(Buffer!, DataAt(i, 64));
    public long GetInt64(int i) => (long)GetUInt64(i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float GetFloat32(int i) => BitConverter.UInt32BitsToSingle(GetUInt32(i));
    public double GetFloat64(int i) => BitConverter.UInt64BitsToDouble(GetUInt64(i));

    /// <summary>Element <paramref name="i"/> of a bit list (or bit 0 of a wider primitive element).</summary>
    public bool GetBool(int i)
    {
        if ((uint)i >= (uint)ElementCount) ThrowHelper.OutOfRange("list index", i, ElementCount);
        // Upgrading bool lists to struct lists is not supported by the reference implementation either.
        if (Size == ElementSize.InlineComposite || DataBits < 1) Incompatible("bool");
        long bit = (long)i * StepBits;
        return ((Buffer![Start + (int)(bit >> 3)] >> (int)(bit & 7)) & 1) != 0;
    }

    /// <summary>
    /// Elements as a span of <typeparamref name="T"/> when they are stored exactly that wide (zero-copy bulk read of
    /// a primitive list, e.g. float32 points); throws otherwise. Little-endian hosts only.
    /// </summary>
    public ReadOnlySpan<T> GetPrimitiveSpan<T>() where T : unmanaged
    {
        if (Buffer is null) return default;
        if (!BitConverter.IsLittleEndian) ThrowHelper.Misuse("GetPrimitiveSpan reinterprets little-endian bytes; use the element accessors on this host");
        if (StepBits != Unsafe.SizeOf<T>() * 8 || DataBits != StepBits) Incompatible($"{Unsafe.SizeOf<T>() * 8}-bit span");
        return MemoryMarshal.Cast<byte, T>(new ReadOnlySpan<byte>(Buffer, Start, ElementCount * Unsafe.SizeOf<T>()));
    }

    /// <summary>Element <paramref name="i"/> as a struct (primitive and pointer elements read as one-field structs).</summary>
    public StructReader GetStruct(int i)
    {
        if ((uint)i >= (uint)ElementCount) ThrowHelper.OutOfRange("list index", i, ElementCount);
        if (Size == ElementSize.Bit) Incompatible("struct");
        int data = Start + (int)(((long)i * StepBits) >> 3);
        return new StructReader(Message!, Buffer!, Segment, data, DataBits >> 3, data + (DataBits >> 3), PointersPerElement, Nesting);
    }

    /// <summary>Absolute byte index of element <paramref name="i"/>'s first pointer.</summary>
    private int PointerAt(int i)
    {
        if ((uint)i >= (uint)ElementCount) ThrowHelper.OutOfRange("list index", i, ElementCount);
        if (PointersPerElement == 0) Incompatible("pointer");
        return Start + (int)(((long)i * StepBits) >> 3) + (DataBits >> 3);
    }

    public ListReader GetList(int i) => PointerResolution.ReadList(Message!, Segment, PointerAt(i), Nesting);

    public string GetText(int i) => Encoding.UTF8.GetString(GetTextSpan(i));

    public ReadOnlySpan<byte> GetTextSpan(int i) => PointerResolution.ReadBytes(Message!, Segment, PointerAt(i), text: true);

    public ReadOnlySpan<byte> GetData(int i) => PointerResolution.ReadBytes(Message!, Segment, PointerAt(i), text: false);

    public AnyPointerReader GetAnyPointer(int i) => new(Message!, Segment, PointerAt(i), Nesting);

    // Throwing directly (not through another call) lets the JIT see these never return, so loops over the accessors
    // keep their accumulators in registers.
    [DoesNotReturn]
    private void IncompatibleWidth(int bits) => throw IncompatibleException(bits + "-bit primitive");

    [DoesNotReturn]
    private void Incompatible(string requested) => throw IncompatibleException(requested);

    private CapnpException IncompatibleException(string requested)
    {
        long word = Message!.Segments[Segment].WordOf(Start);
        return new CapnpException(
            $"list at segment {Segment} word {word} with {Size} elements ({DataBits} data bits, {PointersPerElement} pointers each) cannot be read as {requested} elements",
            Segment, word);
    }
}
