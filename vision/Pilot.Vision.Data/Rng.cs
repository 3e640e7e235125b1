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

    /// <summary>Standard normal sample (the first of a pair).</summary>
    public float NextGaussian() => NextGaussianPair().First;

    /// <summary>Two independent standard normal samples (Marsaglia's polar method: one logarithm and no
    /// trigonometry per pair; 21% of candidate points are rejected and redrawn).</summary>
    public (float First, float Second) NextGaussianPair()
    {
        while (true)
        {
            double u = 2.0 * ((NextUInt64() >> 11) * (1.0 / (1UL << 53))) - 1.0;
            double v = 2.0 * ((NextUInt64() >> 11) * (1.0 / (1UL << 53))) - 1.0;
            double s = u * u + v * v;
            if (s >= 1.0 || s == 0.0) continue;
            double scale = Math.Sqrt(-2.0 * Math.Log(s) / s);
            return ((float)(u * scale), (float)(v * scale));
        }
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
