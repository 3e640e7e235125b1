using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pilot.Capnp;

/// <summary>
/// Unchecked little-endian loads and stores into segment arrays. Callers have already proven the range lies inside
/// a segment (pointer resolution checks every object against its segment once), so no per-field bounds check is
/// repeated here. The byte swap folds away on little-endian hosts.
/// </summary>
internal static class LittleEndian
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref byte At(byte[] buffer, int index) =>
        ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffer), (nint)(uint)index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte U8(byte[] b, int i) => At(b, i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort U16(byte[] b, int i)
    {
        ushort v = Unsafe.ReadUnaligned<ushort>(ref At(b, i));
        return BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint U32(byte[] b, int i)
    {
        uint v = Unsafe.ReadUnaligned<uint>(ref At(b, i));
        return BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong U64(byte[] b, int i)
    {
        ulong v = Unsafe.ReadUnaligned<ulong>(ref At(b, i));
        return BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Put8(byte[] b, int i, byte v) => At(b, i) = v;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Put16(byte[] b, int i, ushort v) =>
        Unsafe.WriteUnaligned(ref At(b, i), BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Put32(byte[] b, int i, uint v) =>
        Unsafe.WriteUnaligned(ref At(b, i), BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Put64(byte[] b, int i, ulong v) =>
        Unsafe.WriteUnaligned(ref At(b, i), BitConverter.IsLittleEndian ? v : BinaryPrimitives.ReverseEndianness(v));
}
