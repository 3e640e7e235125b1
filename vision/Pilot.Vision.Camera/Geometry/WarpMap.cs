namespace Pilot.Vision.Camera.Geometry;

/// <summary>
/// A precomputed lookup from every pixel of a destination view to a position in the source camera image, built once
/// per calibration, then applied to every frame without allocating (bilinear sampling). Built for the luma plane and
/// the half-resolution chroma planes of 4:2:0 images (chroma samples centred between luma pairs, as JPEG/MPEG-1).
/// </summary>
public sealed class WarpMap
{
    private readonly float[] _luma;    // [Height, Width, 2]: source (u, v) in luma pixels; NaN where outside
    private readonly float[] _chroma;  // [Height/2, Width/2, 2]: source (u, v) in chroma pixels

    public int Width { get; }
    public int Height { get; }
    public int SourceWidth { get; }
    public int SourceHeight { get; }

    private WarpMap(int width, int height, int sourceWidth, int sourceHeight, float[] luma, float[] chroma)
    {
        (Width, Height, SourceWidth, SourceHeight, _luma, _chroma) = (width, height, sourceWidth, sourceHeight, luma, chroma);
    }

    /// <summary>The warp from <paramref name="camera"/> (mounted as <paramref name="calibration"/> says) into
    /// <paramref name="view"/>.</summary>
    public static WarpMap Create(PinholeCamera camera, RoadCalibration calibration, ModelView view)
    {
        if (view.Width % 2 != 0 || view.Height % 2 != 0 || camera.Width % 2 != 0 || camera.Height % 2 != 0)
            throw new ArgumentException($"4:2:0 images need even sizes: view {view.Width}×{view.Height}, camera {camera.Width}×{camera.Height}");
        var rotation = calibration.CameraFromCalibratedView;
        var kInverse = view.Camera.K.Inverse();
        (double U, double V) Source(double u, double v)
        {
            var ray = rotation * (kInverse * new Vec3(u, v, 1));
            return camera.TryProject(ray, out double su, out double sv) ? (su, sv) : (double.NaN, double.NaN);
        }
        var luma = new float[view.Width * view.Height * 2];
        for (int y = 0; y < view.Height; y++)
            for (int x = 0; x < view.Width; x++)
            {
                var (u, v) = Source(x, y);
                luma[2 * (y * view.Width + x)] = (float)u;
                luma[2 * (y * view.Width + x) + 1] = (float)v;
            }
        int cw = view.Width / 2, ch = view.Height / 2;
        var chroma = new float[cw * ch * 2];
        for (int y = 0; y < ch; y++)
            for (int x = 0; x < cw; x++)
            {
                // Chroma sample (x, y) sits at luma (2x + 0.5, 2y + 0.5); map it, then back to chroma units.
                var (u, v) = Source(2 * x + 0.5, 2 * y + 0.5);
                chroma[2 * (y * cw + x)] = (float)((u - 0.5) / 2);
                chroma[2 * (y * cw + x) + 1] = (float)((v - 0.5) / 2);
            }
        return new WarpMap(view.Width, view.Height, camera.Width, camera.Height, luma, chroma);
    }

    /// <summary>Source position (luma pixels) that destination pixel (x, y) samples; NaN when behind the camera.</summary>
    public (float U, float V) SourceOf(int x, int y) => (_luma[2 * (y * Width + x)], _luma[2 * (y * Width + x) + 1]);

    /// <summary>Warps an NV12 frame (Y plane, then interleaved U/V at half resolution) into NV12 of the view's size.
    /// Pixels that map outside the source get <paramref name="fillY"/> / neutral chroma.</summary>
    public void WarpNv12(ReadOnlySpan<byte> source, Span<byte> destination, byte fillY = 0)
    {
        int srcLuma = SourceWidth * SourceHeight, dstLuma = Width * Height;
        if (source.Length < srcLuma * 3 / 2) throw new ArgumentException($"NV12 source of {SourceWidth}×{SourceHeight} needs {srcLuma * 3 / 2} bytes, got {source.Length}");
        if (destination.Length < dstLuma * 3 / 2) throw new ArgumentException($"NV12 destination of {Width}×{Height} needs {dstLuma * 3 / 2} bytes, got {destination.Length}");
        Remap(source[..srcLuma], SourceWidth, SourceHeight, 1, _luma, destination[..dstLuma], fillY);
        Remap(source.Slice(srcLuma, srcLuma / 2), SourceWidth / 2, SourceHeight / 2, 2, _chroma, destination.Slice(dstLuma, dstLuma / 2), 128);
    }

    /// <summary>Bilinear remap of an interleaved plane with <paramref name="channels"/> bytes per sample.</summary>
    private static void Remap(ReadOnlySpan<byte> src, int sw, int sh, int channels, ReadOnlySpan<float> map, Span<byte> dst, byte fill)
    {
        int count = map.Length / 2;
        for (int i = 0; i < count; i++)
        {
            float u = map[2 * i], v = map[2 * i + 1];
            if (!(u >= 0 && v >= 0 && u <= sw - 1 && v <= sh - 1))
            {
                for (int c = 0; c < channels; c++) dst[i * channels + c] = fill;
                continue;
            }
            int x0 = Math.Min((int)u, sw - 2), y0 = Math.Min((int)v, sh - 2);
            float fx = u - x0, fy = v - y0;
            int row0 = (y0 * sw + x0) * channels, row1 = row0 + sw * channels;
            for (int c = 0; c < channels; c++)
            {
                float top = src[row0 + c] + fx * (src[row0 + channels + c] - src[row0 + c]);
                float bottom = src[row1 + c] + fx * (src[row1 + channels + c] - src[row1 + c]);
                dst[i * channels + c] = (byte)(top + fy * (bottom - top) + 0.5f);
            }
        }
    }
}
