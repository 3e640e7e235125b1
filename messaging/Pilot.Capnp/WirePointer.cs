using System.Runtime.CompilerServices;

namespace Pilot.Capnp;

/// <summary>
/// The 64-bit pointer word (encoding spec): bits 0..1 kind (0 struct, 1 list, 2 far, 3 other); for struct and list
/// bits 2..31 a signed word offset from the end of the pointer; struct: bits 32..47 data words, 48..63 pointers;
/// list: bits 32..34 <see cref="ElementSize"/>, 35..63 element count (word count for inline composite);
/// far: bit 2 double-far, bits 3..31 landing-pad word, bits 32..63 segment id; other with offset 0: capability.
/// </summary>
internal static class WirePointer
{
    public const int StructKind = 0, ListKind = 1, FarKind = 2, OtherKind = 3;

    /// <summary>Largest element count a list pointer holds (29 bits).</summary>
    public const int MaxListCount = (1 << 29) - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Kind(ulong w) => (int)w & 3;

    /// <summary>Signed offset in words from the end of the pointer word to the target.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Offset(ulong w) => (int)(uint)w >> 2;

    public static int StructDataWords(ulong w) => (ushort)(w >> 32);
    public static int StructPointerCount(ulong w) => (ushort)(w >> 48);
    public static ElementSize ListElementSize(ulong w) => (ElementSize)((w >> 32) & 7);
    public static int ListCount(ulong w) => (int)(w >> 35);

    /// <summary>Element count held in the offset field of an inline-composite tag word (unsigned, 30 bits).</summary>
    public static int TagElementCount(ulong w) => (int)((uint)w >> 2);

    public static bool IsDoubleFar(ulong w) => (w & 4) != 0;
    public static int FarPadWord(ulong w) => (int)((uint)w >> 3);
    public static uint FarSegment(ulong w) => (uint)(w >> 32);
    public static bool IsCapability(ulong w) => ((uint)w) == OtherKind;

    public static ulong Struct(int offset, int dataWords, int pointerCount) =>
        (uint)(offset << 2) | ((ulong)(ushort)dataWords << 32) | ((ulong)(ushort)pointerCount << 48);

    public static ulong List(int offset, ElementSize size, int count) =>
        (uint)(offset << 2) | ListKind | ((ulong)size << 32) | ((ulong)(uint)count << 35);

    public static ulong Far(bool doubleFar, int padWord, int segment) =>
        FarKind | (doubleFar ? 4u : 0u) | ((ulong)(uint)padWord << 3) | ((ulong)(uint)segment << 32);

    /// <summary>The same pointer with a new offset (kind and size bits kept).</summary>
    public static ulong WithOffset(ulong w, int offset) => (w & 0xFFFF_FFFF_0000_0003UL) | (uint)(offset << 2);

    /// <summary>Data bits per element of a non-composite list (pointer lists have 0 data bits and 1 pointer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int DataBits(ElementSize size) => DataBitsTable[(int)size & 7];

    private static ReadOnlySpan<byte> DataBitsTable => [0, 1, 8, 16, 32, 64, 0, 0];

    public static string KindName(ulong w) => Kind(w) switch
    {
        StructKind => "struct", ListKind => "list", FarKind => "far",
        _ => IsCapability(w) ? "capability" : "unknown (other)",
    };
}
