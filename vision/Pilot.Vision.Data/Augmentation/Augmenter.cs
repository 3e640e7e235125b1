namespace Pilot.Vision.Data.Augmentation;

/// <summary>
/// Random augmentation of one sample, drawn from a caller-supplied <see cref="Rng"/> so that a seed fixes the result
/// whatever thread runs it. Transforms run in a fixed order: flip, crop, shift, rotation, brightness/contrast, noise;
/// each disabled one draws nothing.
/// </summary>
public sealed record Augmenter
{
    /// <summary>Probability of a horizontal flip (0.5 for the usual random flip).</summary>
    public float FlipProbability { get; init; }

    /// <summary>Random crop of the image zero-padded by this many pixels (0: off).</summary>
    public int CropPadding { get; init; }

    /// <summary>Random translation of up to this many pixels in x and y (0: off).</summary>
    public int MaxShift { get; init; }

    /// <summary>Random rotation, uniform in ±degrees (0: off).</summary>
    public float MaxRotationDegrees { get; init; }

    /// <summary>Random brightness offset, uniform in ±this (0: off).</summary>
    public float MaxBrightness { get; init; }

    /// <summary>Random contrast factor, uniform in [1 − this, 1 + this] (0: off).</summary>
    public float MaxContrast { get; init; }

    /// <summary>Standard deviation of additive Gaussian noise (0: off).</summary>
    public float NoiseStandardDeviation { get; init; }

    /// <summary>
    /// Augments <paramref name="chw"/> in place. <paramref name="scratch"/> must be as large as the image (geometric
    /// transforms need a second buffer; the caller owns it so this allocates nothing).
    /// </summary>
    public void Apply(Span<float> chw, Span<float> scratch, int channels, int height, int width, ref Rng rng)
    {
        if (scratch.Length < chw.Length)
            throw new ArgumentException($"scratch holds {scratch.Length} floats, the image {chw.Length}", nameof(scratch));
        scratch = scratch[..chw.Length];
        if (FlipProbability > 0f && rng.NextFloat() < FlipProbability)
            Augment.FlipHorizontal(chw, channels, height, width);
        if (CropPadding > 0)
        {
            int top = rng.NextInt(0, 2 * CropPadding), left = rng.NextInt(0, 2 * CropPadding);
            Augment.CropWithPadding(chw, scratch, channels, height, width, CropPadding, top, left);
            scratch.CopyTo(chw);
        }
        if (MaxShift > 0)
        {
            int dx = rng.NextInt(-MaxShift, MaxShift), dy = rng.NextInt(-MaxShift, MaxShift);
            Augment.Shift(chw, scratch, channels, height, width, dx, dy);
            scratch.CopyTo(chw);
        }
        if (MaxRotationDegrees > 0f)
        {
            Augment.Rotate(chw, scratch, channels, height, width, rng.NextFloat(-MaxRotationDegrees, MaxRotationDegrees));
            scratch.CopyTo(chw);
        }
        if (MaxBrightness > 0f || MaxContrast > 0f)
        {
            float brightness = MaxBrightness > 0f ? rng.NextFloat(-MaxBrightness, MaxBrightness) : 0f;
            float contrast = MaxContrast > 0f ? rng.NextFloat(1f - MaxContrast, 1f + MaxContrast) : 1f;
            Augment.BrightnessContrast(chw, brightness, contrast);
        }
        if (NoiseStandardDeviation > 0f)
            Augment.GaussianNoise(chw, NoiseStandardDeviation, ref rng);
    }
}
