using System.Buffers.Binary;
using Pilot.Bridge.Safety;

namespace Pilot.Bridge.Protocol;

/// <summary>The device's health report (panda's health packet): safety state, counters, bus state.</summary>
public struct DeviceHealth
{
    public const int Size = 48;     // bytes on the wire: 48 used, a DLC length

    public uint UptimeMs;
    public SafetyMode SafetyMode;
    public bool ControlsAllowed;
    public bool HeartbeatLost;
    public bool RxValid;
    public bool Bench;              // the bench device (simulated buses), not a device on a car
    public byte BusOffMask;         // bit n: bus n is bus-off
    public uint RxFrames;           // frames forwarded from the buses to the host
    public uint TxFrames;           // host frames put on a bus
    public uint TxBlocked;          // host frames the safety model refused
    public uint TxBlockedWithoutControls;
    public uint SafetyRxInvalid;    // RX frames that failed checksum, counter or length
    public uint RxTimeouts;
    public uint HeartbeatTimeouts;
    public uint HostPacketErrors;   // malformed packets received from the host
    public byte ActiveFaults;       // bit n: FaultKind n active (bench device only)
    public uint HostOverflows;      // writes to the host cut short because it did not read (frames lost)

    /// <summary>The part of the report the safety model owns, as of now; the caller adds its link and bus figures.</summary>
    public static DeviceHealth FromSafety(SafetyModel safety, uint uptimeMs, bool bench)
    {
        var counters = safety.Counters;
        return new DeviceHealth
        {
            UptimeMs = uptimeMs,
            SafetyMode = safety.Mode,
            ControlsAllowed = safety.ControlsAllowed,
            HeartbeatLost = safety.HeartbeatLost,
            RxValid = safety.RxValid,
            Bench = bench,
            TxBlocked = counters.TxBlocked,
            TxBlockedWithoutControls = counters.TxBlockedWithoutControls,
            SafetyRxInvalid = counters.RxInvalid,
            RxTimeouts = counters.RxTimeouts,
            HeartbeatTimeouts = counters.HeartbeatTimeouts,
        };
    }

    public readonly void Write(Span<byte> p)
    {
        p[..Size].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(p, UptimeMs);
        BinaryPrimitives.WriteUInt16LittleEndian(p[4..], (ushort)SafetyMode);
        p[6] = (byte)((ControlsAllowed ? 1 : 0) | (HeartbeatLost ? 2 : 0) | (RxValid ? 4 : 0) | (Bench ? 8 : 0));
        p[7] = BusOffMask;
        Span<uint> counters = [RxFrames, TxFrames, TxBlocked, TxBlockedWithoutControls, SafetyRxInvalid, RxTimeouts, HeartbeatTimeouts, HostPacketErrors];
        for (int i = 0; i < counters.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(p[(8 + 4 * i)..], counters[i]);
        p[40] = ActiveFaults;
        BinaryPrimitives.WriteUInt32LittleEndian(p[44..], HostOverflows);
    }

    public static DeviceHealth Read(in CanFrame frame)
    {
        var p = Control.Payload(frame, ControlOp.Health, Size);
        uint U(int i) => BinaryPrimitives.ReadUInt32LittleEndian(p.AsSpan(8 + 4 * i));
        return new DeviceHealth
        {
            UptimeMs = BinaryPrimitives.ReadUInt32LittleEndian(p.AsSpan()),
            SafetyMode = (SafetyMode)BinaryPrimitives.ReadUInt16LittleEndian(p.AsSpan(4)),
            ControlsAllowed = (p[6] & 1) != 0,
            HeartbeatLost = (p[6] & 2) != 0,
            RxValid = (p[6] & 4) != 0,
            Bench = (p[6] & 8) != 0,
            BusOffMask = p[7],
            RxFrames = U(0), TxFrames = U(1), TxBlocked = U(2), TxBlockedWithoutControls = U(3),
            SafetyRxInvalid = U(4), RxTimeouts = U(5), HeartbeatTimeouts = U(6), HostPacketErrors = U(7),
            ActiveFaults = p[40],
            HostOverflows = BinaryPrimitives.ReadUInt32LittleEndian(p.AsSpan(44)),
        };
    }
}
