using System.Buffers.Binary;

namespace Pilot.Bridge.Protocol;

/// <summary>Why a received packet was refused; each reason is counted separately by the reader.</summary>
public enum PacketError
{
    None,
    Framing,       // the COBS encoding is broken (a zero run points past the packet end)
    TooShort,      // fewer bytes than a header
    UnknownDlc,    // a DLC above 8 without the FD flag
    LengthMismatch,// the packet is not exactly header + DLC length bytes
    BadChecksum,
    BadAddress,    // a standard identifier above 0x7FF
    Oversize,      // more bytes before a delimiter than any packet can hold
}

/// <summary>
/// The Pilot device packet, panda's CAN packet layout: a 6-byte header then the payload.
/// <code>
/// byte 0      bit 0 FD, bits 1..3 bus, bits 4..7 DLC
/// bytes 1..4  little-endian: bit 0 rejected, bit 1 returned, bit 2 extended, bits 3..31 address
/// byte 5      XOR of header bytes 0..4 and every payload byte
/// </code>
/// Bus 7 carries control messages (<see cref="Control"/>): the address is the opcode, the payload its arguments.
/// </summary>
public static class Packet
{
    public const int HeaderSize = 6;
    public const int MaxSize = HeaderSize + Dlc.MaxFdLength;  // 70 bytes
    public const int ControlBus = 7;                           // the bus number reserved for control messages

    /// <summary>Writes <paramref name="frame"/> as a packet into <paramref name="destination"/>; returns the bytes written.</summary>
    public static int Write(in CanFrame frame, Span<byte> destination)
    {
        int dlc = Dlc.FromLength(frame.Length);
        destination[0] = (byte)((frame.Fd ? 1 : 0) | ((frame.Bus & 7) << 1) | (dlc << 4));
        uint word = (frame.Address << 3) | (frame.Extended ? 4u : 0) | (frame.Returned ? 2u : 0) | (frame.Rejected ? 1u : 0);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[1..], word);
        var copy = frame;
        copy.Data.CopyTo(destination[HeaderSize..]);
        int size = HeaderSize + frame.Length;
        destination[5] = 0;
        destination[5] = Xor(destination[..size]);
        return size;
    }

    /// <summary>Parses one whole packet; on failure <paramref name="frame"/> is untouched and the reason is returned.</summary>
    public static PacketError TryRead(ReadOnlySpan<byte> packet, ref CanFrame frame)
    {
        if (packet.Length < HeaderSize) return PacketError.TooShort;
        bool fd = (packet[0] & 1) != 0;
        int dlc = packet[0] >> 4;
        if (!fd && dlc > 8) return PacketError.UnknownDlc;
        int length = Dlc.ToLength(dlc);
        if (packet.Length != HeaderSize + length) return PacketError.LengthMismatch;
        if (Xor(packet) != 0) return PacketError.BadChecksum;  // XOR over everything, checksum included, is zero
        uint word = BinaryPrimitives.ReadUInt32LittleEndian(packet[1..]);
        bool extended = (word & 4) != 0;
        uint address = word >> 3;
        if (!extended && address > 0x7FF) return PacketError.BadAddress;

        frame.Fd = fd;
        frame.Bus = (byte)((packet[0] >> 1) & 7);
        frame.Length = (byte)length;
        frame.Address = address;
        frame.Extended = extended;
        frame.Returned = (word & 2) != 0;
        frame.Rejected = (word & 1) != 0;
        frame.Kind = FrameKind.Data;
        frame.Error = BusErrorState.None;
        packet[HeaderSize..].CopyTo(frame.Data);
        return PacketError.None;
    }

    private static byte Xor(ReadOnlySpan<byte> bytes)
    {
        byte x = 0;
        foreach (byte b in bytes) x ^= b;
        return x;
    }
}
