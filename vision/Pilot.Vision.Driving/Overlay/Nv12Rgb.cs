namespace Pilot.Vision.Driving.Overlay;

/// <summary>NV12 (full-range BT.601) to RGB, for writing frames as PNG.</summary>
public static class Nv12Rgb
{
    /// <summary>Converts an NV12 frame into float CHW RGB 0..1 ([3, height, width]).</summary>
    public static void ToChw(ReadOnlySpan<byte> nv12, int width, int height, Span<float> chw)
    {
        int plane = width * height;
        if (chw.Length < 3 * plane) throw new ArgumentException($"[3, {height}, {width}] needs {3 * plane} floats, got {chw.Length}");
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int c = plane + (y / 2) * width + (x / 2) * 2;
                float l = nv12[y * width + x], u = nv12[c] - 128f, v = nv12[c + 1] - 128f;
                int i = y * width + x;
                chw[i] = Math.Clamp((l + 1.402f * v) / 255, 0, 1);
                chw[plane + i] = Math.Clamp((l - 0.344136f * u - 0.714136f * v) / 255, 0, 1);
                chw[2 * plane + i] = Math.Clamp((l + 1.772f * u) / 255, 0, 1);
            }
    }
}
