using System.Runtime.CompilerServices;

namespace Pilot.Capnp;

/// <summary>Writable view of a list inside a <see cref="MessageBuilder"/>. Element setters must match the list's
/// element size exactly (an <see cref="InvalidOperationException"/> otherwise).</summary>
public readonly struct ListBuilder
{
    internal readonly MessageBuilder Builder;
    internal readonly byte[] Buffer;
    internal readonly int Segment;
    internal readonly int Start;          // byte index of element 0 (after the tag for inline composite)
    internal readonly int ElementCount;
    internal readonly int StepBits;
    internal readonly int DataBits;
    internal readonly int PointersPerElement;
    internal readonly ElementSize Size;

    internal ListBuilder(MessageBuilder builder, byte[] buffer, int segment, int start, int count, int stepBits, int dataBits, int pointers, ElementSize size)
    {
        Builder = builder; Buffer = buffer; Segment = segment; Start = start; ElementCount = count; StepBits = stepBits;
        DataBits = dataBits; PointersPerElement = pointers; Size = size;
    }

    public int Count => ElementCount;
    public ElementSize ElementSize => Size;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int At(int i, ElementSize expected)
    {
        if ((uint)i >= (uint)ElementCount) ThrowHelper.OutOfRange("list index", i, ElementCount);
        if (Size != expected) ThrowHelper.Misuse($"list of {Size} elements cannot take a {expected} element");
        return Start + (int)(((long)i * StepBits) >> 3);
    }

    public void SetUInt8(int i, byte v) => LittleEndian.Put8(Buffer, At(i, ElementSize.Byte), v);
    public void SetInt8(int i, sbyte v) => SetUInt8(i, (byte)v);
    public void SetUInt16(int i, ushort v) => LittleEndian.Put16(Buffer, At(i, ElementSize.TwoBytes), v);
    public void SetInt16(int i, short v) => SetUInt16(i, (ushort)v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetUInt32(int i, uint v) => LittleEndian.Put32(Buffer, At(i, ElementSize.FourBytes), v);
    public void SetInt32(int i, int v) => SetUInt32(i, (uint)v);
    public void SetUInt64(int i, ulong v) => LittleEndian.Put64(Buffer, At(i, ElementSize.EightBytes), v);
    public void SetInt64(int i, long v) => SetUInt64(i, (ulong)v);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetFloat32(int i, float v) => SetUInt32(i, BitConverter.SingleToUInt32Bits(v));
    public void SetFloat64(int i, double v) => SetUInt64(i, BitConverter.DoubleToUInt64Bits(v));

    public void SetBool(int i, bool v)
    {
        if ((uint)i >= (uint)ElementCount) ThrowHelper.OutOfRange("list index", i, ElementCount);
        if (Size != ElementSize.Bit) ThrowHelper.Misuse($"list of {Size} elements cannot take a bool");
        int index = Start + (i >> 3), bit = i & 7;
        Buffer[index] = (byte)((Buffer[index] & ~(1 << bit)) | ((v ? 1 : 0) << bit));
    }

    /// <summary>Copies <paramref name="values"/> into a list whose elements are exactly <typeparamref name="T"/>-sized,
    /// starting at element <paramref name="start"/> (bulk write of e.g. float32 points).</summary>
    public void SetRange<T>(int start, ReadOnlySpan<T> values) where T : unmanaged
    {
        int size = Unsafe.SizeOf<T>();
        if (Size == ElementSize.InlineComposite || Size == ElementSize.Pointer || StepBits != size * 8)
            ThrowHelper.Misuse($"list of {Size} elements cannot take {size}-byte values in bulk");
        if (!BitConverter.IsLittleEndian) ThrowHelper.Misuse("SetRange copies little-endian bytes; use the element setters on this host");
        if ((uint)start > (uint)ElementCount || values.Length > ElementCount - start)
            ThrowHelper.OutOfRange("list range end", (long)start + values.Length, ElementCount + 1);
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).CopyTo(Buffer.AsSpan(Start + start * size));
    }

    public StructBuilder GetStruct(int i)
    {
        int at = At(i, ElementSize.InlineComposite);
        return new StructBuilder(Builder, Buffer, Segment, at, DataBits / 8, at + DataBits / 8, PointersPerElement);
    }

    private int PointerWord(int i) => At(i, ElementSize.Pointer) / 8;

    public ListBuilder InitList(int i, ElementSize size, int count) => PointerWriter.InitList(Builder, Segment, PointerWord(i), size, count);

    public ListBuilder InitStructList(int i, int count, int dataWords, int pointerCount) =>
        PointerWriter.InitStructList(Builder, Segment, PointerWord(i), count, dataWords, pointerCount);

    public StructBuilder InitStruct(int i, int dataWords, int pointerCount) =>
        PointerWriter.InitStruct(Builder, Segment, PointerWord(i), dataWords, pointerCount);

    public void SetText(int i, string? v) => PointerWriter.SetText(Builder, Segment, PointerWord(i), v);
    public void SetData(int i, ReadOnlySpan<byte> v) => PointerWriter.SetData(Builder, Segment, PointerWord(i), v);
    /// <summary>Struct lists: deep-copies <paramref name="v"/> into element <paramref name="i"/> (fields beyond the
    /// element's size are dropped, as in C++ <c>setWithCaveats</c>). Pointer lists: points element i at a deep copy.</summary>
    public void SetStruct(int i, StructReader v)
    {
        if (Size == ElementSize.InlineComposite)
        {
            var e = GetStruct(i);
            Copier.CopyInto(Builder, e.Segment, e.DataStart, e.DataBytes, e.PointerStart / 8, e.Pointers, v, canonical: false);
        }
        else Copier.CopyStruct(Builder, Segment, PointerWord(i), v, canonical: false);
    }
    public void SetList(int i, ListReader v) => Copier.CopyList(Builder, Segment, PointerWord(i), v, canonical: false);
    public void SetAnyPointer(int i, AnyPointerReader v) => Copier.CopyPointer(Builder, Segment, PointerWord(i), v, canonical: false);

    /// <summary>A reader over this list (unlimited: the builder's content is trusted).</summary>
    public ListReader AsReader() =>
        new(Builder.View, Buffer, Segment, Start, ElementCount, StepBits, DataBits, PointersPerElement, Size, int.MaxValue);
}
