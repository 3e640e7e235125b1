using Pilot.Messaging;
using Pilot.Manager.Loggerd;
using Pilot.Messaging.Logs;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Vision;
using Pilot.Testing;

namespace Pilot.Manager.Tests;

/// <summary>loggerd records what the bus carries into segments, survives malformed input, and records the road camera.</summary>
public sealed class LoggerdTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pilot-loggerd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const ulong T0 = 10_000_000_000;

    private static List<LogEvent> Read(string path, LogKind kind = LogKind.Rlog)
    {
        var reader = new LogReader(path, kind);
        var events = reader.ReadAll().ToList();
        Assert.Empty(reader.Damage);
        return events;
    }

    [Fact]
    public void RecordsEveryMessageIntoSegmentsWithDecimatedQlog()
    {
        var bus = new StepTransport();
        var options = new LoggerdOptions(_dir) { RouteName = "r", SegmentLength = TimeSpan.FromSeconds(1), RecordVideo = false };
        using (var loggerd = new Loggerd.Loggerd(bus, options))
        {
            for (int i = 0; i < 250; i++)   // 2.5 s of carState at 100 Hz, selfdriveState at 10 Hz
            {
                ulong t = T0 + (ulong)i * 10_000_000;
                bus.Inject(Services.Get("carState"), TestEvents.CarState(t, i));
                if (i % 10 == 0) bus.Inject(Services.Get("selfdriveState"), TestEvents.Selfdrive(t, i >= 100));
                if (i % 7 == 0) loggerd.Step();   // several messages queue between steps: none may be lost
            }
            loggerd.Step();
            Assert.Equal(275, loggerd.Events);
        }
        Assert.Equal(3, RouteLayout.Segments(Path.Combine(_dir, "r")).Count);
        var rlog = Read(Path.Combine(_dir, "r"));
        var speeds = rlog.Where(e => e.Service?.Name == "carState")
            .Select(e => new Pilot.Messaging.Events.Event.Reader(e.Event).CarState.VEgo).ToArray();
        Assert.Equal(Enumerable.Range(0, 250).Select(i => (float)i), speeds);   // every message, in order
        Assert.Equal(25, rlog.Count(e => e.Service?.Name == "selfdriveState"));
        Assert.Equal(3, rlog.Count(e => e.Service?.Name == "initData"));        // one per segment
        Assert.Equal(25, Read(Path.Combine(_dir, "r"), LogKind.Qlog).Count(e => e.Service?.Name == "carState"));   // every 10th
    }

    [Fact]
    public void MalformedMessagesAreDroppedAndRecordingGoesOn()
    {
        var transport = TestBus.CreateTcp();
        var options = new LoggerdOptions(_dir) { RouteName = "bad", RecordVideo = false };
        using var publisher = transport.Publish(Services.Get("carState"));
        using (var loggerd = new Loggerd.Loggerd(transport, options))
        {
            byte[][] garbage = [[], [1, 2, 3], [0xFF, 0xFF, 0xFF, 0x7F, 0, 0, 0, 0], [0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3, 4, 5, 6, 7, 8]];
            TestBus.StepUntil(() =>
            {
                foreach (var g in garbage) publisher.Send(g);
                publisher.Send(TestEvents.CarState(T0, 7));
                loggerd.Step();
            }, () => loggerd.Events >= 5, 5, "messages reach loggerd");
        }
        var recorded = Read(Path.Combine(_dir, "bad")).Where(e => e.Service?.Name == "carState").ToList();
        Assert.NotEmpty(recorded);
        Assert.All(recorded, e => Assert.Equal(7f, new Pilot.Messaging.Events.Event.Reader(e.Event).CarState.VEgo));
    }

    [SkippableFact]
    public void RecordsTheRoadCameraWithItsIndex()
    {
        TestData.RequireTool("ffmpeg");
        var transport = TestBus.CreateTcp();
        var geometry = FrameGeometry.For(64, 48);
        using var camera = new VisionServer(VisionStream.Road, geometry, bus: transport.Bus);
        var options = new LoggerdOptions(_dir) { RouteName = "video" };
        long frames;
        using (var loggerd = new Loggerd.Loggerd(transport, options))
        {
            uint id = 0;
            TestBus.StepUntil(() =>
            {
                var buffer = camera.Acquire();
                buffer[..geometry.UvOffset].Fill((byte)(60 + id));
                buffer[geometry.UvOffset..].Fill(128);
                ulong t = T0 + id * 50_000_000UL;
                camera.Publish(id++, t - 10_000_000, t);
                loggerd.Step();
            }, () => loggerd.Frames >= 10, 10, "ten frames recorded");
            frames = loggerd.Frames;
        }
        string segment = RouteLayout.Segments(Path.Combine(_dir, "video")).Single();
        var index = Read(segment).Where(e => e.Service?.Name == "roadEncodeIdx")
            .Select(e => new Pilot.Messaging.Events.Event.Reader(e.Event).RoadEncodeIdx).ToList();
        Assert.Equal(frames, index.Count);
        Assert.Equal(Enumerable.Range(0, (int)frames).Select(i => (uint)i), index.Select(x => x.SegmentId));   // packet i = i-th frame
        using var video = new VideoReader(Path.Combine(segment, RouteLayout.RoadVideo));
        int decoded = 0;
        while (video.TryRead(out _)) decoded++;
        Assert.Equal(frames, decoded);
    }
}
