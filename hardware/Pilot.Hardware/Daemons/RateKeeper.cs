namespace Pilot.Hardware.Daemons;

/// <summary>
/// Runs a loop at a fixed rate on monotonic deadlines (like openpilot's Ratekeeper): each call sleeps until the next
/// deadline; a loop that falls more than one period behind skips ahead instead of bursting to catch up.
/// </summary>
public sealed class RateKeeper
{
    private readonly IMonotonicClock _clock;
    private readonly long _periodNs;
    private long _nextNs;

    public RateKeeper(double rateHz, IMonotonicClock clock)
    {
        if (rateHz is <= 0 or > 10_000) throw new ArgumentOutOfRangeException(nameof(rateHz), rateHz, "rate must be in (0, 10000] Hz");
        _clock = clock;
        _periodNs = (long)(1e9 / rateHz);
        _nextNs = clock.NowNs + _periodNs;
    }

    public long PeriodNs => _periodNs;

    /// <summary>Deadlines missed by more than a period.</summary>
    public long Lagged { get; private set; }

    /// <summary>Waits for the next deadline; false when cancelled.</summary>
    public bool Wait(CancellationToken cancel)
    {
        long remaining = _nextNs - _clock.NowNs;
        if (remaining > 0 && cancel.WaitHandle.WaitOne(TimeSpan.FromTicks(remaining / 100))) return false;
        if (_clock.NowNs - _nextNs > _periodNs)
        {
            Lagged++;
            _nextNs = _clock.NowNs;
        }
        _nextNs += _periodNs;
        return !cancel.IsCancellationRequested;
    }
}
