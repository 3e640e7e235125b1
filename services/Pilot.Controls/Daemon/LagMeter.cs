namespace Pilot.Controls.Daemon;

/// <summary>
/// How far the loop runs behind its schedule, from the transport clock (openpilot's Ratekeeper remaining time, as
/// controlsState.cumLagMs). The schedule re-anchors when the loop falls more than one period behind, as the host's
/// timer skips the missed deadlines instead of bursting to catch up.
/// </summary>
public sealed class LagMeter(double rateHz)
{
    private readonly long _periodNs = (long)Math.Round(1e9 / rateHz);
    private long _nextNs = long.MinValue;

    /// <summary>Lag of this step behind its deadline, ms (0 or more).</summary>
    public double Step(long nowNs)
    {
        if (_nextNs == long.MinValue) _nextNs = nowNs;
        double lagMs = Math.Max(0, nowNs - _nextNs) / 1e6;
        _nextNs = nowNs - _nextNs > _periodNs ? nowNs + _periodNs : _nextNs + _periodNs;
        return lagMs;
    }
}
