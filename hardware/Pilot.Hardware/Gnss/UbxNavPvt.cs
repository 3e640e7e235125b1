using System.Buffers.Binary;

namespace Pilot.Hardware.Gnss;

/// <summary>UBX NAV-PVT, navigation position velocity time solution (UBX-13003221 §32.17.15.1, 92-byte payload).</summary>
public static class UbxNavPvt
{
    public const int PayloadBytes = 92;
    private const byte ValidDate = 1, ValidTime = 2;       // valid: bit 0 validDate, bit 1 validTime
    private const byte GnssFixOk = 1, DiffSoln = 2;       // flags: bit 0 gnssFixOK, bit 1 diffSoln; bits 7:6 carrSoln

    /// <summary>Decodes a NAV-PVT frame into a fix stamped <paramref name="monoTimeNs"/>.</summary>
    public static GnssFix Read(ReadOnlySpan<byte> frame, long monoTimeNs)
    {
        ReadOnlySpan<byte> p = UbxFrame.Payload(frame);
        if (UbxFrame.Class(frame) != UbxIds.ClassNav || UbxFrame.Id(frame) != UbxIds.NavPvt)
            GnssThrow.Ubx("not a NAV-PVT message", UbxFrame.Class(frame), UbxFrame.Id(frame), 0);
        if (p.Length < PayloadBytes)
            GnssThrow.Ubx($"NAV-PVT payload is {p.Length} bytes, expected {PayloadBytes}", UbxIds.ClassNav, UbxIds.NavPvt, p.Length);

        byte valid = p[11], fixType = p[20], flags = p[21];
        long unixMs = 0;
        if ((valid & (ValidDate | ValidTime)) == (ValidDate | ValidTime))
            unixMs = UtcMs(BinaryPrimitives.ReadUInt16LittleEndian(p[4..]), p[6], p[7], p[8], p[9], p[10],
                BinaryPrimitives.ReadInt32LittleEndian(p[16..]));
        bool fixOk = (flags & GnssFixOk) != 0;
        // fixType (§32.17.15.1): 0 no fix, 1 dead reckoning only, 2 2D, 3 3D, 4 GNSS + dead reckoning, 5 time only.
        GnssFixMode mode = !fixOk ? GnssFixMode.NoFix : fixType switch
        {
            2 => GnssFixMode.Fix2D,
            3 or 4 => GnssFixMode.Fix3D,
            _ => GnssFixMode.NoFix,
        };
        int carrier = flags >> 6; // carrSoln: 1 float, 2 fixed
        GnssFixStatus status = mode == GnssFixMode.NoFix ? (fixType == 1 ? GnssFixStatus.DeadReckoning : GnssFixStatus.None)
            : carrier == 2 ? GnssFixStatus.RtkFixed : carrier == 1 ? GnssFixStatus.RtkFloat
            : (flags & DiffSoln) != 0 ? GnssFixStatus.Differential
            : fixType == 4 ? GnssFixStatus.DeadReckoning : GnssFixStatus.Autonomous;
        double pdop = BinaryPrimitives.ReadUInt16LittleEndian(p[76..]) * 0.01;
        return new GnssFix(monoTimeNs, unixMs, mode, status,
            LatitudeDeg: BinaryPrimitives.ReadInt32LittleEndian(p[28..]) * 1e-7,
            LongitudeDeg: BinaryPrimitives.ReadInt32LittleEndian(p[24..]) * 1e-7,
            AltitudeMslM: BinaryPrimitives.ReadInt32LittleEndian(p[36..]) * 1e-3,
            SpeedMps: BinaryPrimitives.ReadInt32LittleEndian(p[60..]) * 1e-3,
            BearingDeg: BinaryPrimitives.ReadInt32LittleEndian(p[64..]) * 1e-5,
            HorizontalAccuracyM: BinaryPrimitives.ReadUInt32LittleEndian(p[40..]) * 1e-3,
            VerticalAccuracyM: BinaryPrimitives.ReadUInt32LittleEndian(p[44..]) * 1e-3,
            SpeedAccuracyMps: BinaryPrimitives.ReadUInt32LittleEndian(p[68..]) * 1e-3,
            SatellitesUsed: p[23], SatellitesInView: -1, Hdop: double.NaN, Vdop: double.NaN, Pdop: pdop, GnssSource.Ubx);
    }

    private static long UtcMs(int year, int month, int day, int hour, int minute, int second, int nanoAdjust)
    {
        if (month is < 1 or > 12 || day < 1 || year is < 1970 or > 9999 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 60)
            GnssThrow.Ubx($"date/time {year}-{month}-{day} {hour}:{minute}:{second} out of range", UbxIds.ClassNav, UbxIds.NavPvt, 4);
        // sec may be 60 during a leap second; nano is signed and may make the time slightly earlier (§32.17.15.1).
        long days = new DateOnly(year, month, day).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;
        return ((days * 24 + hour) * 60 + minute) * 60_000L + second * 1000L + nanoAdjust / 1_000_000;
    }
}
