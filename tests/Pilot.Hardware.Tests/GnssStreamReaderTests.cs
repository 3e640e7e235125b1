using Pilot.Hardware.Gnss;
using Pilot.Hardware.Tests.Simulation;
using static Pilot.Hardware.Tests.GnssCaptures;

namespace Pilot.Hardware.Tests;

public class GnssStreamReaderTests
{
    private static List<byte[]> ReadAll(GnssStreamReader reader, byte[] stream, Random? chunks = null)
    {
        var frames = new List<byte[]>();
        for (int at = 0; at < stream.Length;)
        {
            int n = chunks is null ? 1 : chunks.Next(1, 700);
            at += reader.Append(stream.AsSpan(at, Math.Min(n, stream.Length - at)));
            while (reader.TryRead(out ReadOnlySpan<byte> frame) != GnssFrameKind.None) frames.Add(frame.ToArray());
        }
        reader.Complete();
        while (reader.TryRead(out ReadOnlySpan<byte> frame) != GnssFrameKind.None) frames.Add(frame.ToArray());
        return frames;
    }

    [Fact]
    public void Mixed_nmea_and_ubx_fed_byte_by_byte_come_out_whole()
    {
        byte[][] parts = [Ascii(ClassicGga), NavPvt(), Ascii(ClassicRmc), UbxConfig.Rate(100), Ascii(Epoch())];
        byte[] stream = parts.SelectMany(p => p).ToArray();
        var reader = new GnssStreamReader();
        List<byte[]> frames = ReadAll(reader, stream);
        Assert.Equal(4 + 9, frames.Count);
        Assert.Equal(parts[0], frames[0]);
        Assert.Equal(parts[1], frames[1]);
        Assert.Equal(parts[3], frames[3]);
        Assert.Equal(0, reader.Stats.BytesSkipped);
        Assert.Equal(11, reader.Stats.NmeaSentences);
        Assert.Equal(2, reader.Stats.UbxFrames);
    }

    [Fact]
    public void Bad_frames_are_counted_and_skipped()
    {
        byte[] badUbx = NavPvt();
        badUbx[30] ^= 0x40;
        byte[] hugeUbx = [0xB5, 0x62, 0x01, 0x07, 0xFF, 0x7F];
        string badSentence = ClassicGga.Replace("*47", "*46");
        string truncated = ClassicRmc[..30];
        byte[] stream = [.. Ascii("noise\x00\x01"), .. badUbx, .. hugeUbx, .. Ascii(badSentence), .. Ascii(truncated), .. Ascii(ClassicGga), .. NavPvt()];
        var reader = new GnssStreamReader();
        List<byte[]> frames = ReadAll(reader, stream, new Random(1));
        Assert.Equal(2, frames.Count);
        Assert.Equal(Ascii(ClassicGga), frames[0]);
        GnssStreamStats s = reader.Stats;
        Assert.Equal(1, s.UbxBadChecksum);
        Assert.Equal(1, s.UbxBadLength);
        Assert.Equal(1, s.NmeaBadChecksum);
        Assert.Equal(1, s.NmeaMalformed);
        Assert.True(s.BytesSkipped > 0);
    }

    [Fact]
    public void Line_without_end_is_dropped_at_the_length_limit()
    {
        var reader = new GnssStreamReader();
        List<byte[]> frames = ReadAll(reader, [.. Ascii("$GPTXT," + new string('A', 300)), .. Ascii(ClassicGga)]);
        Assert.Single(frames);
        Assert.True(reader.Stats.NmeaMalformed >= 1);
    }

    /// <summary>
    /// Seeded fuzz: valid frames interleaved with corrupted copies (flipped bytes, truncations) and binary garbage,
    /// fed in random chunks. Nothing throws, every intact frame comes out in order, and the receiver above the framer
    /// counts malformed fields instead of failing.
    /// </summary>
    [Fact]
    public void Fuzzed_streams_never_throw_and_keep_every_intact_frame()
    {
        var rng = new Random(20240517);
        byte[][] valid =
        [
            Ascii(ClassicGga), Ascii(ClassicRmc), NavPvt(), UbxConfig.Rate(100), UbxConfig.MessageRate(1, 7, 1),
            .. Epoch().Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => Ascii(l + "\r\n")),
            Ascii(Sentence("GPGGA,123519,48x7.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,")), // checksummed but malformed
        ];
        for (int round = 0; round < 200; round++)
        {
            var stream = new List<byte>();
            var intact = new List<byte[]>();
            for (int k = 0; k < 30; k++)
            {
                byte[] frame = valid[rng.Next(valid.Length)];
                switch (rng.Next(4))
                {
                    case 0:
                        var flipped = (byte[])frame.Clone();
                        flipped[rng.Next(flipped.Length)] ^= (byte)(1 << rng.Next(8));
                        stream.AddRange(flipped);
                        break;
                    case 1:
                        stream.AddRange(frame.AsSpan(0, rng.Next(1, frame.Length)).ToArray());
                        break;
                    case 2:
                        var garbage = new byte[rng.Next(1, 64)];
                        rng.NextBytes(garbage);
                        stream.AddRange(garbage);
                        break;
                    default:
                        stream.AddRange(frame);
                        intact.Add(frame);
                        break;
                }
            }
            var reader = new GnssStreamReader();
            List<byte[]> frames = ReadAll(reader, stream.ToArray(), rng);
            int next = 0;
            foreach (byte[] f in frames)
                if (next < intact.Count && f.AsSpan().SequenceEqual(intact[next])) next++;
            Assert.True(next == intact.Count, $"round {round}: {intact.Count - next} intact frames lost; {reader.Stats}");

            using var receiver = new GnssReceiver(new MemoryStream(stream.ToArray()), shouldDispose: true, new ManualClock());
            int fixes = 0;
            while (receiver.Poll(_ => fixes++)) { }
            Assert.True(receiver.FieldErrors >= intact.Count(f => f.AsSpan().IndexOf("48x7"u8) >= 0));
        }
    }
}
