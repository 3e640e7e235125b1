using Pilot.Vision.Init;

namespace Pilot.Vision.Tests;

/// <summary>Initialisers: ranges, moments of large fills, orthogonality, determinism.</summary>
public class InitializerTests
{
    private static float[] Fill(IInitializer init, int fanIn, int fanOut, int rows = 200, int cols = 500)
    {
        var v = new float[rows * cols];
        init.Fill(v, [rows, cols], fanIn, fanOut, new Random(5));
        return v;
    }

    private static (double Mean, double Std) Moments(float[] v)
    {
        double mean = v.Average(x => (double)x);
        return (mean, Math.Sqrt(v.Average(x => (x - mean) * (x - mean))));
    }

    [Fact]
    public void Constant_uniform_normal_truncated()
    {
        Assert.All(Fill(new Constant(0.5f), 1, 1), v => Assert.Equal(0.5f, v));
        var u = Fill(new Uniform(-2, 3), 1, 1);
        Assert.InRange(u.Min(), -2f, -1.99f); Assert.InRange(u.Max(), 2.99f, 3f);
        var (mean, std) = Moments(Fill(new Normal(1, 2), 1, 1));
        Assert.InRange(mean, 0.97, 1.03); Assert.InRange(std, 1.97, 2.03);
        var t = Fill(new TruncatedNormal(0, 1), 1, 1);
        Assert.InRange(t.Max(), 1.9f, 2f); Assert.InRange(t.Min(), -2f, -1.9f);
        Assert.InRange(Moments(t).Std, 0.86, 0.90);  // std of N(0,1) truncated at 2 sigma: 0.8796
    }

    [Theory]
    [InlineData("glorot-uniform", 100, 300, 0.0707)]   // sqrt(2 / (100 + 300))
    [InlineData("glorot-normal", 100, 300, 0.0707)]
    [InlineData("he-uniform", 50, 10, 0.2)]           // sqrt(2 / 50)
    [InlineData("he-normal", 50, 10, 0.2)]
    [InlineData("lecun-uniform", 25, 10, 0.2)]        // sqrt(1 / 25)
    [InlineData("lecun-normal", 25, 10, 0.2)]
    public void Variance_scaling_has_the_published_standard_deviation(string name, int fanIn, int fanOut, double std)
    {
        var init = name switch
        {
            "glorot-uniform" => VarianceScaling.GlorotUniform, "glorot-normal" => VarianceScaling.GlorotNormal,
            "he-uniform" => VarianceScaling.HeUniform, "he-normal" => VarianceScaling.HeNormal,
            "lecun-uniform" => VarianceScaling.LeCunUniform, _ => VarianceScaling.LeCunNormal,
        };
        var v = Fill(init, fanIn, fanOut);
        Assert.InRange(Moments(v).Std, std * 0.98, std * 1.02);
        if (init.UniformDistribution) Assert.True(v.Max() <= std * Math.Sqrt(3) * 1.001);  // the limit sqrt(3) * std, std rounded above
    }

    [Theory]
    [InlineData(4, 9)]
    [InlineData(9, 4)]
    public void Orthogonal_rows_or_columns_are_orthonormal(int rows, int cols)
    {
        var v = new float[rows * cols];
        new Orthogonal().Fill(v, [rows, cols], cols, rows, new Random(1));
        bool byRows = rows <= cols;
        int count = byRows ? rows : cols, dim = byRows ? cols : rows;
        float At(int vec, int k) => byRows ? v[vec * cols + k] : v[k * cols + vec];
        for (int a = 0; a < count; a++)
            for (int b = 0; b < count; b++)
            {
                double dot = 0;
                for (int k = 0; k < dim; k++) dot += At(a, k) * At(b, k);
                Assert.Equal(a == b ? 1.0 : 0.0, dot, 5);
            }
    }

    [Fact]
    public void Same_seed_same_values()
    {
        Assert.Equal(Fill(VarianceScaling.HeNormal, 10, 10), Fill(VarianceScaling.HeNormal, 10, 10));
    }
}
