using Pilot.Messaging.Vision;

namespace Pilot.Camerad.Pixels;

/// <summary>
/// Conversions of what capture devices deliver into the frame pool's 4:2:0 NV12 layout (<see cref="FrameGeometry"/>:
/// Y rows of <c>Stride</c> bytes, then interleaved U/V rows). Source rows are <c>bytesPerLine</c> apart, as the driver
/// reports, which may exceed the visible width. Integer arithmetic only, so results are exact and reproducible.
/// </summary>
public static class FrameConversion
{
    /// <summary>
    /// YUYV 4:2:2 (Y0 U Y1 V per pixel pair) to NV12. Luma is copied; each chroma sample is the mean of the two rows it
    /// covers, rounded half up ((a + b + 1) / 2), the vertical half of 4:2:2 → 4:2:0.
    /// </summary>
    public static void YuyvToNv12(ReadOnlySpan<byte> yuyv, int bytesPerLine, FrameGeometry target, Span<byte> frame)
    {
        int w = target.Width, h = target.Height;
        Check(yuyv, bytesPerLine, 2 * w, bytesPerLine * h, target, frame, "YUYV");
        for (int y = 0; y < h; y++)
        {
            var src = yuyv.Slice(y * bytesPerLine, 2 * w);
            var dst = frame.Slice(y * target.Stride, w);
            for (int x = 0; x < w; x++) dst[x] = src[2 * x];
        }
        for (int r = 0; r < h / 2; r++)
        {
            var top = yuyv.Slice(2 * r * bytesPerLine, 2 * w);
            var bottom = yuyv.Slice((2 * r + 1) * bytesPerLine, 2 * w);
            var uv = frame.Slice(target.UvOffset + r * target.Stride, w);
            for (int c = 0; c < w / 2; c++)
            {
                uv[2 * c] = (byte)((top[4 * c + 1] + bottom[4 * c + 1] + 1) >> 1);
                uv[2 * c + 1] = (byte)((top[4 * c + 3] + bottom[4 * c + 3] + 1) >> 1);
            }
        }
    }

    /// <summary>NV12 with the driver's row pitch (chroma plane right after <paramref name="bytesPerLine"/> × height) to the pool's pitch.</summary>
    public static void Nv12ToNv12(ReadOnlySpan<byte> nv12, int bytesPerLine, FrameGeometry target, Span<byte> frame)
    {
        int w = target.Width, h = target.Height;
        Check(nv12, bytesPerLine, w, bytesPerLine * h * 3 / 2, target, frame, "NV12");
        for (int row = 0; row < h * 3 / 2; row++)   // Y rows then UV rows, both `w` bytes wide
            nv12.Slice(row * bytesPerLine, w).CopyTo(frame.Slice(row * target.Stride, w));
    }

    /// <summary>
    /// RGBA (8 bits per channel, rows of 4·width bytes) to NV12, full-range BT.601 as JPEG/JFIF defines it, in 16-bit
    /// fixed point: Y = (19595 R + 38470 G + 7471 B + 2¹⁵) >> 16; chroma from the 2×2 block's summed R, G, B.
    /// </summary>
    public static void RgbaToNv12(ReadOnlySpan<byte> rgba, FrameGeometry target, Span<byte> frame)
    {
        int w = target.Width, h = target.Height;
        Check(rgba, 4 * w, 4 * w, 4 * w * h, target, frame, "RGBA");
        for (int y = 0; y < h; y++)
        {
            var src = rgba.Slice(4 * w * y, 4 * w);
            var dst = frame.Slice(y * target.Stride, w);
            for (int x = 0; x < w; x++)
                dst[x] = (byte)((19595 * src[4 * x] + 38470 * src[4 * x + 1] + 7471 * src[4 * x + 2] + 32768) >> 16);
        }
        for (int r = 0; r < h / 2; r++)
        {
            var top = rgba.Slice(4 * w * 2 * r, 4 * w);
            var bottom = rgba.Slice(4 * w * (2 * r + 1), 4 * w);
            var uv = frame.Slice(target.UvOffset + r * target.Stride, w);
            for (int c = 0; c < w / 2; c++)
            {
                int i = 8 * c;
                int red = top[i] + top[i + 4] + bottom[i] + bottom[i + 4];
                int green = top[i + 1] + top[i + 5] + bottom[i + 1] + bottom[i + 5];
                int blue = top[i + 2] + top[i + 6] + bottom[i + 2] + bottom[i + 6];
                // Sums of four samples: the weights are divided by 4 through the extra 2 bits of the shift.
                uv[2 * c] = ClampByte(((-11059 * red - 21709 * green + 32768 * blue) >> 2) + (128 << 16) + 32768 >> 16);
                uv[2 * c + 1] = ClampByte(((32768 * red - 27439 * green - 5329 * blue) >> 2) + (128 << 16) + 32768 >> 16);
            }
        }
    }

    private static byte ClampByte(int v) => (byte)Math.Clamp(v, 0, 255);

    private static void Check(ReadOnlySpan<byte> source, int bytesPerLine, int minBytesPerLine, int sourceBytes, FrameGeometry target,
        Span<byte> frame, string format)
    {
        if (target.Format != PixelFormat.Nv12) throw new ArgumentException($"target frames must be NV12, not {target.Format}");
        if (bytesPerLine < minBytesPerLine)
            throw new ArgumentException($"{format} rows of {bytesPerLine} bytes cannot hold {target.Width} pixels ({minBytesPerLine} bytes)");
        if (source.Length < sourceBytes)
            throw new ArgumentException($"{format} frame of {target.Width}x{target.Height} at {bytesPerLine} bytes per row needs {sourceBytes} bytes, got {source.Length}");
        if (frame.Length < target.Size) throw new ArgumentException($"target frame needs {target.Size} bytes, got {frame.Length}");
    }
}
