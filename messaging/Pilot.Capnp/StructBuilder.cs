using System.Runtime.CompilerServices;

namespace Pilot.Capnp;

/// <summary>
/// Writable view of a struct inside a <see cref="MessageBuilder"/>. Offsets are as for <see cref="StructReader"/>;
/// values are stored XOR their default (encoding spec, "Default values"). Writing outside the struct's declared
/// size is a programming error (<see cref="ArgumentOutOfRangeException"/>).
/// </summary>
public readonly struct StructBuilder
{
    internal readonly MessageBuilder Builder;
    internal readonly byte[] Buffer;
    internal readonly int Segment;
    internal readonly int DataStart;      // byte index into Buffer (builder segments start at byte 0)
    internal readonly int DataBytes;
    internal readonly int PointerStart;   // byte index into Buffer
    internal readonly int Pointers;

    internal StructBuilder(MessageBuilder builder, byte[] buffer, int segment, int dataStart, int dataBytes, int pointerStart, int pointers)
    {
        Builder = builder; Buffer = buffer; Segment = segment; DataStart = dataStart; DataBytes = dataBytes;
        PointerStart = pointerStart; Pointers = pointers;
    }

    public int DataWords => DataBytes / 8;
    public int PointerCount => Pointers;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int At(int offset, int shift)
    {
        if ((uint)offset >= (uint)(DataBytes >> shift)) ThrowHelper.OutOfRange("data offset", offset, DataBytes >> shift);
        return DataStart + (offset << shift);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt8(int offset, byte value, byte defaultValue = 0) => LittleEndian.Put8(Buffer, At(offset, 0), (byte)(value ^ defaultValue));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt8(int offset, sbyte value, sbyte defaultValue = 0) => WriteUInt8(offset, (byte)value, (byte)defaultValue);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt16(int offset, ushort value, ushort defaultValue = 0) => LittleEndian.Put16(Buffer, At(offset, 1), (ushort)(value ^ defaultValue));
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt16(int offset, short value, short defaultValue = 0) => WriteUInt16(offset, (ushort)value, (ushort)defaultValue);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt32(int offset, uint value, uint defaultValue = 0) => LittleEndian.Put32(Buffer, At(offset, 2), value ^ defaultValue);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt32(int offset, int value, int defaultValue = 0) => WriteUInt32(offset, (uint)value, (uint)defaultValue);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteUInt64(int offset, ulong value, ulong defaultValue = 0) => LittleEndian.Put64(Buffer, At(offset, 3), value ^ defaultValue);
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteInt64(int offset, long value, long defaultValue = 0) => WriteUInt64(offset, (ulong)value, (ulong)defaultValue);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteFloat32(int offset, float value, float defaultValue = 0) =>
        WriteUInt32(offset, BitConverter.SingleToUInt32Bits(value), BitConverter.SingleToUInt32Bits(defaultValue));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteFloat64(int offset, double value, double defaultValue = 0) =>
        WriteUInt64(offset, BitConverter.DoubleToUInt64Bits(value), BitConverter.DoubleToUInt64Bits(defaultValue));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteBool(int bitOffset, bool value, bool defaultValue = false)
    {
        if ((uint)bitOffset >= (uint)(DataBytes << 3)) ThrowHelper.OutOfRange("bit offset", bitOffset, DataBytes << 3);
        int index = DataStart + (bitOffset >> 3), bit = bitOffset & 7;
        byte b = LittleEndian.U8(Buffer, index);
        int stored = value != defaultValue ? 1 : 0;
        LittleEndian.Put8(Buffer, index, (byte)((b & ~(1 << bit)) | (stored << bit)));
    }

    /// <summary>Word index of pointer <paramref name="index"/> in this segment.</summary>
    private int PointerWord(int index)
    {
        if ((uint)index >= (uint)Pointers) ThrowHelper.OutOfRange("pointer index", index, Pointers);
        return PointerStart / 8 + index;
    }

    public StructBuilder InitStruct(int index, int dataWords, int pointerCount) =>
        PointerWriter.InitStruct(Builder, Segment, PointerWord(index), dataWords, pointerCount);

    public StructBuilder GetStruct(int index, int dataWords, int pointerCount) =>
        PointerWriter.GetStruct(Builder, Segment, PointerWord(index), dataWords, pointerCount);

    public ListBuilder InitList(int index, ElementSize size, int count) =>
        PointerWriter.InitList(Builder, Segment, PointerWord(index), size, count);

    public ListBuilder InitStructList(int index, int count, int dataWords, int pointerCount) =>
        PointerWriter.InitStructList(Builder, Segment, PointerWord(index), count, dataWords, pointerCount);

    /// <summary>Writes <paramref name="value"/> as NUL-terminated UTF-8; null clears the pointer.</summary>
    public void SetText(int index, string? value) => PointerWriter.SetText(Builder, Segment, PointerWord(index), value);
    public void SetText(int index, ReadOnlySpan<byte> utf8) => PointerWriter.SetText(Builder, Segment, PointerWord(index), utf8);
    public void SetData(int index, ReadOnlySpan<byte> value) => PointerWriter.SetData(Builder, Segment, PointerWord(index), value);

    /// <summary>Deep-copies <paramref name="value"/> (from any message, or this one) into pointer <paramref name="index"/>.</summary>
    public void SetStruct(int index, StructReader value) => Copier.CopyStruct(Builder, Segment, PointerWord(index), value, canonical: false);

    public void SetList(int index, ListReader value) => Copier.CopyList(Builder, Segment, PointerWord(index), value, canonical: false);

    public void SetAnyPointer(int index, AnyPointerReader value) => Copier.CopyPointer(Builder, Segment, PointerWord(index), value, canonical: false);

    /// <summary>Nulls pointer <paramref name="index"/> and zeroes the object it held.</summary>
    public void ClearPointer(int index) => BuilderPointers.Clear(Builder, Segment, PointerWord(index));

    /// <summary>A reader over this struct (unlimited: the builder's content is trusted).</summary>
    public StructReader AsReader() =>
        new(Builder.View, Buffer, Segment, DataStart, DataBytes, PointerStart, Pointers, int.MaxValue);
}
