using Pilot.Camerad.Pixels;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Messaging.Vision;

namespace Pilot.Camerad.Sources;

/// <summary>
/// Frames of a video file (a dash-cam clip) at the camera rate. ffmpeg resamples the clip to the rate (its fps filter
/// repeats or drops frames by presentation time), so camera frame k shows the clip at k/rate seconds and a 25 fps clip
/// plays at its own speed. Optionally loops for long runs.
/// </summary>
public sealed class VideoFileSource : IFrameSource
{
    private readonly FfmpegFrames _ffmpeg;
    private readonly FramePacer _pacer;
    private readonly byte[] _packed;   // one packed NV12 frame as ffmpeg writes it (width × height × 1.5)
    private long _decoded;             // frames read from ffmpeg so far

    public VideoFileSource(string path, double rateHz, bool loop = false)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"video file not found: {path}", path);
        var (width, height) = VideoProbe.Size(path);
        Geometry = FrameGeometry.For(width, height);
        _packed = new byte[width * height * 3 / 2];
        _pacer = new FramePacer(rateHz);
        string rate = rateHz.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        _ffmpeg = new FfmpegFrames(path, [
            "-hide_banner", "-loglevel", "error", .. loop ? new[] { "-stream_loop", "-1" } : [], "-i", path,
            "-vf", $"fps={rate}", "-f", "rawvideo", "-pix_fmt", "nv12", "pipe:1"]);
        // Wait out ffmpeg's start-up here: paced from the first poll, a slow first frame would make the next ones late.
        if (!_ffmpeg.TryRead(_packed)) throw new InvalidDataException($"{path}: the video has no frames");
        _decoded = 1;
    }

    public FrameGeometry Geometry { get; }
    public FrameData.ImageSensor Sensor => FrameData.ImageSensor.Video;
    public IReadOnlyList<string> Inputs => [];

    public bool TryCapture(long nowNs, SubMaster inputs, Span<byte> frame, out SourceFrame captured)
    {
        captured = default;
        if (!_pacer.TryDue(nowNs, out long id, out long dueNs)) return false;
        // Frames whose time passed while the loop was late are decoded and dropped: the clip keeps real time.
        while (_decoded <= id)
        {
            if (!_ffmpeg.TryRead(_packed)) return false;
            _decoded++;
        }
        FrameConversion.Nv12ToNv12(_packed, Geometry.Width, Geometry, frame);
        captured = new SourceFrame((uint)id, (ulong)dueNs, (ulong)nowNs);
        return true;
    }

    public void Dispose() => _ffmpeg.Dispose();
}
