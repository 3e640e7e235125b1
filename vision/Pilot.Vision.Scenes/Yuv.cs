namespace Pilot.Vision.Scenes;

/// <summary>RGB → YUV 4:2:0 conversion, full-range BT.601 (JFIF): Y = 0.299 R + 0.587 G + 0.114 B, chroma centred on 128
/// and averaged over each 2×2 block.</summary>
public static class Yuv
{
    /// <summary>Converts [height, width, 3] RGB 0..1 into I420 (planar U then V) or NV12 (interleaved UV).</summary>
    public static void FromRgb(ReadOnlySpan<float> rgb, int width, int height, Span<byte> output, bool interleavedChroma)
    {
        int luma = width * height, cw = width / 2, ch = height / 2;
        if (output.Length < luma * 3 / 2) throw new ArgumentException($"a {width}×{height} 4:2:0 frame needs {luma * 3 / 2} bytes, got {output.Length}");
        for (int i = 0; i < luma; i++)
            output[i] = ToByte(255 * (0.299f * rgb[3 * i] + 0.587f * rgb[3 * i + 1] + 0.114f * rgb[3 * i + 2]));
        for (int y = 0; y < ch; y++)
            for (int x = 0; x < cw; x++)
            {
                float r = 0, g = 0, b = 0;
                for (int dy = 0; dy < 2; dy++)
                    for (int dx = 0; dx < 2; dx++)
                    {
                        int i = (2 * y + dy) * width + 2 * x + dx;
                        r += rgb[3 * i]; g += rgb[3 * i + 1]; b += rgb[3 * i + 2];
                    }
                r *= 0.25f; g *= 0.25f; b *= 0.25f;
                byte u = ToByte(128 + 255 * (-0.168736f * r - 0.331264f * g + 0.5f * b));
                byte v = ToByte(128 + 255 * (0.5f * r - 0.418688f * g - 0.081312f * b));
                int c = y * cw + x;
                if (interleavedChroma) { output[luma + 2 * c] = u; output[luma + 2 * c + 1] = v; }
                else { output[luma + c] = u; output[luma + cw * ch + c] = v; }
            }
    }

    private static byte ToByte(float v) => (byte)Math.Clamp((int)(v + 0.5f), 0, 255);
}
