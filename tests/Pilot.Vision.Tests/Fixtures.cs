using Pilot.Vision.Backends;
using Pilot.Vision.Backends.Cpu;

namespace Pilot.Vision.Tests;

/// <summary>Backends shared by the tests (they serialise concurrent callers) and seeded random data.</summary>
public static class Fixtures
{
    public static readonly CpuBackend Cpu = new();
    public static readonly ReferenceBackend Reference = new();

    private static readonly Dictionary<SimdLevel, CpuBackend> ByLevel = new();

    /// <summary>The CPU backend forced to <paramref name="level"/>, or null when this CPU lacks it.</summary>
    public static CpuBackend? AtLevel(SimdLevel level)
    {
        lock (ByLevel)
        {
            if (ByLevel.TryGetValue(level, out var b)) return b;
            try { b = new CpuBackend(level); }
            catch (PlatformNotSupportedException) { return null; }
            ByLevel[level] = b;
            return b;
        }
    }

    public static float[] Random(int count, int seed, float scale = 1f)
    {
        var r = new Random(seed);
        var a = new float[count];
        for (int i = 0; i < count; i++) a[i] = (float)(2 * r.NextDouble() - 1) * scale;
        return a;
    }

    public static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, float atol, float rtol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float tol = atol + rtol * Math.Abs(expected[i]);
            if (!(Math.Abs(expected[i] - actual[i]) <= tol))
                Assert.Fail($"{what}: element {i}: expected {expected[i]}, got {actual[i]} (tolerance {tol})");
        }
    }
}
