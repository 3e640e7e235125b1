using Pilot.Messaging.Logs;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Replay;
using Pilot.Messaging.Schema;
using Pilot.Messaging.TestPeer;
using Pilot.Messaging.Vision;
using Pilot.Testing;

namespace Pilot.Messaging.Tests;

/// <summary>Road video beside the logs (ffmpeg, H.264) and replay of a whole route, frames included.</summary>
public sealed class VideoReplayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("pilot-video-").FullName;
    private static readonly FrameGeometry Geometry = FrameGeometry.For(64, 48);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte Luma(uint frameId) => (byte)(40 + 5 * (frameId % 30));

    /// <summary>A 1.5 s route: carState at 100 Hz and 30 flat-grey road frames at 20 Hz (frame ids from 100).</summary>
    private string RecordRoute()
    {
        var logger = new RouteLogger(_dir, new RouteLoggerOptions { RouteName = "video" });
        var pixels = new byte[Geometry.Size];
        ulong t0 = 50_000_000_000;
        for (int i = 0; i < 150; i++)
        {
            ulong t = t0 + (ulong)i * 10_000_000;
            logger.Write(LogTestEvents.CarState(i, t));
            if (i % 5 != 0) continue;
            uint id = 100 + (uint)(i / 5);
            pixels.AsSpan(0, Geometry.UvOffset).Fill(Luma(id));
            pixels.AsSpan(Geometry.UvOffset).Fill(128);
            logger.WriteFrame(new FrameDescriptor(1, 0, 0, id, 2, t - 1_000_000, t, Geometry, t), pixels);
        }
        logger.Close();
        return Path.Combine(_dir, "video");
    }

    [SkippableFact]
    public void VideoDecodesAndTheIndexMapsFramesToPackets()
    {
        TestData.RequireTool("ffmpeg");
        string route = RecordRoute();
        string segment = RouteLayout.Segments(route).Single();
        var index = new LogReader(segment).ReadAll().Where(e => e.Service?.Name == "roadEncodeIdx").Select(e => e.Payload).ToList();
        Assert.Equal(Enumerable.Range(100, 30).Select(i => (uint)i), index.Select(x => x.ReadUInt32(EventLayout.EncodeIndex.FrameId)));
        Assert.Equal(Enumerable.Range(0, 30).Select(i => (uint)i), index.Select(x => x.ReadUInt32(EventLayout.EncodeIndex.SegmentId)));
        Assert.Equal([0, 20], index.Select((x, i) => (x, i)).Where(p => p.x.ReadBool(EventLayout.EncodeIndex.KeyframeBit)).Select(p => p.i));

        using var video = new VideoReader(Path.Combine(segment, RouteLayout.RoadVideo));
        Assert.Equal((64, 48), (video.Width, video.Height));
        int n = 0;
        while (video.TryRead(out var frame))
        {
            double mean = 0;
            for (int i = 0; i < 64 * 48; i++) mean += frame[i];
            mean /= 64 * 48;
            Assert.InRange(mean, Luma(100 + (uint)n) - 3, Luma(100 + (uint)n) + 3);   // H.264 is lossy; flat grey survives
            n++;
        }
        Assert.Equal(30, n);
    }

    [SkippableFact]
    public void ReplayRepublishesEventsAndFramesFromTheRoute()
    {
        TestData.RequireTool("ffmpeg");
        string route = RecordRoute();
        var bus = TestBus.Tcp();
        var transport = new NetMqTransport(bus);
        using var sub = transport.Subscribe(Services.Get("carState"), conflate: false);
        using var frames = new VisionClient(VisionStream.Road, bus);
        var replayer = new Replayer(route, new ReplayOptions(Speed: 1, Block: new HashSet<string> { "modelV2" }, FrameBuffers: 32), bus);
        var run = Task.Run(() => replayer.Run());

        var seenFrames = new List<(uint Id, double Mean)>();
        while (frames.TryReceive(TimeSpan.FromSeconds(15), out var f))   // generous: a loaded machine can starve this thread
        {
            double mean = 0;
            var y = f.Y;
            for (int r = 0; r < 48; r++) for (int c = 0; c < 64; c++) mean += y[r * f.Descriptor.Geometry.Stride + c];
            if (f.IsIntact) seenFrames.Add((f.Descriptor.FrameId, mean / (64 * 48)));   // else the replay reused the buffer mid-read
            if (f.Descriptor.FrameId == 129) break;
        }
        run.Wait();
        var values = new List<float>();
        while (transport.WaitAny([sub], 1000))
            while (sub.TryReceive(out var msg)) values.Add(PeerEvents.VEgo(Pilot.Capnp.MessageReader.ReadFramed(msg).Root));

        Assert.Equal(150, replayer.Published);
        Assert.Equal(30, replayer.FramesPublished);
        Assert.True(values.Count >= 50, $"received {values.Count} carStates");   // the subscriber joins while replay starts
        Assert.Equal(Enumerable.Range((int)values[0], values.Count).Select(i => (float)i), values);
        Assert.Equal(149f, values[^1]);
        // 32 buffers hold all 30 frames: none is reused, so a reader starved by a loaded machine still finds them intact.
        // The frame socket joins while the replay runs (PUB/SUB keeps no history), so on a loaded machine the first
        // second of frames can be gone before the subscription is up: what arrives must show the frame its id names.
        Assert.True(seenFrames.Count >= 5, $"received {seenFrames.Count} frames, dropped {frames.Dropped}");
        Assert.All(seenFrames, f => Assert.InRange(f.Mean, Luma(f.Id) - 3, Luma(f.Id) + 3));
    }
}
