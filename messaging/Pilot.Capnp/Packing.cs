using System.Buffers;

namespace Pilot.Capnp;

/// <summary>
/// The packed encoding (encoding spec, "Packing"): per word a tag byte whose bit i says byte i is non-zero, then the
/// non-zero bytes. Tag 0x00 is followed by a count of further all-zero words; tag 0xFF by a count of words copied
/// verbatim. The run heuristics match the C++ packer, so output is byte-identical to <c>capnp</c>'s.
/// </summary>
public static class Packing
{
    /// <summary>Upper bound of the packed size of <paramref name="unpackedBytes"/> bytes (10 bytes per word).</summary>
    public static int MaxPackedSize(int unpackedBytes) => unpackedBytes / 8 * 10 + 2;

    public static byte[] Pack(ReadOnlySpan<byte> unpacked)
    {
        var output = new byte[MaxPackedSize(unpacked.Length)];
        return output.AsSpan(0, Pack(unpacked, output)).ToArray();
    }

    public static void Pack(ReadOnlySpan<byte> unpacked, Stream stream)
    {
        byte[] output = ArrayPool<byte>.Shared.Rent(MaxPackedSize(unpacked.Length));
        try
        {
            stream.Write(output, 0, Pack(unpacked, output));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(output);
        }
    }

    public static void Pack(ReadOnlySpan<byte> unpacked, IBufferWriter<byte> writer) =>
        writer.Advance(Pack(unpacked, writer.GetSpan(MaxPackedSize(unpacked.Length))));

    /// <summary>Packs whole words of <paramref name="unpacked"/> into <paramref name="output"/>
    /// (at least <see cref="MaxPackedSize"/> bytes); returns the packed length.</summary>
    public static int Pack(ReadOnlySpan<byte> unpacked, Span<byte> output)
    {
        if (unpacked.Length % 8 != 0) throw new ArgumentException($"{unpacked.Length} bytes is not a whole number of words", nameof(unpacked));
        if (output.Length < MaxPackedSize(unpacked.Length))
            throw new ArgumentException($"output has {output.Length} bytes, packing may need {MaxPackedSize(unpacked.Length)}", nameof(output));
        int i = 0, o = 0;
        while (i < unpacked.Length)
        {
            int tagAt = o++;
            byte tag = 0;
            for (int k = 0; k < 8; k++)
            {
                byte v = unpacked[i + k];
                if (v != 0)
                {
                    tag |= (byte)(1 << k);
                    output[o++] = v;
                }
            }
            output[tagAt] = tag;
            i += 8;
            if (tag == 0)
            {
                int run = 0;
                while (run < 255 && i < unpacked.Length && IsZeroWord(unpacked.Slice(i, 8)))
                {
                    run++;
                    i += 8;
                }
                output[o++] = (byte)run;
            }
            else if (tag == 0xFF)
            {
                // Words with at most one zero byte pack no smaller than they are: copy them verbatim (C++ heuristic).
                int runStart = i, run = 0;
                while (run < 255 && i < unpacked.Length && ZeroBytes(unpacked.Slice(i, 8)) < 2)
                {
                    run++;
                    i += 8;
                }
                output[o++] = (byte)run;
                unpacked[runStart..i].CopyTo(output[o..]);
                o += i - runStart;
            }
        }
        return o;
    }

    private static bool IsZeroWord(ReadOnlySpan<byte> word) => !word.ContainsAnyExcept((byte)0);

    private static int ZeroBytes(ReadOnlySpan<byte> word) => word.Count((byte)0);

    /// <summary>Unpacks <paramref name="packed"/>; refuses to produce more than <paramref name="maxOutputBytes"/>
    /// (a packed zero run expands 2 bytes into 2 KiB, so untrusted input needs a bound).</summary>
    public static byte[] Unpack(ReadOnlySpan<byte> packed, long maxOutputBytes)
    {
        long size = UnpackedSize(packed, maxOutputBytes);
        var output = new byte[size];
        int i = 0, o = 0;
        while (i < packed.Length)
        {
            byte tag = packed[i++];
            for (int k = 0; k < 8; k++) output[o++] = (tag & (1 << k)) != 0 ? packed[i++] : (byte)0;
            if (tag == 0) o += packed[i++] * 8;
            else if (tag == 0xFF)
            {
                int n = packed[i++] * 8;
                packed.Slice(i, n).CopyTo(output.AsSpan(o));
                i += n;
                o += n;
            }
        }
        return output;
    }

    /// <summary>Validates <paramref name="packed"/> and returns its unpacked length.</summary>
    private static long UnpackedSize(ReadOnlySpan<byte> packed, long maxOutputBytes)
    {
        long size = 0;
        int i = 0;
        while (i < packed.Length)
        {
            int tagAt = i;
            byte tag = packed[i++];
            i += System.Numerics.BitOperations.PopCount(tag);
            long words = 1;
            if (tag == 0 || tag == 0xFF)
            {
                if (i >= packed.Length) Truncated(tagAt, packed.Length);
                int run = packed[i++];
                words += run;
                if (tag == 0xFF) i += run * 8;
            }
            if (i > packed.Length) Truncated(tagAt, packed.Length);
            size += words * 8;
            if (size > maxOutputBytes)
                ThrowHelper.Limit("maxOutputBytes", -1, -1,
                    $"packed input at byte {tagAt} unpacks beyond the limit of {maxOutputBytes} bytes");
        }
        return size;
    }

    private static void Truncated(int tagAt, int length) =>
        ThrowHelper.Framing($"packed input truncated: the word whose tag is at byte {tagAt} runs past the end ({length} bytes)");
}
