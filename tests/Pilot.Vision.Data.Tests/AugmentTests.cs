using Pilot.Vision.Data.Augmentation;

namespace Pilot.Vision.Data.Tests;

public class AugmentTests
{
    /// <summary>A 2-channel 3×4 image whose value encodes its position: c·100 + y·10 + x.</summary>
    private static float[] Coded(int channels = 2, int h = 3, int w = 4)
    {
        var image = new float[channels * h * w];
        for (int c = 0; c < channels; c++)
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            image[(c * h + y) * w + x] = c * 100 + y * 10 + x;
        return image;
    }

    private static float At(float[] image, int c, int y, int x, int h = 3, int w = 4) => image[(c * h + y) * w + x];

    [Fact]
    public void FlipMirrorsEveryRowOfEveryChannel()
    {
        var image = Coded();
        Augment.FlipHorizontal(image, 2, 3, 4);
        for (int c = 0; c < 2; c++)
        for (int y = 0; y < 3; y++)
        for (int x = 0; x < 4; x++)
            Assert.Equal(c * 100 + y * 10 + (3 - x), At(image, c, y, x));
    }

    [Fact]
    public void ShiftMovesPixelsByExactlyDxDyAndFillsTheRest()
    {
        var source = Coded();
        var shifted = new float[source.Length];
        Augment.Shift(source, shifted, 2, 3, 4, dx: 1, dy: -1, fill: -1f);
        for (int c = 0; c < 2; c++)
        for (int y = 0; y < 3; y++)
        for (int x = 0; x < 4; x++)
        {
            int sy = y + 1, sx = x - 1;   // where (y, x) came from
            float expected = sy < 3 && sx >= 0 ? c * 100 + sy * 10 + sx : -1f;
            Assert.Equal(expected, At(shifted, c, y, x));
        }
        Augment.Shift(source, shifted, 2, 3, 4, dx: 4, dy: 0, fill: 7f);
        Assert.All(shifted, v => Assert.Equal(7f, v));
    }

    [Fact]
    public void CropWithPaddingIsTorchvisionsPadThenCrop()
    {
        var source = Coded(1);
        var cropped = new float[source.Length];
        Augment.CropWithPadding(source, cropped, 1, 3, 4, padding: 2, top: 2, left: 2);
        Assert.Equal(source, cropped);   // the centre crop is the identity
        Augment.CropWithPadding(source, cropped, 1, 3, 4, padding: 2, top: 0, left: 3);
        // Top-left of the crop is padded (−2, +1): pixel (y, x) shows source (y − 2, x + 1).
        Assert.Equal([0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 0], cropped);
        Assert.Throws<ArgumentOutOfRangeException>(() => Augment.CropWithPadding(source, cropped, 1, 3, 4, 2, 5, 0));
    }

    [Fact]
    public void RotationByRightAnglesMovesPixelsExactly()
    {
        // 3×3, centre (1, 1). Rotating 90° counter-clockwise on screen moves the top-right pixel to the top-left.
        float[] image = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var rotated = new float[9];
        Augment.Rotate(image, rotated, 1, 3, 3, 90f);
        Assert.Equal([3, 6, 9, 2, 5, 8, 1, 4, 7], rotated);
        Augment.Rotate(image, rotated, 1, 3, 3, 180f);
        Assert.Equal([9, 8, 7, 6, 5, 4, 3, 2, 1], rotated);
        Augment.Rotate(image, rotated, 1, 3, 3, 0f);
        Assert.Equal(image, rotated);

        // Even size, centre between pixels (1.5, 1.5): destination (x, y) shows source (3 − y, x), for both channels.
        var square = Coded(2, 4, 4);
        var turned = new float[square.Length];
        Augment.Rotate(square, turned, 2, 4, 4, 90f);
        for (int c = 0; c < 2; c++)
        for (int y = 0; y < 4; y++)
        for (int x = 0; x < 4; x++)
            Assert.Equal(At(square, c, x, 3 - y, 4, 4), At(turned, c, y, x, 4, 4));
    }

    [Fact]
    public void RotationSamplesBilinearlyBetweenPixels()
    {
        // 45° on a 3×3, g = √½: the destination's top-centre (x 1, y 0) samples the source at (1 + g, 1 − g),
        // between the pixels 2, 3, 5, 6.
        float[] image = [1, 2, 3, 4, 5, 6, 7, 8, 9];
        var rotated = new float[9];
        Augment.Rotate(image, rotated, 1, 3, 3, 45f, fill: 0f);
        float g = MathF.Sqrt(0.5f), fx = g, fy = 1 - g;
        Assert.Equal((1 - fy) * ((1 - fx) * 2 + fx * 3) + fy * ((1 - fx) * 5 + fx * 6), rotated[1], 1e-5f);
        Assert.Equal(5f, rotated[4]);   // the centre stays
        // The top-left corner samples (1, 1 − 2g) = (1, −0.414): blended between the fill above and pixel 2.
        Assert.Equal(2f * (2 - 2 * g), rotated[0], 1e-5f);
    }

