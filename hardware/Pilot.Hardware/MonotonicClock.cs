using System.Diagnostics;

namespace Pilot.Hardware;

/// <summary>Monotonic time in nanoseconds (ARCHITECTURE.md: every message carries logMonoTime in ns).</summary>
public interface IMonotonicClock
{
    /// <summary>Now, in ns since an arbitrary fixed origin; never goes backwards.</summary>
    long NowNs { get; }
}

/// <summary>CLOCK_MONOTONIC through <see cref="Stopwatch"/> (its frequency is 1 GHz on Linux).</summary>
public sealed class SystemMonotonicClock : IMonotonicClock
{
    public static SystemMonotonicClock Instance { get; } = new();

    private static readonly double NsPerTick = 1e9 / Stopwatch.Frequency;

    public long NowNs => Stopwatch.Frequency == 1_000_000_000
        ? Stopwatch.GetTimestamp()
        : (long)(Stopwatch.GetTimestamp() * NsPerTick);
}
