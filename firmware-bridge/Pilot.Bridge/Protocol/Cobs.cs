namespace Pilot.Bridge.Protocol;

/// <summary>
/// Consistent Overhead Byte Stuffing: removes every zero from a packet so a single 0x00 can delimit packets on a
/// byte stream. A serial link has no packet boundaries (USB bulk transfers do, which is why panda needs none);
/// with a delimiter, a reader that lost sync drops at most one packet and is aligned again at the next zero.
/// Overhead: one byte per 254, plus the delimiter.
/// </summary>
public static class Cobs
{
    public const byte Delimiter = 0;

    /// <summary>Encoded size bound for <paramref name="length"/> input bytes, without the delimiter.</summary>
    public static int MaxEncodedLength(int length) => length + length / 254 + 1;

    /// <summary>Encodes <paramref name="source"/> into <paramref name="destination"/> (no delimiter); returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int codeIndex = 0, write = 1;
        byte code = 1;
        foreach (byte b in source)
        {
            if (b != 0)
            {
                destination[write++] = b;
                code++;
            }
            if (b == 0 || code == 0xFF)
            {
                destination[codeIndex] = code;
                codeIndex = write++;
                code = 1;
            }
        }
        destination[codeIndex] = code;
        return write;
    }

    /// <summary>Decodes one packet (without its delimiter) in place-safe fashion; returns the decoded length, or -1 when malformed.</summary>
    public static int Decode(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        int read = 0, write = 0;
        while (read < source.Length)
        {
            byte code = source[read++];
            if (code == 0 || read + code - 1 > source.Length) return -1;
            for (int i = 1; i < code; i++) destination[write++] = source[read++];
            if (code != 0xFF && read < source.Length) destination[write++] = 0;
        }
        return write;
    }
}
