using System.Buffers.Binary;

namespace Pilot.Hardware.Gnss;

/// <summary>
/// UBX framing (u-blox 8 / M8 receiver description, UBX-13003221, §32.2): 0xB5 0x62, class, id, little-endian U2
/// payload length, payload, and an 8-bit Fletcher checksum CK_A CK_B over class..payload (§32.4).
/// </summary>
public static class UbxFrame
{
    public const byte Sync1 = 0xB5, Sync2 = 0x62;
    public const int HeaderBytes = 6, ChecksumBytes = 2, Overhead = HeaderBytes + ChecksumBytes;

    /// <summary>
    /// Largest payload accepted, bytes. NAV-SAT with 64 satellites is 8 + 12·64 = 776; anything much larger on a
    /// serial link is a corrupted length field, and waiting for it would stall the stream.
    /// </summary>
    public const int MaxPayloadBytes = 1024;

    /// <summary>The 8-bit Fletcher checksum of §32.4 over <paramref name="data"/> (class, id, length, payload).</summary>
    public static (byte A, byte B) Checksum(ReadOnlySpan<byte> data)
    {
        byte a = 0, b = 0;
        foreach (byte x in data)
        {
            a += x;
            b += a;
        }
        return (a, b);
    }

    /// <summary>Writes a complete frame into <paramref name="destination"/>; returns its length.</summary>
    public static int Write(Span<byte> destination, byte messageClass, byte messageId, ReadOnlySpan<byte> payload)
    {
        int total = Overhead + payload.Length;
        if (payload.Length > MaxPayloadBytes) throw new ArgumentException($"UBX payload of {payload.Length} bytes exceeds {nameof(MaxPayloadBytes)} = {MaxPayloadBytes}", nameof(payload));
        if (destination.Length < total) throw new ArgumentException($"destination holds {destination.Length} bytes, the frame needs {total}", nameof(destination));
        destination[0] = Sync1;
        destination[1] = Sync2;
        destination[2] = messageClass;
        destination[3] = messageId;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[4..], (ushort)payload.Length);
        payload.CopyTo(destination[HeaderBytes..]);
        (byte a, byte b) = Checksum(destination[2..(HeaderBytes + payload.Length)]);
        destination[total - 2] = a;
        destination[total - 1] = b;
        return total;
    }

    /// <summary>A new array holding one frame (for configuration messages, which are rare).</summary>
    public static byte[] Build(byte messageClass, byte messageId, ReadOnlySpan<byte> payload)
    {
        var frame = new byte[Overhead + payload.Length];
        Write(frame, messageClass, messageId, payload);
        return frame;
    }

    public static byte Class(ReadOnlySpan<byte> frame) => frame[2];

    public static byte Id(ReadOnlySpan<byte> frame) => frame[3];

    public static ReadOnlySpan<byte> Payload(ReadOnlySpan<byte> frame) => frame[HeaderBytes..^ChecksumBytes];
}
