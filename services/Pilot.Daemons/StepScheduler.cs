using Pilot.Messaging.PubSub;

namespace Pilot.Daemons;

/// <summary>
/// Runs daemons in one process on a <see cref="StepTransport"/> and simulated time: the closed loop of a whole drive,
/// as fast as the CPU allows and the same on every run. Each tick moves the clock, runs every timed entry that is due
/// (daemons on <see cref="Schedule.Timed"/> and outside actions such as the simulated car, in the order they were added),
/// and after each one lets the polled daemons react to what it published, until nothing new arrives, so a chain like
/// camerad → modeld → radard → plannerd completes within the tick that started it.
/// </summary>
public sealed class StepScheduler
{
    private readonly StepTransport _bus;
    private readonly List<TimedEntry> _timed = [];
    private readonly List<(IDaemon Daemon, ServiceState Poll)> _polled = [];
    private readonly long _tickNs;
    private readonly Dictionary<string, long> _ticks = new(StringComparer.Ordinal);   // Stopwatch ticks spent per entry
    private const int MaxCascade = 64;   // polled steps per timed entry; a daemon that feeds itself must not hang the loop

    /// <param name="bus">the bus every daemon was created on</param>
    /// <param name="tickNs">clock resolution of the loop, ns (1 ms: a 100 Hz loop lands exactly on its periods)</param>
    public StepScheduler(StepTransport bus, long tickNs = 1_000_000)
    {
        _bus = bus;
        _tickNs = tickNs > 0 ? tickNs : throw new ArgumentOutOfRangeException(nameof(tickNs), tickNs, "the tick must be above 0 ns");
        NowNs = bus.NowNs();
    }

    /// <summary>Simulated now, ns.</summary>
    public long NowNs { get; private set; }

    /// <summary>Adds a daemon; timed ones run in the order added, polled ones when their poll service arrives.</summary>
    public void Add(IDaemon daemon)
    {
        switch (daemon.Schedule)
        {
            case Schedule.Timed timed: _timed.Add(new TimedEntry(daemon.Name, timed.RateHz, NowNs + _tickNs, () => { daemon.Inputs.Update(0); daemon.Step(); })); break;
            case Schedule.Polled polled: _polled.Add((daemon, daemon.Inputs[polled.Service])); break;
        }
    }

    /// <summary>Adds an outside action run at <paramref name="rateHz"/> with the simulated time, ns (the simulated car, a fault injector).</summary>
    public void AddTimed(string name, double rateHz, Action<long> step) =>
        _timed.Add(new TimedEntry(name, new Schedule.Timed(rateHz).RateHz, NowNs + _tickNs, () => step(NowNs)));

    /// <summary>Removes a daemon (a killed process); it stops stepping, its subscriptions stay on the bus unread.</summary>
    public bool Remove(string name) => _timed.RemoveAll(t => t.Name == name) + _polled.RemoveAll(p => p.Daemon.Name == name) > 0;

    /// <summary>Runs the loop for <paramref name="seconds"/> of simulated time.</summary>
    public void RunFor(double seconds)
    {
        long end = NowNs + (long)Math.Round(seconds * 1e9);
        while (NowNs < end) Tick();
    }

    /// <summary>Advances the clock by one tick and runs what is due.</summary>
    public void Tick()
    {
        NowNs += _tickNs;
        _bus.AdvanceTo(NowNs);
        foreach (var entry in _timed)
        {
            if (entry.DueNs > NowNs) continue;
            Measure(entry.Name, entry.Run);
            // Keep the entry's own grid (no drift from tick rounding): due times are start + k·period.
            entry.DueNs += entry.PeriodNs;
            if (entry.DueNs <= NowNs) entry.DueNs = NowNs + entry.PeriodNs;
            Cascade();
        }
    }

    private void Cascade()
    {
        for (int round = 0; round < MaxCascade; round++)
        {
            bool any = false;
            foreach (var (daemon, poll) in _polled)
            {
                // Take inputs only when the poll service has something, as DaemonHost's waiting Update does: taking them
                // on every round would spend the Updated flag of a message (radard's liveTracks) before the step that reads it.
                if (!daemon.Inputs.Pending()) continue;
                daemon.Inputs.Update(0);
                if (!poll.Updated) continue;
                Measure(daemon.Name, daemon.Step);
                any = true;
            }
            if (!any) return;
        }
    }

    /// <param name="firstNs">the first run: the next tick after the entry was added</param>
    /// <summary>Wall time each daemon and action has taken so far (where a drive's time goes), slowest first.</summary>
    public IReadOnlyList<(string Name, TimeSpan Time)> Profile() =>
        _ticks.Select(t => (t.Key, TimeSpan.FromSeconds(t.Value / (double)System.Diagnostics.Stopwatch.Frequency)))
            .OrderByDescending(t => t.Item2).ToList();

    private void Measure(string name, Action run)
    {
        long start = System.Diagnostics.Stopwatch.GetTimestamp();
        run();
        _ticks[name] = _ticks.GetValueOrDefault(name) + System.Diagnostics.Stopwatch.GetTimestamp() - start;
    }

    private sealed class TimedEntry(string name, double rateHz, long firstNs, Action run)
    {
        public string Name { get; } = name;
        public long PeriodNs { get; } = (long)Math.Round(1e9 / rateHz);
        public long DueNs { get; set; } = firstNs;
        public Action Run { get; } = run;
    }
}
