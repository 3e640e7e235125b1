using System.Diagnostics;

namespace Pilot.Benchmarks;

/// <summary>Timing helpers: medians over repeated batches, and bytes allocated on this thread.</summary>
public static class Measure
{
    /// <summary>How long <see cref="PerCall"/> runs the body before timing it.</summary>
    public const int WarmUpMilliseconds = 500;

    /// <summary>
    /// Runs <paramref name="body"/> <paramref name="inner"/> times per sample, <paramref name="samples"/> samples after a warm-up,
    /// and returns the median nanoseconds per call and the bytes allocated per call (on this thread).
    /// </summary>
    public static (double MedianNs, double BytesPerCall) PerCall(Action body, int inner = 10_000, int samples = 15)
    {
        // Warm-up for a fixed time, not a fixed count: tiered compilation swaps in optimised code only after a call
        // count and a background delay (~100 ms), and a short warm-up would time the unoptimised first tier.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.ElapsedMilliseconds < WarmUpMilliseconds)
            for (int i = 0; i < inner; i++) body();
        var times = new double[samples];
        long allocated = 0;
        for (int s = 0; s < samples; s++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < inner; i++) body();
            long end = Stopwatch.GetTimestamp();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            times[s] = (end - start) * 1e9 / Stopwatch.Frequency / inner;
        }
        Array.Sort(times);
        return (times[samples / 2], (double)allocated / ((long)inner * samples));
    }
}
