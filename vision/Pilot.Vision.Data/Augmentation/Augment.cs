namespace Pilot.Vision.Data.Augmentation;

/// <summary>
/// Geometric and photometric transforms of one CHW float image ([channels, height, width]). Each takes its
/// parameters explicitly (the random draws live in <see cref="Augmenter"/>), so tests can check exact pixel movement.
/// Geometric ones write into a separate destination of the same size; none allocates.
/// </summary>
public static class Augment
{
    /// <summary>Mirrors left–right in place: pixel (y, x) moves to (y, width − 1 − x).</summary>
    public static void FlipHorizontal(Span<float> chw, int channels, int height, int width)
    {
        CheckShape(chw.Length, channels, height, width);
        for (int row = 0; row < channels * height; row++)
            chw.Slice(row * width, width).Reverse();
    }

    /// <summary>Translates: pixel (y, x) of <paramref name="source"/> moves to (y + dy, x + dx) of
    /// <paramref name="destination"/>; uncovered pixels get <paramref name="fill"/>.</summary>
    public static void Shift(ReadOnlySpan<float> source, Span<float> destination, int channels, int height, int width,
        int dx, int dy, float fill = 0f)
    {
        CheckShape(source.Length, channels, height, width);
        CheckShape(destination.Length, channels, height, width);
        destination.Fill(fill);
        int x0 = Math.Max(0, dx), x1 = Math.Min(width, width + dx);   // destination columns with a source
        int y0 = Math.Max(0, dy), y1 = Math.Min(height, height + dy);
        if (x0 >= x1 || y0 >= y1) return;
        for (int c = 0; c < channels; c++)
        for (int y = y0; y < y1; y++)
        {
            int plane = c * height * width;
            source.Slice(plane + (y - dy) * width + x0 - dx, x1 - x0)
                .CopyTo(destination.Slice(plane + y * width + x0, x1 - x0));
        }
    }

    /// <summary>
    /// The crop at (<paramref name="top"/>, <paramref name="left"/>) of the image zero-padded by
    /// <paramref name="padding"/> on every side, same size as the input (torchvision RandomCrop(size, padding)).
    /// Offsets run 0..2·padding; (padding, padding) is the identity.
    /// </summary>
    public static void CropWithPadding(ReadOnlySpan<float> source, Span<float> destination, int channels, int height, int width,
        int padding, int top, int left, float fill = 0f)
    {
        if ((uint)top > 2u * (uint)padding || (uint)left > 2u * (uint)padding)
            throw new ArgumentOutOfRangeException(nameof(top), $"crop offset ({top}, {left}) outside 0..{2 * padding}");
        Shift(source, destination, channels, height, width, padding - left, padding - top, fill);
    }

    /// <summary>
    /// Rotates by <paramref name="degrees"/> counter-clockwise as displayed (y down) about the image centre
    /// ((width − 1)/2, (height − 1)/2), sampling the source bilinearly; samples outside it get <paramref name="fill"/>.
    /// </summary>
    public static void Rotate(ReadOnlySpan<float> source, Span<float> destination, int channels, int height, int width,
        float degrees, float fill = 0f)
    {
        CheckShape(source.Length, channels, height, width);
        CheckShape(destination.Length, channels, height, width);
        double radians = degrees * Math.PI / 180.0;
        // Exact zeros and ones at multiples of 90°, so right-angle rotations move pixels exactly (cos 90° is 6e-17
        // in floating point, which would otherwise blend each pixel with a sliver of its neighbour).
        float cos = ExactUnit((float)Math.Cos(radians)), sin = ExactUnit((float)Math.Sin(radians));
        float cx = (width - 1) * 0.5f, cy = (height - 1) * 0.5f;
        int plane = height * width;
        for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
        {
            // Inverse map: the destination pixel looks up where it came from. Counter-clockwise on screen with y
            // pointing down is a clockwise rotation in the maths convention, hence the signs.
            float u = x - cx, v = y - cy;
            float sx = cx + cos * u - sin * v, sy = cy + sin * u + cos * v;
            int ix = (int)MathF.Floor(sx), iy = (int)MathF.Floor(sy);
            float fx = sx - ix, fy = sy - iy;
            int target = y * width + x;
            if ((uint)ix < (uint)(width - 1) && (uint)iy < (uint)(height - 1))
            {
                // All four neighbours inside (the common case): index directly, no per-sample bounds logic.
                int at = iy * width + ix;
                for (int c = 0; c < channels; c++, at += plane)
                {
                    float top = source[at] + (source[at + 1] - source[at]) * fx;
                    float bottom = source[at + width] + (source[at + width + 1] - source[at + width]) * fx;
                    destination[c * plane + target] = top + (bottom - top) * fy;
                }
                continue;
            }
            for (int c = 0; c < channels; c++)
            {
                var p = source.Slice(c * plane, plane);
                float top = Lerp(Sample(p, width, height, ix, iy, fill), Sample(p, width, height, ix + 1, iy, fill), fx);
                float bottom = Lerp(Sample(p, width, height, ix, iy + 1, fill), Sample(p, width, height, ix + 1, iy + 1, fill), fx);
                destination[c * plane + target] = Lerp(top, bottom, fy);
            }
        }
    }

    /// <summary>x ↦ (x − mean) · contrast + mean + brightness, clamped to 0..1, where mean is the image's mean over
    /// all channels (contrast 1 and brightness 0 leave it unchanged).</summary>
    public static void BrightnessContrast(Span<float> chw, float brightness, float contrast)
    {
        double sum = 0;
        foreach (float v in chw) sum += v;
        float mean = chw.IsEmpty ? 0f : (float)(sum / chw.Length);
        for (int i = 0; i < chw.Length; i++)
            chw[i] = Math.Clamp((chw[i] - mean) * contrast + mean + brightness, 0f, 1f);
    }

    /// <summary>Adds independent N(0, <paramref name="standardDeviation"/>²) noise to every value (no clamping).</summary>
    public static void GaussianNoise(Span<float> chw, float standardDeviation, ref Rng rng)
    {
        int i = 0;
        for (; i + 1 < chw.Length; i += 2)
        {
            var (a, b) = rng.NextGaussianPair();
            chw[i] += standardDeviation * a;
            chw[i + 1] += standardDeviation * b;
        }
        if (i < chw.Length) chw[i] += standardDeviation * rng.NextGaussian();
    }

    private static float Sample(ReadOnlySpan<float> plane, int width, int height, int x, int y, float fill) =>
        (uint)x < (uint)width && (uint)y < (uint)height ? plane[y * width + x] : fill;

    private static float Lerp(float a, float b, float t) => t == 0f ? a : a + (b - a) * t;

    private static float ExactUnit(float value) =>
        MathF.Abs(value) < 1e-6f ? 0f : MathF.Abs(MathF.Abs(value) - 1f) < 1e-6f ? MathF.Sign(value) : value;

    private static void CheckShape(int length, int channels, int height, int width)
    {
        if (channels <= 0 || height <= 0 || width <= 0 || length != channels * height * width)
            throw new ArgumentException($"a span of {length} floats is not a CHW image [{channels}, {height}, {width}]");
    }
}
