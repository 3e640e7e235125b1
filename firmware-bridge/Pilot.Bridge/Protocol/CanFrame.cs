using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Pilot.Bridge.Protocol;

/// <summary>What a received or sent frame is.</summary>
public enum FrameKind : byte
{
    Data,
    Remote,
    /// <summary>A bus error report: <see cref="CanFrame.Error"/> says which.</summary>
    Error,
}

/// <summary>Bus error states, in increasing severity (ISO 11898 fault confinement).</summary>
public enum BusErrorState : byte
{
    None = 0,
    ErrorWarning = 1,  // an error counter passed 96
    ErrorPassive = 2,  // an error counter passed 127
    BusOff = 3,        // transmit error counter passed 255: the controller left the bus
    Overrun = 4,       // the receive buffer overflowed and frames were lost
}

/// <summary>
/// One CAN or CAN FD frame, its payload inline (no allocation per frame), plus where it came from and when.
/// Flags follow panda: <see cref="Returned"/> marks the echo of our own transmission, <see cref="Rejected"/> one the
/// device's safety model refused.
/// </summary>
public struct CanFrame
{
    public uint Address;        // 11-bit standard or 29-bit extended identifier
    public byte Bus;            // 0..2 CAN buses of the device
    public byte Length;         // payload bytes, 0..8 classic, DLC lengths up to 64 for FD
    public bool Extended;
    public bool Fd;
    public bool BitrateSwitch;  // FD: data phase at the data bitrate
    public bool Returned;
    public bool Rejected;
    public FrameKind Kind;
    public BusErrorState Error;
    public long TimestampNs;    // monotonic ns (Stopwatch) when the host received it, or the adapter's own stamp
    private Payload _payload;

    [UnscopedRef]
    public Span<byte> Data => MemoryMarshal.CreateSpan(ref _payload[0], Length);

    /// <summary>A data frame with a copy of <paramref name="data"/>.</summary>
    public static CanFrame Create(int bus, uint address, ReadOnlySpan<byte> data, bool extended = false, bool fd = false)
    {
        if (data.Length > (fd ? Dlc.MaxFdLength : Dlc.MaxClassicLength) || Dlc.FromLength(data.Length) < 0)
            throw new ArgumentException($"{data.Length} bytes is not a valid {(fd ? "CAN FD" : "CAN")} payload length", nameof(data));
        if (address > (extended ? 0x1FFF_FFFFu : 0x7FFu))
            throw new ArgumentOutOfRangeException(nameof(address), $"0x{address:X} does not fit a {(extended ? "29" : "11")}-bit identifier");
        var frame = new CanFrame { Bus = (byte)bus, Address = address, Length = (byte)data.Length, Extended = extended, Fd = fd };
        data.CopyTo(frame.Data);
        return frame;
    }

    public override readonly string ToString()
    {
        var copy = this;
        return $"bus {Bus} 0x{Address:X}{(Extended ? "x" : "")} [{Length}] {Convert.ToHexString(copy.Data)}{(Returned ? " returned" : "")}{(Rejected ? " rejected" : "")}{(Kind == FrameKind.Error ? $" error {Error}" : "")}";
    }

    [InlineArray(Dlc.MaxFdLength)]
    private struct Payload { private byte _element; }
}
