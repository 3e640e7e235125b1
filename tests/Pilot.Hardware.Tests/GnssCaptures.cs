using System.Buffers.Binary;
using System.Text;
using Pilot.Hardware.Gnss;

namespace Pilot.Hardware.Tests;

/// <summary>Sentences and frames written from the published formats, with their checksums computed.</summary>
internal static class GnssCaptures
{
    /// <summary>"$" + body + "*HH\r\n" with the XOR checksum of the body.</summary>
    public static string Sentence(string body) => $"${body}*{NmeaFrame.Checksum(Encoding.ASCII.GetBytes(body)):X2}\r\n";

    // The classic examples of the NMEA FAQ / gpsd's NMEA documentation, with their published checksums.
    public const string ClassicGga = "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n";
    public const string ClassicRmc = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A\r\n";

    /// <summary>One u-blox M8-style epoch at 2024-05-17 10:15:30.20 UTC near Munich (NMEA 4.10 with system IDs).</summary>
    public static string Epoch(string time = "101530.20") => string.Concat(
        Sentence($"GNRMC,{time},A,4807.03800,N,01131.00000,E,12.500,84.40,170524,,,D,V"),
        Sentence("GNVTG,84.40,T,,M,12.500,N,23.150,K,D"),
        Sentence($"GNGGA,{time},4807.03800,N,01131.00000,E,2,11,0.80,545.4,M,46.9,M,,0000"),
        Sentence("GNGSA,A,3,05,07,13,15,18,20,,,,,,,1.50,0.80,1.27,1"),
        Sentence("GNGSA,A,3,65,71,72,,,,,,,,,,1.50,0.80,1.27,2"),
        Sentence("GPGSV,3,1,10,05,45,120,42,07,60,300,45,13,30,045,38,15,10,200,30,1"),
        Sentence("GPGSV,3,2,10,18,20,100,35,20,70,010,47,23,05,330,,24,15,260,22,1"),
        Sentence("GPGSV,3,3,10,29,40,080,40,30,02,170,,1"),
        Sentence("GLGSV,1,1,03,65,50,060,41,71,35,150,39,72,20,220,33,1"));

    /// <summary>A NAV-PVT frame (UBX-13003221 §32.17.15.1) with the given solution.</summary>
    public static byte[] NavPvt(int latE7 = 481173000, int lonE7 = 115166667, int hMslMm = 545400, uint hAccMm = 1250, uint vAccMm = 2100,
        int gSpeedMmps = 12345, int headMotE5 = 8440000, uint sAccMmps = 150, byte fixType = 3, byte flags = 0x01, byte numSv = 14, ushort pDop = 150)
    {
        var p = new byte[UbxNavPvt.PayloadBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(p, 123_456_000);          // iTOW
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(4), 2024);       // year
        p[6] = 5; p[7] = 17; p[8] = 10; p[9] = 15; p[10] = 30;             // month day hour min sec
        p[11] = 0x07;                                                       // validDate | validTime | fullyResolved
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(16), 200_000_000); // nano: +0.2 s
        p[20] = fixType; p[21] = flags; p[23] = numSv;
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(24), lonE7);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(28), latE7);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(32), hMslMm + 46900);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(36), hMslMm);
        BinaryPrimitives.WriteUInt32LittleEndian(p.AsSpan(40), hAccMm);
        BinaryPrimitives.WriteUInt32LittleEndian(p.AsSpan(44), vAccMm);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(60), gSpeedMmps);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(64), headMotE5);
        BinaryPrimitives.WriteUInt32LittleEndian(p.AsSpan(68), sAccMmps);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(76), pDop);
        return UbxFrame.Build(UbxIds.ClassNav, UbxIds.NavPvt, p);
    }

    public static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

    /// <summary>The unix time in ms of 2024-05-17 10:15:30.200 UTC.</summary>
    public static long EpochUnixMs => new DateTimeOffset(2024, 5, 17, 10, 15, 30, 200, TimeSpan.Zero).ToUnixTimeMilliseconds();
}
