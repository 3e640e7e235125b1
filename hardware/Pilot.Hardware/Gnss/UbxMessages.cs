using System.Buffers.Binary;

namespace Pilot.Hardware.Gnss;

/// <summary>UBX message classes and ids used here (UBX-13003221 §32.6, §32.8).</summary>
public static class UbxIds
{
    public const byte ClassNav = 0x01, ClassAck = 0x05, ClassCfg = 0x06;
    public const byte NavPvt = 0x07;            // §32.17.15
    public const byte AckNak = 0x00, AckAck = 0x01; // §32.9
    public const byte CfgMsg = 0x01;            // §32.10.18
    public const byte CfgRate = 0x08;           // §32.10.27
    public const byte ClassNmea = 0xF0;         // standard NMEA messages as CFG-MSG targets: GGA 0x00, GSA 0x02, GSV 0x03, RMC 0x04, VTG 0x05
}

/// <summary>Configuration messages (legacy CFG interface, supported by u-blox 6 to M8 and still accepted by M9/M10 in UBX mode).</summary>
public static class UbxConfig
{
    /// <summary>CFG-RATE (§32.10.27): measurement period and navigation rate; 100 ms gives the 10 Hz sensord publishes.</summary>
    /// <param name="measurementPeriodMs">measRate, ms between measurements (≥ 25 on M8).</param>
    /// <param name="navigationRate">navRate, measurements per navigation solution.</param>
    /// <param name="timeReference">timeRef: 0 UTC, 1 GPS time.</param>
    public static byte[] Rate(ushort measurementPeriodMs, ushort navigationRate = 1, ushort timeReference = 0)
    {
        if (measurementPeriodMs < 25) throw new ArgumentOutOfRangeException(nameof(measurementPeriodMs), measurementPeriodMs, "measRate must be ≥ 25 ms (§32.10.27)");
        Span<byte> p = stackalloc byte[6];
        BinaryPrimitives.WriteUInt16LittleEndian(p, measurementPeriodMs);
        BinaryPrimitives.WriteUInt16LittleEndian(p[2..], navigationRate);
        BinaryPrimitives.WriteUInt16LittleEndian(p[4..], timeReference);
        return UbxFrame.Build(UbxIds.ClassCfg, UbxIds.CfgRate, p);
    }

    /// <summary>CFG-MSG (§32.10.18, 3-byte form): output rate of one message on the port this is sent on, per navigation solution (0 = off).</summary>
    public static byte[] MessageRate(byte messageClass, byte messageId, byte rate) =>
        UbxFrame.Build(UbxIds.ClassCfg, UbxIds.CfgMsg, [messageClass, messageId, rate]);
}

/// <summary>ACK-ACK / ACK-NAK (§32.9): the receiver's answer to a CFG message.</summary>
public readonly record struct UbxAck(bool Acknowledged, byte MessageClass, byte MessageId)
{
    public static bool TryRead(ReadOnlySpan<byte> frame, out UbxAck ack)
    {
        ack = default;
        if (UbxFrame.Class(frame) != UbxIds.ClassAck || UbxFrame.Payload(frame).Length != 2) return false;
        ReadOnlySpan<byte> p = UbxFrame.Payload(frame);
        ack = new UbxAck(UbxFrame.Id(frame) == UbxIds.AckAck, p[0], p[1]);
        return true;
    }
}
