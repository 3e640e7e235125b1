using System.Diagnostics;
using Pilot.Messaging.Logs;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Schema;
using Pilot.Messaging.Vision;

namespace Pilot.Messaging.Replay;

/// <summary>Settings of a <see cref="Replayer"/>.</summary>
/// <param name="Speed">playback rate: 1 = recorded timing, 2 = twice as fast</param>
/// <param name="SeekSeconds">start this far (log time, s) after the route's first event</param>
/// <param name="Only">publish only these services (null: all)</param>
/// <param name="Block">never publish these services</param>
/// <param name="Frames">decode the road video and serve its frames through shared memory</param>
/// <param name="FrameBuffers">shared-memory frame buffers; more let a slow reader (an analysis tool, a loaded machine)
/// fall further behind before the replay reuses a buffer it has not read yet</param>
public sealed record ReplayOptions(double Speed = 1, double SeekSeconds = 0, IReadOnlySet<string>? Only = null,
    IReadOnlySet<string>? Block = null, bool Frames = true, int FrameBuffers = VisionServer.DefaultBufferCount);

/// <summary>
/// Republishes a recorded route at its original timing (openpilot's replay): every event on its service, unchanged
/// (logMonoTime stays the recorded one), and the road camera frames decoded from each segment's video with ffmpeg, served
/// through <see cref="VisionServer"/> when their roadEncodeIdx event comes up. initData, sentinels and the index events
/// are log structure and are not published.
/// </summary>
public sealed class Replayer(string route, ReplayOptions options, Bus bus)
{
    private static readonly HashSet<string> Structural = ["initData", "sentinel", "roadEncodeIdx"];
    private readonly LogReader _reader = new(route);

    public IReadOnlyList<LogDamage> Damage => _reader.Damage;
    public long Published { get; private set; }
    public long FramesPublished { get; private set; }

    /// <summary>Replays until the end of the route or <paramref name="cancel"/>; returns the events published.</summary>
    public long Run(CancellationToken cancel = default)
    {
        if (options.Speed <= 0) throw new ArgumentOutOfRangeException(nameof(options), options.Speed, "speed must be > 0");
        var services = Services.All.Where(s => !Structural.Contains(s.Name)
            && (options.Only is null || options.Only.Contains(s.Name)) && (options.Block is null || !options.Block.Contains(s.Name)))
            .Select(s => s.Name).ToHashSet();
        using var pm = new PubMaster(services, Transports.Open(bus));
        using var frames = new FrameSource(bus, options.FrameBuffers);
        bool serveFrames = options.Frames && (options.Only is null || options.Only.Contains("roadCameraState"))
            && options.Block?.Contains("roadCameraState") != true;
        ulong? first = null;
        long wallStart = 0;
        foreach (var ev in _reader.ReadAll())
        {
            if (cancel.IsCancellationRequested) break;
            first ??= ev.LogMonoTime;
            double t = (ev.LogMonoTime - first.Value) / 1e9 - options.SeekSeconds;
            if (t < 0 || ev.Service is null) continue;
            if (ev.Service.Name == "initData" && serveFrames)
            {
                // Starting ffmpeg takes a while: do it at the segment's start and shift the timeline by the time it took,
                // so frames do not come out in a burst that overruns the pool.
                long before = Stopwatch.GetTimestamp();
                frames.Open(Path.GetDirectoryName(ev.File)!);
                if (wallStart != 0) wallStart += Stopwatch.GetTimestamp() - before;
            }
            if (wallStart == 0) wallStart = Stopwatch.GetTimestamp() - (long)(t / options.Speed * Stopwatch.Frequency);
            WaitUntil(wallStart + (long)(t / options.Speed * Stopwatch.Frequency), cancel);
            if (ev.Service.Name == "roadEncodeIdx" && serveFrames)
            {
                if (frames.Publish(ev)) FramesPublished++;
            }
            else if (services.Contains(ev.Service.Name))
            {
                pm.SendRaw(ev.Service.Name, ev.Framed.Span);
                Published++;
            }
        }
        return Published;
    }

    private static void WaitUntil(long timestamp, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            double left = (timestamp - Stopwatch.GetTimestamp()) * 1000.0 / Stopwatch.Frequency;
            if (left <= 0) return;
            if (left > 2) Thread.Sleep(TimeSpan.FromMilliseconds(left - 1));   // sleep most of it, spin the last ms
            else Thread.SpinWait(64);
        }
    }

    /// <summary>Decodes each segment's video as its index events come up and serves the frames.</summary>
    private sealed class FrameSource(Bus bus, int bufferCount) : IDisposable
    {
        private VideoReader? _video;
        private string? _segment;
        private VisionServer? _server;

        /// <summary>Starts decoding the video of <paramref name="segment"/> (a segment folder), if it has one.</summary>
        public void Open(string segment)
        {
            if (segment == _segment) return;
            _video?.Dispose();
            _video = null;
            _segment = segment;
            string path = Path.Combine(segment, RouteLayout.RoadVideo);
            if (!File.Exists(path)) return;
            _video = new VideoReader(path);
            _server ??= new VisionServer(VisionStream.Road, FrameGeometry.For(_video.Width, _video.Height), bufferCount, bus);
        }

        public bool Publish(LogEvent index)
        {
            var x = index.Payload;
            Open(Path.GetDirectoryName(index.File)!);
            if (_video is null || _server is null) return false;
            uint packet = x.ReadUInt32(EventLayout.EncodeIndex.SegmentId);
            ReadOnlySpan<byte> frame = default;
            while (_video.Packet <= packet)
                if (!_video.TryRead(out frame)) return false;   // video shorter than its index (writer killed): stop serving
            var buffer = _server.Acquire();
            VideoReader.CopyToBuffer(frame, _video.Width, _video.Height, _server.Pool.Geometry, buffer);
            _server.Publish(x.ReadUInt32(EventLayout.EncodeIndex.FrameId), x.ReadUInt64(EventLayout.EncodeIndex.TimestampSof),
                x.ReadUInt64(EventLayout.EncodeIndex.TimestampEof));
            return true;
        }

        public void Dispose()
        {
            _video?.Dispose();
            _server?.Dispose();
        }
    }
}
