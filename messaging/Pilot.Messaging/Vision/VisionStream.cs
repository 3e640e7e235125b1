namespace Pilot.Messaging.Vision;

/// <summary>A camera stream: its name (in shared-memory file names and endpoints) and its fixed index.</summary>
public sealed record VisionStream(string Name, int Index)
{
    public static readonly VisionStream Road = new("road", 0);
    public static readonly VisionStream Wide = new("wide", 1);
    public static readonly VisionStream Driver = new("driver", 2);
    public static readonly IReadOnlyList<VisionStream> All = [Road, Wide, Driver];

    public static VisionStream Get(string name) => All.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"unknown camera stream '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}", nameof(name));

    public override string ToString() => Name;
}

/// <summary>Pixel layout of a frame buffer.</summary>
public enum PixelFormat : ushort
{
    /// <summary>Y plane, then interleaved U/V at half resolution (what camera ISPs and ffmpeg's nv12 emit).</summary>
    Nv12 = 0,
    /// <summary>Y plane, then U plane, then V plane at half resolution (I420).</summary>
    Yuv420 = 1,
}

/// <summary>Geometry of one frame buffer. Both formats use 12 bits per pixel: a Y plane of stride × height bytes, then chroma.</summary>
public readonly record struct FrameGeometry(int Width, int Height, int Stride, PixelFormat Format)
{
    public const int StrideAlignment = 64;   // rows start on cache lines (and on the 64-byte alignment GPUs want)

    public static FrameGeometry For(int width, int height, PixelFormat format = PixelFormat.Nv12)
    {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0)
            throw new ArgumentException($"frame size {width}x{height} must be positive and even (chroma is subsampled 2x2)");
        return new(width, height, (width + StrideAlignment - 1) / StrideAlignment * StrideAlignment, format);
    }

    /// <summary>Byte offset of the chroma data (NV12 UV plane, or the U plane of YUV420).</summary>
    public int UvOffset => Stride * Height;
    /// <summary>Bytes of one frame.</summary>
    public int Size => Stride * Height * 3 / 2;
}
