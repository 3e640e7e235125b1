using Pilot.Messaging.Logs;
using Pilot.Messaging.Schema;

namespace Pilot.Messaging.Tests;

/// <summary>Routes, segments, rlog/qlog and reading them back.</summary>
public sealed class LogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pilot-log-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly ushort InitWhich = Services.Get("initData").Which, SentinelWhich = Services.Get("sentinel").Which;

    private static SentinelType SentinelOf(LogEvent e) => (SentinelType)e.Payload.ReadUInt16(EventLayout.Sentinel.Type);

    [Fact]
    public void RouteOfSegmentsRoundTripsInTimeOrder()
    {
        var logger = new RouteLogger(_dir, new RouteLoggerOptions { RouteName = "2026-01-02--03-04-05", SegmentLength = TimeSpan.FromSeconds(1) });
        ulong t0 = 10_000_000_000;
        for (int i = 0; i < 250; i++)
        {
            ulong t = t0 + (ulong)i * 10_000_000;
            logger.Write(LogTestEvents.CarState(i, t));
            if (i % 5 == 0) logger.Write(LogTestEvents.ModelV2(t + 1));
        }
        logger.Close();

        var segments = RouteLayout.Segments(Path.Combine(_dir, "2026-01-02--03-04-05"));
        Assert.Equal(3, segments.Count);
        for (int s = 0; s < 3; s++)
        {
            var events = new LogReader(segments[s]).ReadAll().ToList();
            Assert.Equal(InitWhich, events[0].Which);
            Assert.Equal((uint)s, events[0].Payload.ReadUInt32(EventLayout.InitData.SegmentNumber));
            Assert.Equal("2026-01-02--03-04-05", events[0].Payload.ReadText(EventLayout.InitData.RouteName));
            Assert.Equal(s == 0 ? SentinelType.StartOfRoute : SentinelType.StartOfSegment, SentinelOf(events[1]));
            Assert.Equal(SentinelWhich, events[^1].Which);
            Assert.Equal(s == 2 ? SentinelType.EndOfRoute : SentinelType.EndOfSegment, SentinelOf(events[^1]));
        }

        var reader = new LogReader(Path.Combine(_dir, "2026-01-02--03-04-05"));
        var all = reader.ReadAll().ToList();
        Assert.Empty(reader.Damage);
        var car = all.Where(e => e.Service?.Name == "carState").Select(LogTestEvents.VEgo).ToArray();
        Assert.Equal(Enumerable.Range(0, 250).Select(i => (float)i), car);
        Assert.Equal(50, all.Count(e => e.Service?.Name == "modelV2"));
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.LogMonoTime <= p.Second.LogMonoTime), "route is in time order");

        // qlog: every 10th carState and every 20th modelV2 of the route (counted across segments), plus the structure events.
        var q = new LogReader(Path.Combine(_dir, "2026-01-02--03-04-05"), LogKind.Qlog).ReadAll().ToList();
        Assert.Equal(Enumerable.Range(0, 25).Select(i => i * 10f), q.Where(e => e.Service?.Name == "carState").Select(LogTestEvents.VEgo));
        Assert.Equal(3, q.Count(e => e.Service?.Name == "modelV2"));
        Assert.Equal(3, q.Count(e => e.Which == InitWhich));
    }

    /// <summary>A log of 100 carStates in 10 zstd frames of 10 events; returns its bytes and the frame offsets.</summary>
    private (byte[] Bytes, List<long> Frames) TenFrameLog()
    {
        string path = Path.Combine(_dir, "ten.zst");
        var frames = new List<long>();
        using (var w = new LogFileWriter(path, p => new FileStream(p, FileMode.Create), blockEvents: 10))
            for (int i = 0; i < 100; i++) w.Append(LogTestEvents.CarState(i, (ulong)i));
        byte[] bytes = File.ReadAllBytes(path);
        for (int i = 0; i + 4 <= bytes.Length; i++)
            if (bytes[i] == 0x28 && bytes[i + 1] == 0xB5 && bytes[i + 2] == 0x2F && bytes[i + 3] == 0xFD) frames.Add(i);
        Assert.Equal(10, frames.Count);
        return (bytes, frames);
    }

    private (float[] Values, IReadOnlyList<LogDamage> Damage) Read(byte[] bytes)
    {
        string path = Path.Combine(_dir, "damaged.zst");
        File.WriteAllBytes(path, bytes);
        var r = new LogFileReader(path);
        var values = r.ReadAll().Select(LogTestEvents.VEgo).ToArray();
        return (values, r.Damage);
    }

    [Fact]
    public void TruncatedLogReadsEveryCompleteFrameAndReportsTheCut()
    {
        var (bytes, frames) = TenFrameLog();
        var (values, damage) = Read(bytes[..^7]);
        Assert.Equal(Enumerable.Range(0, 90).Select(i => (float)i), values);
        var d = Assert.Single(damage);
        Assert.Equal(frames[9], d.ByteOffset);
        Assert.Equal(90, d.EventsBefore);
        Assert.Equal(-1, d.ResumedAt);
        Assert.Contains("cut", d.Reason);
    }

    [Fact]
    public void FlippedByteLosesOnlyItsFrameAndReadingResumes()
    {
        var (bytes, frames) = TenFrameLog();
        bytes[(int)(frames[3] + frames[4]) / 2] ^= 0x5A;
        var (values, damage) = Read(bytes);
        Assert.Equal(Enumerable.Range(0, 30).Concat(Enumerable.Range(40, 60)).Select(i => (float)i), values);
        var d = Assert.Single(damage);
        Assert.Equal(frames[3], d.ByteOffset);
        Assert.Equal(frames[4], d.ResumedAt);
        Assert.Contains(frames[3].ToString(System.Globalization.CultureInfo.InvariantCulture), d.ToString());
    }

    [Fact]
    public void FrameCutInTheMiddleIsSkippedToTheNextFrame()
    {
        var (bytes, frames) = TenFrameLog();
        int cutFrom = (int)frames[5] + 20, cutTo = (int)frames[6] - 5;   // bytes lost in the middle of frame 5
        var spliced = bytes[..cutFrom].Concat(bytes[cutTo..]).ToArray();
        var (values, damage) = Read(spliced);
        Assert.Equal(Enumerable.Range(0, 50).Concat(Enumerable.Range(60, 40)).Select(i => (float)i), values);
        var d = Assert.Single(damage);
        Assert.Equal(frames[5], d.ByteOffset);
        Assert.Equal(50, d.EventsBefore);
    }

    [Fact]
    public void UncompressedLogWithATornLastMessageIsReadUpToIt()
    {
        string path = Path.Combine(_dir, "plain.log");
        using (var f = File.Create(path))
            for (int i = 0; i < 5; i++) f.Write(LogTestEvents.CarState(i, (ulong)i));
        var bytes = File.ReadAllBytes(path);
        var (values, damage) = Read(bytes[..^3]);
        Assert.Equal([0f, 1f, 2f, 3f], values);
        Assert.Contains("cut", Assert.Single(damage).Reason);
    }

    [Fact]
    public void MalformedEventInsideAnIntactFrameIsReported()
    {
        string path = Path.Combine(_dir, "bad-event.zst");
        // One segment of 2 words whose root struct pointer claims 100 data words: out of its segment.
        byte[] bad = [0, 0, 0, 0, 2, 0, 0, 0, /* root pointer */ 0, 0, 0, 0, 100, 0, 0, 0, /* pad */ 0, 0, 0, 0, 0, 0, 0, 0];
        using (var w = new LogFileWriter(path))
        {
            for (int i = 0; i < 3; i++) w.Append(LogTestEvents.CarState(i, (ulong)i));
            w.Append(bad);
            w.Append(LogTestEvents.CarState(3, 3));
        }
        var r = new LogFileReader(path);
        Assert.Equal([0f, 1f, 2f], r.ReadAll().Select(LogTestEvents.VEgo));
        var d = Assert.Single(r.Damage);
        Assert.Equal(3, d.EventsBefore);
        Assert.Contains("malformed Cap'n Proto message", d.Reason);
    }

    [Fact]
    public void WriterKilledWithSigkillLosesOnlyItsUnfinishedTail()
    {
        using (var peer = new PeerProcess(TestBus.Tcp(), "logwrite", _dir, "10"))
        {
            peer.WaitFor("ready");
            int flushed = 0;
            while (flushed < 300) flushed = int.Parse(peer.WaitFor("flushed ")[8..]);
            peer.Kill();
            var reader = new LogReader(Path.Combine(_dir, "killed"));
            var values = reader.ReadAll().Where(e => e.Service?.Name == "carState").Select(LogTestEvents.VEgo).ToArray();
            // Everything up to the last whole zstd frame survives, in order, without gaps.
            Assert.Equal(Enumerable.Range(0, values.Length).Select(i => (float)i), values);
            Assert.True(values.Length >= flushed - 12, $"{values.Length} events recovered, {flushed} had been appended");
            Assert.All(reader.Damage, d => Assert.Equal(-1, d.ResumedAt));   // at most a cut tail
        }
    }
}
