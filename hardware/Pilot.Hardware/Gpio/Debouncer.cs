namespace Pilot.Hardware.Gpio;

/// <summary>
/// A level debouncer on injected monotonic time: the output takes a new raw level only after the raw input has held
/// it without interruption for the debounce time of that direction. Pure logic, so tests need no sleeps.
/// </summary>
public sealed class Debouncer
{
    private readonly long _riseNs, _fallNs; // ns the raw level must hold before the output rises / falls
    private bool _raw;
    private long _rawSinceNs;

    /// <param name="riseNs">Time high must hold before the output goes high, ns.</param>
    /// <param name="fallNs">Time low must hold before the output goes low, ns.</param>
    public Debouncer(long riseNs, long fallNs, bool initial, long nowNs)
    {
        if (riseNs < 0 || fallNs < 0) throw new ArgumentOutOfRangeException(riseNs < 0 ? nameof(riseNs) : nameof(fallNs), "debounce times must be ≥ 0 ns");
        _riseNs = riseNs;
        _fallNs = fallNs;
        _raw = State = initial;
        _rawSinceNs = nowNs;
    }

    /// <summary>The debounced level.</summary>
    public bool State { get; private set; }

    /// <summary>The latest raw level seen.</summary>
    public bool Raw => _raw;

    /// <summary>Number of raw changes that did not last long enough to change the output.</summary>
    public long Bounces { get; private set; }

    /// <summary>Records the raw level observed at <paramref name="nowNs"/>; true when the debounced level changed.</summary>
    public bool Update(bool raw, long nowNs)
    {
        if (raw != _raw)
        {
            if (_raw != State) Bounces++; // the previous excursion ends before it was accepted
            _raw = raw;
            _rawSinceNs = nowNs;
        }
        return Tick(nowNs);
    }

    /// <summary>Lets time pass with no new observation; true when the debounced level changed.</summary>
    public bool Tick(long nowNs)
    {
        if (_raw == State || nowNs - _rawSinceNs < (_raw ? _riseNs : _fallNs)) return false;
        State = _raw;
        return true;
    }
}
