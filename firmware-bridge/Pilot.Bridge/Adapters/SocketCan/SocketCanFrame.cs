using System.Buffers.Binary;
using Pilot.Bridge.Protocol;

namespace Pilot.Bridge.Adapters.SocketCan;

/// <summary>
/// Packing of linux/can.h <c>struct can_frame</c> (16 bytes) and <c>struct canfd_frame</c> (72 bytes), host byte order
/// (little-endian on every platform Pilot runs on):
/// <code>
/// can_frame:   u32 can_id | u8 len | u8 pad | u8 res0 | u8 len8_dlc | u8 data[8]
/// canfd_frame: u32 can_id | u8 len | u8 flags | u8 res0 | u8 res1   | u8 data[64]
/// can_id: bits 0..28 identifier, bit 29 error frame, bit 30 remote, bit 31 extended
/// </code>
/// </summary>
public static class SocketCanFrame
{
    public const int ClassicSize = 16;
    public const int FdSize = 72;
    public const uint EffFlag = 0x8000_0000;    // CAN_EFF_FLAG: 29-bit identifier
    public const uint RtrFlag = 0x4000_0000;    // CAN_RTR_FLAG: remote frame
    public const uint ErrFlag = 0x2000_0000;    // CAN_ERR_FLAG: error frame (linux/can/error.h)
    public const byte FdBrs = 0x01;             // CANFD_BRS: bitrate switch
    public const byte FdFdf = 0x04;             // CANFD_FDF: marks an FD frame in canfd_frame.flags
    private const uint ErrCrtl = 0x04;          // CAN_ERR_CRTL: controller problem, details in data[1]
    private const uint ErrBusOff = 0x40;        // CAN_ERR_BUSOFF

    /// <summary>Writes <paramref name="frame"/> as can_frame, or canfd_frame when it is FD; returns the struct size.</summary>
    public static int Pack(in CanFrame frame, Span<byte> destination)
    {
        int size = frame.Fd ? FdSize : ClassicSize;
        destination[..size].Clear();
        uint id = frame.Address | (frame.Extended ? EffFlag : 0) | (frame.Kind == FrameKind.Remote ? RtrFlag : 0);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, id);
        destination[4] = frame.Length;
        if (frame.Fd) destination[5] = (byte)(FdFdf | (frame.BitrateSwitch ? FdBrs : 0));
        var copy = frame;
        if (frame.Kind != FrameKind.Remote) copy.Data.CopyTo(destination[8..]);
        return size;
    }

    /// <summary>Reads a can_frame (16 bytes) or canfd_frame (72 bytes) as the kernel delivered it.</summary>
    public static CanFrame Unpack(ReadOnlySpan<byte> source)
    {
        if (source.Length is not (ClassicSize or FdSize))
            throw new InvalidDataException($"a SocketCAN frame is {ClassicSize} or {FdSize} bytes, got {source.Length}");
        uint id = BinaryPrimitives.ReadUInt32LittleEndian(source);
        bool fd = source.Length == FdSize;
        int length = source[4];
        if (length > (fd ? Dlc.MaxFdLength : Dlc.MaxClassicLength))
            throw new InvalidDataException($"SocketCAN frame length {length} exceeds the {(fd ? "FD" : "classic")} maximum");
        var frame = new CanFrame
        {
            Extended = (id & EffFlag) != 0,
            Address = id & ((id & EffFlag) != 0 ? 0x1FFF_FFFFu : 0x7FFu),
            Fd = fd,
            BitrateSwitch = fd && (source[5] & FdBrs) != 0,
            Length = (byte)length,
            Kind = (id & ErrFlag) != 0 ? FrameKind.Error : (id & RtrFlag) != 0 ? FrameKind.Remote : FrameKind.Data,
        };
        source.Slice(8, length).CopyTo(frame.Data);
        if (frame.Kind == FrameKind.Error) frame.Error = ErrorState(id, source);
        return frame;
    }

    // linux/can/error.h: class bits in can_id, controller details in data[1].
    private static BusErrorState ErrorState(uint id, ReadOnlySpan<byte> source)
    {
        if ((id & ErrBusOff) != 0) return BusErrorState.BusOff;
        if ((id & ErrCrtl) == 0) return BusErrorState.None;
        byte detail = source[8 + 1];
        if ((detail & 0x30) != 0) return BusErrorState.ErrorPassive;  // CAN_ERR_CRTL_RX_PASSIVE | TX_PASSIVE
        if ((detail & 0x0C) != 0) return BusErrorState.ErrorWarning;  // CAN_ERR_CRTL_RX_WARNING | TX_WARNING
        if ((detail & 0x03) != 0) return BusErrorState.Overrun;       // CAN_ERR_CRTL_RX_OVERFLOW | TX_OVERFLOW
        return BusErrorState.None;
    }
}
