using Pilot.Vision.Init;

namespace Pilot.Vision.Zoo.Segmentation;

/// <summary>
/// Fills a transposed-convolution weight [Cin, Cout, K, K] so that it starts as bilinear upsampling of each channel
/// onto itself (zero across channels), as FCN initialises its upsampling layers (Long et al. 2015, sec. 3.3):
/// w(y, x) = (1 - |y - c| / f)(1 - |x - c| / f) with f = ceil(K / 2), c = (2f - 1 - f mod 2) / (2f).
/// </summary>
public sealed class BilinearInitializer : IInitializer
{
    public void Fill(Span<float> values, int[] shape, int fanIn, int fanOut, Random random)
    {
        if (shape.Length != 4 || shape[2] != shape[3]) throw new ArgumentException($"bilinear initialisation needs a [Cin, Cout, K, K] weight, got [{string.Join(", ", shape)}]");
        int cin = shape[0], cout = shape[1], k = shape[2];
        float f = MathF.Ceiling(k / 2f);
        float c = (2 * f - 1 - f % 2) / (2 * f);
        values.Clear();
        for (int ch = 0; ch < Math.Min(cin, cout); ch++)
            for (int y = 0; y < k; y++)
                for (int x = 0; x < k; x++)
                    values[((ch * cout + ch) * k + y) * k + x] = (1 - MathF.Abs(y / f - c)) * (1 - MathF.Abs(x / f - c));
    }
}
