using System.Buffers.Binary;

namespace Pilot.Capnp.Tests;

/// <summary>Hand-made wire words for hostile-input tests, written with BinaryPrimitives independently of the runtime.</summary>
internal static class Raw
{
    public static ulong Struct(int offset, int dataWords, int pointers) =>
        (uint)(offset << 2) | ((ulong)(ushort)dataWords << 32) | ((ulong)(ushort)pointers << 48);

    public static ulong List(int offset, ElementSize size, int count) =>
        (uint)(offset << 2) | 1u | ((ulong)size << 32) | ((ulong)(uint)count << 35);

    public static ulong Far(bool doubleFar, int padWord, int segment) =>
        2u | (doubleFar ? 4u : 0u) | ((ulong)(uint)padWord << 3) | ((ulong)(uint)segment << 32);

    /// <summary>A framed message whose segments hold the given words.</summary>
    public static byte[] Framed(params ulong[][] segments)
    {
        int table = (segments.Length + 2) / 2 * 8;
        var bytes = new byte[table + segments.Sum(s => s.Length) * 8];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)(segments.Length - 1));
        int at = table;
        for (int i = 0; i < segments.Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4 + 4 * i), (uint)segments[i].Length);
            foreach (ulong w in segments[i])
            {
                BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(at), w);
                at += 8;
            }
        }
        return bytes;
    }

    /// <summary>A bare segment table declaring <paramref name="count"/> segments of <paramref name="words"/> words, no data.</summary>
    public static byte[] Table(uint countMinusOne, uint words)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, countMinusOne);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), words);
        return bytes;
    }
}
