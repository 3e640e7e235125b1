using Pilot.Messaging.Vision;

namespace Pilot.Messaging.Logs;

/// <summary>Decodes a segment's video with the system's ffmpeg into NV12 frames, in packet order.</summary>
public sealed class VideoReader : IDisposable
{
    private readonly Ffmpeg _ffmpeg;
    private readonly byte[] _frame;

    public VideoReader(string path)
    {
        var (w, h) = Ffmpeg.ProbeSize(path);
        Width = w;
        Height = h;
        _frame = new byte[w * h * 3 / 2];
        _ffmpeg = new Ffmpeg("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", path, "-f", "rawvideo", "-pix_fmt", "nv12", "pipe:1"],
            $"decoding {path}", writeStdin: false);
    }

    public int Width { get; }
    public int Height { get; }
    /// <summary>Packets decoded so far.</summary>
    public int Packet { get; private set; }

    /// <summary>The next frame as tightly packed NV12 (width × height × 1.5 bytes), or false at the end of the video.</summary>
    public bool TryRead(out ReadOnlySpan<byte> frame)
    {
        int got = 0;
        while (got < _frame.Length)
        {
            int n = _ffmpeg.Output.Read(_frame, got, _frame.Length - got);
            if (n == 0) break;
            got += n;
        }
        frame = _frame;
        if (got < _frame.Length) return false;
        Packet++;
        return true;
    }

    /// <summary>Copies a packed NV12 frame into a buffer laid out as <paramref name="target"/> (row stride may differ).</summary>
    public static void CopyToBuffer(ReadOnlySpan<byte> packed, int width, int height, FrameGeometry target, Span<byte> buffer)
    {
        int rows = height * 3 / 2;   // Y rows then UV rows, each `width` bytes wide in NV12
        for (int r = 0; r < rows; r++)
            packed.Slice(r * width, width).CopyTo(buffer.Slice(r * target.Stride, width));
    }

    public void Dispose() => _ffmpeg.Dispose();
}