    /// <summary>Plain bilinear rotation, every sample bounds-checked: the reference for the interior fast path.</summary>
    private static float[] RotateReference(float[] source, int channels, int h, int w, float degrees, float fill)
    {
        var result = new float[source.Length];
        double r = degrees * Math.PI / 180;
        float Exact(float v) => MathF.Abs(v) < 1e-6f ? 0 : MathF.Abs(MathF.Abs(v) - 1) < 1e-6f ? MathF.Sign(v) : v;
        float cos = Exact((float)Math.Cos(r)), sin = Exact((float)Math.Sin(r)), cx = (w - 1) / 2f, cy = (h - 1) / 2f;
        for (int c = 0; c < channels; c++)
        for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
        {
            float sx = cx + cos * (x - cx) - sin * (y - cy), sy = cy + sin * (x - cx) + cos * (y - cy);
            int x0 = (int)MathF.Floor(sx), y0 = (int)MathF.Floor(sy);
            float fx = sx - x0, fy = sy - y0;
            float P(int px, int py) => px >= 0 && px < w && py >= 0 && py < h ? source[(c * h + py) * w + px] : fill;
            float top = P(x0, y0) + (P(x0 + 1, y0) - P(x0, y0)) * fx;
            float bottom = P(x0, y0 + 1) + (P(x0 + 1, y0 + 1) - P(x0, y0 + 1)) * fx;
            result[(c * h + y) * w + x] = top + (bottom - top) * fy;
        }
        return result;
    }

    [Fact]
    public void RotationMatchesThePlainReferenceAtArbitraryAngles()
    {
        var rng = new Rng(8);
        var image = new float[3 * 9 * 11];
        for (int i = 0; i < image.Length; i++) image[i] = rng.NextFloat();
        var rotated = new float[image.Length];
        foreach (float degrees in new[] { -170f, -90f, -33.3f, -1f, 0.5f, 12f, 45f, 89.9f, 123f, 270f })
        {
            Augment.Rotate(image, rotated, 3, 9, 11, degrees, fill: 0.25f);
            var expected = RotateReference(image, 3, 9, 11, degrees, 0.25f);
            for (int i = 0; i < image.Length; i++) Assert.Equal(expected[i], rotated[i], 1e-6f);
        }
    }

    [Fact]
    public void BrightnessAndContrastActAboutTheMeanAndClamp()
    {
        float[] image = [0.2f, 0.4f, 0.6f, 0.8f];   // mean 0.5
        Augment.BrightnessContrast(image, brightness: 0.1f, contrast: 2f);
        Assert.Equal([0f, 0.4f, 0.8f, 1f], image.Select(v => MathF.Round(v, 5)).ToArray());
        float[] same = [0.1f, 0.9f];
        Augment.BrightnessContrast(same, 0f, 1f);
        Assert.Equal(0.1f, same[0], 1e-6f);
        Assert.Equal(0.9f, same[1], 1e-6f);
    }

    [Fact]
    public void NoiseHasTheRequestedSpreadAndIsFixedBySeed()
    {
        var a = new float[20000];
        var b = new float[20000];
        var rngA = new Rng(5);
        var rngB = new Rng(5);
        Augment.GaussianNoise(a, 0.1f, ref rngA);
        Augment.GaussianNoise(b, 0.1f, ref rngB);
        Assert.Equal(a, b);
        double mean = a.Average(), std = Math.Sqrt(a.Average(v => (v - mean) * (v - mean)));
        Assert.InRange(mean, -0.003, 0.003);
        Assert.InRange(std, 0.097, 0.103);
    }

    [Fact]
    public void AugmenterIsDeterministicPerSeedAndDiffersAcrossSeeds()
    {
        var augmenter = new Augmenter
        {
            FlipProbability = 0.5f, CropPadding = 1, MaxShift = 1, MaxRotationDegrees = 10,
            MaxBrightness = 0.1f, MaxContrast = 0.2f, NoiseStandardDeviation = 0.01f,
        };
        float[] Run(ulong seed)
        {
            var image = Coded(1, 8, 8).Select(v => v / 100f).ToArray();
            var scratch = new float[image.Length];
            var rng = new Rng(seed);
            augmenter.Apply(image, scratch, 1, 8, 8, ref rng);
            return image;
        }
        Assert.Equal(Run(1), Run(1));
        Assert.NotEqual(Run(1), Run(2));
    }

    [Fact]
    public void AugmenterWithOnlyFlipFlipsAboutHalfTheTime()
    {
        var augmenter = new Augmenter { FlipProbability = 0.5f };
        int flips = 0;
        for (ulong seed = 0; seed < 1000; seed++)
        {
            float[] image = [1, 2];
            var rng = new Rng(seed);
            augmenter.Apply(image, new float[2], 1, 1, 2, ref rng);
            if (image[0] == 2) flips++;
            else Assert.Equal([1f, 2f], image);
        }
        Assert.InRange(flips, 430, 570);
    }

    [Fact]
    public void ShapeMismatchIsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => Augment.FlipHorizontal(new float[5], 1, 2, 3));
        Assert.Contains("[1, 2, 3]", e.Message);
    }
}
