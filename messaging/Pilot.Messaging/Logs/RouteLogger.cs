using Pilot.Capnp;
using Pilot.Messaging.Schema;
using Pilot.Messaging.Vision;

namespace Pilot.Messaging.Logs;

/// <summary>Settings of a <see cref="RouteLogger"/>.</summary>
public sealed record RouteLoggerOptions
{
    /// <summary>Length of a segment in log time (openpilot: 60 s).</summary>
    public TimeSpan SegmentLength { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Route name; default: the wall time at start, "yyyy-MM-dd--HH-mm-ss".</summary>
    public string? RouteName { get; init; }
    public RecordingInfo Info { get; init; } = new();
    /// <summary>Opens a log file for writing (a test may wrap the stream to simulate a full disk).</summary>
    public Func<string, Stream>? Open { get; init; }
    /// <summary>Events per zstd frame at most (smaller: less lost to a crash, worse compression).</summary>
    public int BlockEvents { get; init; } = LogFileWriter.DefaultBlockEvents;
    /// <summary>Road camera frame rate for the video file, Hz.</summary>
    public double VideoFps { get; init; } = 20;
}

/// <summary>
/// Records a route (openpilot's loggerd): segments of <see cref="RouteLoggerOptions.SegmentLength"/> of log time, each with
/// rlog.zst (every should-log service), qlog.zst (every Nth message per service) and the road video with its index events.
/// Each log starts with initData and a start sentinel and ends with an end sentinel; a finished segment is fsync'ed before
/// the next one starts. Write errors (disk full) are reported through <see cref="Error"/>; the logger keeps running and
/// retries with the next block and the next segment.
/// </summary>
public sealed class RouteLogger : IDisposable
{
    private readonly string _root;
    private readonly RouteLoggerOptions _options;
    private readonly long[] _qlogCounters = new long[Services.All.Max(s => s.Which) + 1];
    private LogFileWriter? _rlog, _qlog;
    private VideoWriter? _video;
    private ulong _segmentStart, _lastTime;
    private uint _encodeId;

    public RouteLogger(string root, RouteLoggerOptions? options = null)
    {
        _root = root;
        _options = options ?? new RouteLoggerOptions();
        RouteName = _options.RouteName ?? RouteLayout.NewRouteName(DateTime.Now);
        Directory.CreateDirectory(root);
    }

    public string RouteName { get; }
    /// <summary>Current segment number (−1 before the first event).</summary>
    public int Segment { get; private set; } = -1;
    public string RoutePath => Path.Combine(_root, RouteName);
    /// <summary>Events that could not be written (disk full, folder not creatable).</summary>
    public long DroppedEvents => _dropped + (_rlog?.DroppedEvents ?? 0);
    /// <summary>Raised with a message for every write problem; the logger goes on.</summary>
    public event Action<string>? Error;

    private long _dropped;

    /// <summary>Logs one framed Event (bytes as received from the bus).</summary>
    public void Write(ReadOnlyMemory<byte> framedEvent)
    {
        StructReader ev;
        try { ev = MessageReader.ReadFramed(framedEvent).Root; }
        catch (CapnpException e) { Error?.Invoke($"dropped a malformed event: {e.Message}"); _dropped++; return; }
        var service = Services.FromWhich(EventLayout.ReadWhich(ev));
        if (service is null || !service.ShouldLog) return;
        Write(service, framedEvent.Span, EventLayout.ReadLogMonoTime(ev));
    }

    /// <summary>Encodes one road camera frame into the segment's video and logs its roadEncodeIdx event.</summary>
    public void WriteFrame(FrameDescriptor frame, ReadOnlySpan<byte> pixels)
    {
        ulong t = frame.TimestampEof;
        Rotate(t);
        if (_video is null)
        {
            try { _video = new VideoWriter(Path.Combine(SegmentDir, RouteLayout.RoadVideo), frame.Geometry, _options.VideoFps); }
            catch (IOException e) { Error?.Invoke(e.Message); return; }
        }
        uint packet = (uint)_video.Frames;
        try { _video.Write(pixels); }
        catch (IOException e) { Error?.Invoke($"{_video.Path}: {e.Message}"); return; }
        Write(Services.Get("roadEncodeIdx"), SegmentEvents.EncodeIndex(t, frame.FrameId, _encodeId++, Segment, packet,
            frame.TimestampSof, frame.TimestampEof, VideoWriter.IsKeyframe((int)packet)), t);
    }

    private string SegmentDir => RouteLayout.SegmentDir(_root, RouteName, Segment);

    private void Write(ServiceInfo service, ReadOnlySpan<byte> framed, ulong logMonoTime)
    {
        Rotate(logMonoTime);
        _lastTime = Math.Max(_lastTime, logMonoTime);
        if (_rlog is null) { _dropped++; return; }
        _rlog.Append(framed);
        if (service.QlogDecimation > 0 && _qlogCounters[service.Which]++ % service.QlogDecimation == 0) _qlog!.Append(framed);
    }

    /// <summary>Starts the first segment, or the next one when <paramref name="logMonoTime"/> passed the segment's end.</summary>
    private void Rotate(ulong logMonoTime)
    {
        if (Segment >= 0 && logMonoTime < _segmentStart + (ulong)(_options.SegmentLength.Ticks * 100)) return;
        if (Segment >= 0) EndSegment(logMonoTime, SentinelType.EndOfSegment, 0);
        Segment++;
        _segmentStart = logMonoTime;
        try
        {
            Directory.CreateDirectory(SegmentDir);
            _rlog = Open(RouteLayout.Rlog);
            _qlog = Open(RouteLayout.Qlog);
        }
        catch (IOException e)
        {
            Error?.Invoke($"cannot start segment {SegmentDir}: {e.Message}");
            _rlog = _qlog = null;
            return;
        }
        var init = SegmentEvents.InitData(logMonoTime, _options.Info, RouteName, Segment);
        var start = SegmentEvents.Sentinel(logMonoTime, Segment == 0 ? SentinelType.StartOfRoute : SentinelType.StartOfSegment);
        foreach (var log in new[] { _rlog, _qlog }) { log.Append(init); log.Append(start); }
    }

    private LogFileWriter Open(string name)
    {
        var w = new LogFileWriter(Path.Combine(SegmentDir, name), _options.Open, _options.BlockEvents);
        w.Failed += (file, e) => Error?.Invoke($"{file}: write failed, events of this block dropped: {e.Message}");
        return w;
    }

    private void EndSegment(ulong logMonoTime, SentinelType type, int signal)
    {
        if (_video is not null)
        {
            try { _video.Finish(); }
            catch (IOException e) { Error?.Invoke(e.Message); }
            _video.Dispose();
            _video = null;
        }
        if (_rlog is null) return;
        var end = SegmentEvents.Sentinel(Math.Max(logMonoTime, _lastTime), type, signal);
        foreach (var log in new[] { _rlog, _qlog! })
        {
            log.Append(end);
            log.Dispose();   // writes the last block and fsyncs before the next segment starts
        }
        _dropped += _rlog.DroppedEvents;
        _rlog = _qlog = null;
    }

    /// <summary>Ends the route: end-of-route sentinel, fsync. <paramref name="signal"/> records what stopped the recording.</summary>
    public void Close(int signal = 0)
    {
        if (Segment >= 0) EndSegment(_lastTime, SentinelType.EndOfRoute, signal);
    }

    public void Dispose()
    {
        if (_rlog is not null || _video is not null) Close();
    }
}
