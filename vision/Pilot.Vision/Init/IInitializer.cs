namespace Pilot.Vision.Init;

/// <summary>Fills a parameter tensor. fanIn/fanOut: inputs and outputs per unit (for conv: channels x kernel area).</summary>
public interface IInitializer
{
    void Fill(Span<float> values, int[] shape, int fanIn, int fanOut, Random random);
}

/// <summary>Standard normal samples (Box-Muller, both values used) from a seeded <see cref="Random"/>.</summary>
public static class Gaussian
{
    public static void Fill(Span<float> values, double mean, double std, Random random)
    {
        for (int i = 0; i < values.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();  // u1 in (0, 1]: log stays finite
            double r = Math.Sqrt(-2 * Math.Log(u1));
            values[i] = (float)(mean + std * r * Math.Cos(2 * Math.PI * u2));
            if (i + 1 < values.Length) values[i + 1] = (float)(mean + std * r * Math.Sin(2 * Math.PI * u2));
        }
    }
}
