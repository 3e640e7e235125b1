using System.Globalization;
using Pilot.Messaging.Vision;

namespace Pilot.Messaging.Logs;

/// <summary>
/// Encodes camera frames into a raw H.264 stream (Annex B) with the system's ffmpeg (libx264). One packet per frame and
/// no B-frames, so packet i of the file is the i-th frame written: the roadEncodeIdx events map frame ids to packets.
/// A raw stream needs no trailer, so a writer killed mid-segment leaves a file that decodes up to its last packet.
/// </summary>
public sealed class VideoWriter : IDisposable
{
    public const int KeyframeInterval = 20;   // one key frame per second at 20 Hz: replay can seek to any second

    private readonly Ffmpeg _ffmpeg;
    private readonly FrameGeometry _geometry;

    public VideoWriter(string path, FrameGeometry geometry, double fps)
    {
        if (geometry.Format != PixelFormat.Nv12) throw new ArgumentException($"video encoding takes NV12 frames, got {geometry.Format}");
        _geometry = geometry;
        Path = path;
        // The input is the buffer as stored (rows of `stride` bytes); crop drops the padding, no copy on our side.
        _ffmpeg = new Ffmpeg("ffmpeg",
        [
            "-hide_banner", "-loglevel", "error", "-f", "rawvideo", "-pix_fmt", "nv12",
            "-s", $"{geometry.Stride}x{geometry.Height}", "-r", fps.ToString(CultureInfo.InvariantCulture), "-i", "pipe:0",
            "-vf", $"crop={geometry.Width}:{geometry.Height}:0:0", "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
            "-g", KeyframeInterval.ToString(CultureInfo.InvariantCulture), "-bf", "0", "-f", "h264", "-y", path,
        ], $"encoding {path}", writeStdin: true);
    }

    public string Path { get; }
    /// <summary>Frames written so far (the next frame's packet index).</summary>
    public int Frames { get; private set; }

    /// <summary>Writes one frame (the whole buffer, <see cref="FrameGeometry.Size"/> bytes).</summary>
    public void Write(ReadOnlySpan<byte> frame)
    {
        if (frame.Length != _geometry.Size) throw new ArgumentException($"frame is {frame.Length} bytes, the geometry needs {_geometry.Size}");
        _ffmpeg.Input.Write(frame);
        Frames++;
    }

    /// <summary>True when frame <paramref name="packet"/> is a key frame.</summary>
    public static bool IsKeyframe(int packet) => packet % KeyframeInterval == 0;

    /// <summary>Ends the stream and waits for ffmpeg; throws with ffmpeg's message when encoding failed.</summary>
    public void Finish() => _ffmpeg.Finish();

    public void Dispose() => _ffmpeg.Dispose();
}
