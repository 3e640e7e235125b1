using System.Buffers.Binary;

namespace Pilot.Vision.Data.Idx;

/// <summary>
/// The IDX header (LeCun's MNIST format): two zero bytes, an element-type code, the number of dimensions, then each
/// dimension as a big-endian int32. Only unsigned bytes (type 0x08) are supported: the MNIST family uses nothing else.
/// </summary>
public readonly struct IdxHeader
{
    public const byte TypeUInt8 = 0x08;

    /// <summary>Dimensions, outermost first (e.g. [60000, 28, 28]).</summary>
    public int[] Shape { get; }

    /// <summary>Header length in bytes (4 + 4 × rank); the data starts here.</summary>
    public int Length => 4 + 4 * Shape.Length;

    /// <summary>Number of data bytes the header declares.</summary>
    public long PayloadBytes { get; }

    private IdxHeader(int[] shape, long payloadBytes)
    {
        Shape = shape;
        PayloadBytes = payloadBytes;
    }

    /// <summary>Bytes needed to know the header length: the first four.</summary>
    public const int PrefixLength = 4;

    /// <summary>Reads the rank from the 4-byte prefix, validating the magic; returns the full header length.</summary>
    public static int ParsePrefix(ReadOnlySpan<byte> prefix, string file, IdxLimits limits)
    {
        if (prefix.Length < PrefixLength)
            throw new DataFormatException(file, prefix.Length, $"file ends inside the 4-byte IDX magic ({prefix.Length} bytes present)");
        if (prefix[0] != 0 || prefix[1] != 0)
            throw new DataFormatException(file, prefix[0] != 0 ? 0 : 1,
                $"not an IDX file: magic starts 0x{prefix[0]:X2} 0x{prefix[1]:X2}, expected 0x00 0x00");
        if (prefix[2] != TypeUInt8)
            throw new DataFormatException(file, 2,
                $"IDX element type 0x{prefix[2]:X2} ({TypeName(prefix[2])}) is not supported; only 0x08 (unsigned byte) is");
        int rank = prefix[3];
        if (rank == 0 || rank > limits.MaxDimensions)
            throw new DataFormatException(file, 3,
                $"IDX declares {rank} dimensions; 1 to {limits.MaxDimensions} accepted (IdxLimits.MaxDimensions)");
        return 4 + 4 * rank;
    }

    /// <summary>Parses a complete header (its length from <see cref="ParsePrefix"/>).</summary>
    public static IdxHeader Parse(ReadOnlySpan<byte> header, string file, IdxLimits limits)
    {
        int length = ParsePrefix(header, file, limits);
        if (header.Length < length)
            throw new DataFormatException(file, header.Length,
                $"file ends inside the IDX header: {length} bytes needed for {header[3]} dimensions, {header.Length} present");
        var shape = new int[header[3]];
        long payload = 1;
        for (int d = 0; d < shape.Length; d++)
        {
            int offset = 4 + 4 * d;
            int size = BinaryPrimitives.ReadInt32BigEndian(header[offset..]);
            if (size < 0)
                throw new DataFormatException(file, offset, $"dimension {d} is negative ({size})");
            shape[d] = size;
            payload *= size;
            if (payload > limits.MaxPayloadBytes)
                throw new DataFormatException(file, offset,
                    $"declared shape [{string.Join(", ", shape[..(d + 1)])}{(d + 1 < shape.Length ? ", ..." : "")}] " +
                    $"exceeds IdxLimits.MaxPayloadBytes ({limits.MaxPayloadBytes} bytes)");
        }
        return new IdxHeader(shape, payload);
    }

    private static string TypeName(byte code) => code switch
    {
        0x09 => "signed byte",
        0x0B => "int16",
        0x0C => "int32",
        0x0D => "float32",
        0x0E => "float64",
        _ => "unknown",
    };
}
