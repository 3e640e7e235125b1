using System.Buffers.Binary;
using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Protocol;

/// <summary>Control opcodes: the address of a packet on <see cref="Packet.ControlBus"/>.</summary>
public enum ControlOp : uint
{
    SetSafetyMode = 1,  // host→device: u16 mode, u16 parameter
    Heartbeat = 2,      // host→device: u8 host engaged; expected at 10 Hz
    SetBitrate = 3,     // host→device: u8 bus, u32 bitrate bit/s, u32 FD data bitrate bit/s (0 = classic only)
    HealthRequest = 4,  // host→device: no payload; answered with Health
    Health = 5,         // device→host: DeviceHealth, 48 bytes (an FD-length packet)
    Fault = 6,          // host→bench device only: u8 FaultKind, u32 argument
    BusError = 7,       // device→host: u8 bus, u8 BusErrorState
    InjectRx = 8,       // host→bench device only: u8 bus, u32 address (bit 31 = extended), u8 length, payload; arrives as if from that bus
}

/// <summary>Faults the bench device can inject on request (never honoured by real firmware).</summary>
public enum FaultKind : byte
{
    Clear = 0,          // remove every fault
    Drop = 1,           // argument N: drop every Nth frame the host sends
    Delay = 2,          // argument µs: hold every echo and bus frame this long before sending it
    Corrupt = 3,        // argument N: flip a bit in every Nth packet sent to the host
    BusOff = 4,         // argument bus: that bus goes bus-off (frames for it are lost, a BusError is reported)
    Silence = 5,        // argument ms: send nothing and read nothing for this long ("stop answering")
}

/// <summary>Builders and parsers for control packets.</summary>
public static class Control
{
    public const int MinBitrate = 10_000;        // bit/s, the slowest SLCAN/panda rate (S0)
    public const int MaxBitrate = 1_000_000;     // bit/s, classic CAN ceiling
    public const int MaxDataBitrate = 8_000_000; // bit/s, CAN FD data phase ceiling of common transceivers

    public static bool IsControl(in CanFrame frame) => frame.Bus == Packet.ControlBus;

    public static CanFrame SetSafetyMode(SafetyMode mode, ushort parameter = 0)
    {
        Span<byte> p = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(p, (ushort)mode);
        BinaryPrimitives.WriteUInt16LittleEndian(p[2..], parameter);
        return Make(ControlOp.SetSafetyMode, p);
    }

    public static CanFrame Heartbeat(bool engaged = false) => Make(ControlOp.Heartbeat, [engaged ? (byte)1 : (byte)0]);

    /// <summary>Whether the host said it is engaged; a heartbeat without the byte says not engaged.</summary>
    public static bool ReadHeartbeat(in CanFrame frame) => frame.Length > 0 && Payload(frame, ControlOp.Heartbeat, 1)[0] != 0;

    public static CanFrame HealthRequest() => Make(ControlOp.HealthRequest, []);

    /// <summary>A bitrate change; throws for a bus or rate no CAN controller accepts.</summary>
    public static CanFrame SetBitrate(int bus, int bitrate, int dataBitrate = 0)
    {
        if (bus is < 0 or >= Packet.ControlBus) throw new ArgumentOutOfRangeException(nameof(bus), $"bus {bus}: the device has buses 0..6");
        if (bitrate is < MinBitrate or > MaxBitrate)
            throw new ArgumentOutOfRangeException(nameof(bitrate), $"{bitrate} bit/s is outside {MinBitrate}..{MaxBitrate}");
        if (dataBitrate != 0 && (dataBitrate < bitrate || dataBitrate > MaxDataBitrate))
            throw new ArgumentOutOfRangeException(nameof(dataBitrate), $"FD data bitrate {dataBitrate} bit/s is outside {bitrate}..{MaxDataBitrate}");
        Span<byte> p = stackalloc byte[12];  // 9 bytes used; 12 is the next DLC length
        p[0] = (byte)bus;
        BinaryPrimitives.WriteInt32LittleEndian(p[1..], bitrate);
        BinaryPrimitives.WriteInt32LittleEndian(p[5..], dataBitrate);
        return Make(ControlOp.SetBitrate, p, fd: true);
    }

