using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Pilot.Daemons;

/// <summary>
/// Keeps a loop at a fixed rate (openpilot's Ratekeeper). Deadlines are absolute on the monotonic clock, so small
/// oversleeps do not accumulate; a loop that falls more than a period behind restarts its schedule from now instead of
/// bursting to catch up. Sleeps with <c>clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME)</c> on Linux: the kernel wakes the
/// thread at the deadline (tens of µs late), where <see cref="Thread.Sleep(int)"/> rounds to whole milliseconds.
/// Records every period it measured, allocation-free, for jitter figures.
/// </summary>
public sealed partial class LoopTimer
{
    private const int ClockMonotonic = 1, TimerAbsolute = 1, Eintr = 4;
    private readonly long _periodNs;
    private readonly long[] _periods;          // ring of measured periods, ns
    private long _deadlineNs, _lastWakeNs;
    private int _count, _next;

    /// <param name="rateHz">loop rate, Hz</param>
    /// <param name="history">how many periods the jitter figures look back over</param>
    public LoopTimer(double rateHz, int history = 4096)
    {
        if (!(rateHz > 0) || !double.IsFinite(rateHz)) throw new ArgumentOutOfRangeException(nameof(rateHz), rateHz, "the rate must be finite and above 0 Hz");
        _periodNs = (long)Math.Round(1e9 / rateHz);
        _periods = new long[history];
        _deadlineNs = NowNs() + _periodNs;
    }

    public double PeriodMs => _periodNs / 1e6;

    /// <summary>Periods that started more than one period late (the schedule restarted from now).</summary>
    public long Missed { get; private set; }

    /// <summary>How late the last wake-up was past its deadline, ms.</summary>
    public double LagMs { get; private set; }

    /// <summary>Sum of all lateness since start, ms (controlsState.cumLagMs).</summary>
    public double CumulativeLagMs { get; private set; }

    /// <summary>Sleeps until the next deadline. Returns false when the loop was already behind and the schedule restarted.</summary>
    public bool Wait()
    {
        long now = NowNs();
        bool onTime = now <= _deadlineNs + _periodNs;
        if (onTime) SleepUntil(_deadlineNs);
        long woke = NowNs();
        LagMs = Math.Max(0, woke - _deadlineNs) / 1e6;
        CumulativeLagMs += LagMs;
        if (_lastWakeNs != 0) Record(woke - _lastWakeNs);
        _lastWakeNs = woke;
        if (onTime) _deadlineNs += _periodNs;
        else
        {
            Missed++;
            _deadlineNs = woke + _periodNs;
        }
        return onTime;
    }

    /// <summary>Median and 99th percentile of |measured period − nominal period|, ms, over the recorded history.</summary>
    public (double MedianMs, double P99Ms, int Samples) Jitter()
    {
        if (_count == 0) return (0, 0, 0);
        var deviations = new double[_count];
        for (int i = 0; i < _count; i++) deviations[i] = Math.Abs(_periods[i] - _periodNs) / 1e6;
        Array.Sort(deviations);
        return (deviations[(_count - 1) / 2], deviations[Math.Min(_count - 1, (int)Math.Ceiling(0.99 * _count) - 1)], _count);
    }

    private void Record(long periodNs)
    {
        _periods[_next] = periodNs;
        _next = (_next + 1) % _periods.Length;
        _count = Math.Min(_count + 1, _periods.Length);
    }

    // Stopwatch reads CLOCK_MONOTONIC on Linux; converting through its frequency keeps this right on any platform.
    private static long NowNs() => (long)(Stopwatch.GetTimestamp() * (1e9 / Stopwatch.Frequency));

    private static void SleepUntil(long deadlineNs)
    {
        if (OperatingSystem.IsLinux() && Stopwatch.Frequency == 1_000_000_000)
        {
            var until = new Timespec { Seconds = deadlineNs / 1_000_000_000, Nanoseconds = deadlineNs % 1_000_000_000 };
            while (clock_nanosleep(ClockMonotonic, TimerAbsolute, in until, IntPtr.Zero) == Eintr) { }
            return;
        }
        long remaining = deadlineNs - NowNs();
        if (remaining > 0) Thread.Sleep(TimeSpan.FromTicks(remaining / 100));
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // Returns the error number itself (not -1/errno), per POSIX.
    [LibraryImport("libc")]
    private static partial int clock_nanosleep(int clockId, int flags, in Timespec request, IntPtr remain);
}
