using Pilot.Camerad.Pixels;
using Pilot.Messaging.Events;
using Pilot.Messaging.Logs;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Vision;

namespace Pilot.Camerad.Sources;

/// <summary>
/// The road camera of a recorded route: each <c>roadEncodeIdx</c> event names a frame (id, timestamps, packet of the
/// segment's video), and the frame is shown when its recorded time comes, relative to the first one. Timestamps are moved
/// onto the live clock (same spacing), so ages and latencies downstream mean what they mean live; frame ids are kept.
/// </summary>
public sealed class ReplaySource : IFrameSource
{
    private readonly IEnumerator<LogEvent> _index;
    private VideoReader? _video;
    private string? _segment;
    private LogEvent? _pending;              // the next index event, not yet due
    private ulong? _firstSof;
    private long _startNs;

    public ReplaySource(string route)
    {
        _index = new LogReader(route).ReadAll().Where(e => e.Service?.Name == "roadEncodeIdx").GetEnumerator();
        _pending = _index.MoveNext() ? _index.Current : throw new InvalidDataException($"route {route}: no roadEncodeIdx events (recorded without video)");
        var video = OpenVideo(_pending) ?? throw new FileNotFoundException($"route {route}: no {RouteLayout.RoadVideo} beside {_pending.File}");
        Geometry = FrameGeometry.For(video.Width, video.Height);
    }

    public FrameGeometry Geometry { get; }
    public FrameData.ImageSensor Sensor => FrameData.ImageSensor.Video;
    public IReadOnlyList<string> Inputs => [];

    public bool TryCapture(long nowNs, SubMaster inputs, Span<byte> frame, out SourceFrame captured)
    {
        captured = default;
        LogEvent? due = null;
        while (_pending is not null && IsDue(_pending, nowNs))
        {
            due = _pending;   // a late loop skips to the newest due frame
            _pending = _index.MoveNext() ? _index.Current : null;
        }
        if (due is null) return false;
        var index = new Event.Reader(due.Event).RoadEncodeIdx;
        var video = OpenVideo(due);
        uint packet = index.SegmentId;
        if (video is null || video.Packet > packet) return false;   // no video, or the index went backwards
        ReadOnlySpan<byte> packed = default;
        while (video.Packet <= packet)
            if (!video.TryRead(out packed)) return false;           // video shorter than its index (recorder killed)
        FrameConversion.Nv12ToNv12(packed, video.Width, Geometry, frame);
        ulong shift = (ulong)_startNs - _firstSof!.Value;
        captured = new SourceFrame(index.FrameId, index.TimestampSof + shift, index.TimestampEof + shift);
        return true;
    }

    private bool IsDue(LogEvent index, long nowNs)
    {
        ulong sof = new Event.Reader(index.Event).RoadEncodeIdx.TimestampSof;
        if (_firstSof is null) (_firstSof, _startNs) = (sof, nowNs);
        return (long)(sof - _firstSof.Value) <= nowNs - _startNs;
    }

    /// <summary>The decoder of the segment holding <paramref name="index"/>'s frame (started when the segment changes).</summary>
    private VideoReader? OpenVideo(LogEvent index)
    {
        string segment = Path.GetDirectoryName(index.File)!;
        if (segment == _segment) return _video;
        _video?.Dispose();
        _segment = segment;
        string path = Path.Combine(segment, RouteLayout.RoadVideo);
        _video = File.Exists(path) ? new VideoReader(path) : null;
        return _video;
    }

    public void Dispose()
    {
        _index.Dispose();
        _video?.Dispose();
    }
}
