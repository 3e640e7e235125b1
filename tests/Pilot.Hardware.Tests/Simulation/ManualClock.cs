using Pilot.Hardware;

namespace Pilot.Hardware.Tests.Simulation;

/// <summary>Time that moves only when a test says so.</summary>
public sealed class ManualClock(long startNs = 1_000_000_000) : IMonotonicClock
{
    private long _now = startNs;

    public long NowNs => Interlocked.Read(ref _now);

    public void Advance(long ns) => Interlocked.Add(ref _now, ns);

    public void AdvanceMs(double ms) => Advance((long)(ms * 1e6));
}