    public static (int Bus, int Bitrate, int DataBitrate) ReadBitrate(in CanFrame frame)
    {
        ReadOnlySpan<byte> p = Payload(frame, ControlOp.SetBitrate, 9);
        return (p[0], BinaryPrimitives.ReadInt32LittleEndian(p[1..]), BinaryPrimitives.ReadInt32LittleEndian(p[5..]));
    }

    public static (SafetyMode Mode, ushort Parameter) ReadSafetyMode(in CanFrame frame)
    {
        ReadOnlySpan<byte> p = Payload(frame, ControlOp.SetSafetyMode, 4);
        return ((SafetyMode)BinaryPrimitives.ReadUInt16LittleEndian(p), BinaryPrimitives.ReadUInt16LittleEndian(p[2..]));
    }

    public static CanFrame Fault(FaultKind kind, uint argument = 0)
    {
        Span<byte> p = stackalloc byte[5];
        p[0] = (byte)kind;
        BinaryPrimitives.WriteUInt32LittleEndian(p[1..], argument);
        return Make(ControlOp.Fault, p);
    }

    public static (FaultKind Kind, uint Argument) ReadFault(in CanFrame frame)
    {
        ReadOnlySpan<byte> p = Payload(frame, ControlOp.Fault, 5);
        return ((FaultKind)p[0], BinaryPrimitives.ReadUInt32LittleEndian(p[1..]));
    }

    /// <summary>Bench device only: makes <paramref name="carFrame"/> arrive on its bus as if another node had sent it.</summary>
    public static CanFrame InjectRx(in CanFrame carFrame)
    {
        var copy = carFrame;
        int size = 6 + carFrame.Length;
        int padded = Dlc.ToLength(Enumerable.Range(0, 16).First(dlc => Dlc.ToLength(dlc) >= size));
        Span<byte> p = stackalloc byte[padded];
        p.Clear();
        p[0] = carFrame.Bus;
        BinaryPrimitives.WriteUInt32LittleEndian(p[1..], carFrame.Address | (carFrame.Extended ? 0x8000_0000u : 0));
        p[5] = carFrame.Length;
        copy.Data.CopyTo(p[6..]);
        return Make(ControlOp.InjectRx, p, fd: padded > Dlc.MaxClassicLength);
    }

    public static CanFrame ReadInjectRx(in CanFrame frame)
    {
        ReadOnlySpan<byte> p = Payload(frame, ControlOp.InjectRx, 6);
        uint word = BinaryPrimitives.ReadUInt32LittleEndian(p[1..]);
        int length = p[5];
        if (6 + length > p.Length) throw new InvalidDataException($"control InjectRx: {length} payload bytes announced, {p.Length - 6} present");
        bool extended = (word & 0x8000_0000u) != 0;
        return CanFrame.Create(p[0], word & 0x7FFF_FFFFu, p.Slice(6, length), extended, fd: length > Dlc.MaxClassicLength);
    }

    public static CanFrame BusError(int bus, BusErrorState state) => Make(ControlOp.BusError, [(byte)bus, (byte)state]);

    public static CanFrame Health(in DeviceHealth health)
    {
        Span<byte> p = stackalloc byte[DeviceHealth.Size];
        health.Write(p);
        return Make(ControlOp.Health, p, fd: true);
    }

    /// <summary>A copy of the payload of a control frame of the expected opcode, checked to hold at least <paramref name="minLength"/> bytes (control traffic is rare: copying keeps callers simple).</summary>
    public static byte[] Payload(in CanFrame frame, ControlOp op, int minLength)
    {
        if (!IsControl(frame) || frame.Address != (uint)op)
            throw new InvalidDataException($"expected control {op}, got bus {frame.Bus} address 0x{frame.Address:X}");
        if (frame.Length < minLength)
            throw new InvalidDataException($"control {op}: payload of {frame.Length} bytes, need {minLength}");
        var copy = frame;
        return copy.Data.ToArray();
    }

    private static CanFrame Make(ControlOp op, ReadOnlySpan<byte> payload, bool fd = false) =>
        CanFrame.Create(Packet.ControlBus, (uint)op, payload, extended: false, fd: fd);
}
