using System.Buffers.Binary;
using System.Text;
using Pilot.Hardware;
using Pilot.Hardware.Gnss;
using Pilot.Hardware.Health;

namespace Pilot.Benchmarks;

/// <summary>
/// ./pilot bench hardware: the GNSS hot paths (NMEA sentence parse, NAV-PVT decode, framing a mixed stream, a whole
/// receiver epoch) in ns and bytes allocated per call, and one health sample on this machine's /proc and /sys.
/// The paths run on every byte from the receiver, so they must not allocate; a health sample runs at 2 Hz and may.
/// </summary>
public sealed class HardwareSuite : ISuite
{
    public string Name => "hardware";

    public void Run(Report report, string[] args)
    {
        byte[] gga = Sentence("GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,");
        var (ns, bytes) = Measure.PerCall(() =>
        {
            var r = NmeaReader.Create(gga);
            GgaSentence.Read(ref r);
        });
        report.Add("nmea_gga_ns", ns, "ns/sentence", "validate checksum + read all GGA fields");
        report.Add("nmea_gga_alloc", bytes, "B/sentence");

        byte[] pvt = NavPvt();
        (ns, bytes) = Measure.PerCall(() => UbxNavPvt.Read(pvt, 0));
        report.Add("ubx_navpvt_ns", ns, "ns/frame");
        report.Add("ubx_navpvt_alloc", bytes, "B/frame");

        byte[] epoch = Epoch();
        byte[] mixed = [.. epoch, .. pvt, 0x00, 0xB5, 0x62, 0x13, 0x37, .. epoch];
        var framer = new GnssStreamReader();
        int frames = 0;
        (ns, bytes) = Measure.PerCall(() =>
        {
            for (int at = 0; at < mixed.Length;)
            {
                at += framer.Append(mixed.AsSpan(at));
                while (framer.TryRead(out _) != GnssFrameKind.None) frames++;
            }
        }, inner: 2000);
        report.Add("framer_mb_per_s", mixed.Length / ns * 1e3, "MB/s", $"{mixed.Length}-byte mixed NMEA/UBX/noise stream");
        report.Add("framer_alloc", bytes / mixed.Length, "B/byte");

        var receiver = new GnssReceiver(Stream.Null, shouldDispose: false, SystemMonotonicClock.Instance);
        int fixes = 0;
        Action<GnssFix> onFix = _ => fixes++;
        (ns, bytes) = Measure.PerCall(() =>
        {
            receiver.Framer.Append(epoch);
            receiver.Drain(onFix);
        }, inner: 2000);
        report.Add("receiver_epoch_us", ns / 1e3, "µs/epoch", "RMC VTG GGA 2×GSA 4×GSV into one fix");
        report.Add("receiver_epoch_alloc", bytes, "B/epoch");
        report.Fact("receiver_fixes", fixes);

        var monitor = new HealthMonitor(ThermalPolicy.Default);
        (ns, bytes) = Measure.PerCall(() => monitor.Sample(0), inner: 20, samples: 5);
        report.Add("health_sample_us", ns / 1e3, "µs/sample", "this machine's /proc and /sys, at 2 Hz in hardwared");
    }

    private static byte[] Sentence(string body) => Encoding.ASCII.GetBytes($"${body}*{NmeaFrame.Checksum(Encoding.ASCII.GetBytes(body)):X2}\r\n");

    private static byte[] Epoch() =>
    [
        .. Sentence("GNRMC,101530.20,A,4807.03800,N,01131.00000,E,12.500,84.40,170524,,,D,V"),
        .. Sentence("GNVTG,84.40,T,,M,12.500,N,23.150,K,D"),
        .. Sentence("GNGGA,101530.20,4807.03800,N,01131.00000,E,2,11,0.80,545.4,M,46.9,M,,0000"),
        .. Sentence("GNGSA,A,3,05,07,13,15,18,20,,,,,,,1.50,0.80,1.27,1"),
        .. Sentence("GNGSA,A,3,65,71,72,,,,,,,,,,1.50,0.80,1.27,2"),
        .. Sentence("GPGSV,3,1,10,05,45,120,42,07,60,300,45,13,30,045,38,15,10,200,30,1"),
        .. Sentence("GPGSV,3,2,10,18,20,100,35,20,70,010,47,23,05,330,,24,15,260,22,1"),
        .. Sentence("GPGSV,3,3,10,29,40,080,40,30,02,170,,1"),
        .. Sentence("GLGSV,1,1,03,65,50,060,41,71,35,150,39,72,20,220,33,1"),
    ];

    private static byte[] NavPvt()
    {
        var p = new byte[UbxNavPvt.PayloadBytes];
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(4), 2024);
        p[6] = 5; p[7] = 17; p[8] = 10; p[9] = 15; p[10] = 30; p[11] = 0x07; p[20] = 3; p[21] = 0x01; p[23] = 14;
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(24), 115166667);
        BinaryPrimitives.WriteInt32LittleEndian(p.AsSpan(28), 481173000);
        return UbxFrame.Build(UbxIds.ClassNav, UbxIds.NavPvt, p);
    }
}
