namespace Pilot.Vision.Data;

/// <summary>
/// A small deterministic random generator (SplitMix64). It is ours rather than <see cref="Random"/> so that a seed
/// gives the same shuffles and augmentations on every .NET version and platform, and so that independent streams can
/// be derived per (seed, epoch, sample) without shared state: the prefetch thread and the caller never race on it.
/// </summary>
public struct Rng
{
    private ulong _state;

    public Rng(ulong seed) => _state = seed;

    /// <summary>A stream derived from a seed and two indices (e.g. epoch and sample position); distinct inputs give
    /// unrelated streams.</summary>
    public static Rng Derive(ulong seed, long a, long b = 0)
    {
        ulong s = Mix(seed ^ 0x9E3779B97F4A7C15UL);
        s = Mix(s ^ (ulong)a);
        s = Mix(s ^ ((ulong)b * 0xD1B54A32D192ED03UL));
        return new Rng(s);
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>Uniform integer in [0, <paramref name="exclusiveMax"/>) (Lemire's multiply-shift; bias below 2^-32).</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0) throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax, "must be positive");
        return (int)(((NextUInt64() >> 32) * (ulong)exclusiveMax) >> 32);
    }

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="max"/>] inclusive.</summary>
    public int NextInt(int min, int max) => min + NextInt(max - min + 1);

    /// <summary>Uniform float in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1f / (1 << 24));

    /// <summary>Uniform float in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public float NextFloat(float min, float max) => min + (max - min) * NextFloat();

    /// <summary>Standard normal sample (the first of a Box–Muller pair).</summary>
    public float NextGaussian() => NextGaussianPair().First;

    /// <summary>Two independent standard normal samples from one Box–Muller transform (half the cost per sample).</summary>
    public (float First, float Second) NextGaussianPair()
    {
        double u1 = ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53)); // (0, 1]: log is finite
        double u2 = (NextUInt64() >> 11) * (1.0 / (1UL << 53));
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * u2);
        return ((float)(radius * cos), (float)(radius * sin));
    }

    /// <summary>Fisher–Yates shuffle in place.</summary>
    public void Shuffle(Span<int> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
