namespace Pilot.Manager.Processes;

/// <summary>
/// When a process that should run has exited: restart after an exponentially growing delay, and give up on a crash
/// loop, so a daemon that dies at start cannot eat the CPU the others need (openpilot's manager waits and retries the same way).
/// </summary>
/// <param name="InitialBackoff">delay before the first restart after a run</param>
/// <param name="MaxBackoff">the delay doubles per consecutive failure up to this</param>
/// <param name="StableRun">a run at least this long resets the doubling (the exit was not part of a loop)</param>
/// <param name="CrashLoopRestarts">this many restarts inside <paramref name="CrashLoopWindow"/>, then one more exit, is a crash loop</param>
/// <param name="CrashLoopWindow">the sliding window restarts are counted in</param>
public sealed record RestartPolicy(TimeSpan InitialBackoff, TimeSpan MaxBackoff, TimeSpan StableRun, int CrashLoopRestarts, TimeSpan CrashLoopWindow)
{
    /// <summary>0.25 s doubling to 8 s; 5 restarts within 60 s is a crash loop (about 8 s of retries at the shortest).</summary>
    public static readonly RestartPolicy Default = new(TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(30), 5,
        TimeSpan.FromSeconds(60));

    /// <summary>The delay before restart number <paramref name="consecutiveFailures"/> (1 = first failure of a series).</summary>
    public TimeSpan Backoff(int consecutiveFailures)
    {
        double factor = Math.Pow(2, Math.Clamp(consecutiveFailures - 1, 0, 30));
        return TimeSpan.FromTicks((long)Math.Min(InitialBackoff.Ticks * factor, MaxBackoff.Ticks));
    }
}

/// <summary>What the manager does after an exit.</summary>
public abstract record RestartDecision
{
    private RestartDecision() { }

    /// <summary>Start it again at <paramref name="AtNs"/> (transport clock).</summary>
    public sealed record RestartAt(long AtNs, TimeSpan Delay) : RestartDecision;

    /// <summary>Crash loop: no more restarts.</summary>
    public sealed record GiveUp(int Restarts, TimeSpan Window) : RestartDecision;
}

/// <summary>The restart history of one process under a <see cref="RestartPolicy"/>.</summary>
public sealed class RestartTracker(RestartPolicy policy)
{
    private readonly Queue<long> _restarts = new();   // start times of restarts inside the window, ns
    private int _consecutive;

    /// <summary>Restarts since the manager started.</summary>
    public int Restarts { get; private set; }

    /// <summary>Decides what follows an exit at <paramref name="nowNs"/> of a run that started at <paramref name="startedNs"/>.</summary>
    public RestartDecision OnExit(long startedNs, long nowNs)
    {
        _consecutive = nowNs - startedNs >= policy.StableRun.Ticks * 100 ? 1 : _consecutive + 1;
        while (_restarts.TryPeek(out long t) && nowNs - t > policy.CrashLoopWindow.Ticks * 100) _restarts.Dequeue();
        if (_restarts.Count >= policy.CrashLoopRestarts) return new RestartDecision.GiveUp(_restarts.Count, policy.CrashLoopWindow);
        var delay = policy.Backoff(_consecutive);
        return new RestartDecision.RestartAt(nowNs + delay.Ticks * 100, delay);
    }

    /// <summary>Records that a restart happened at <paramref name="nowNs"/>.</summary>
    public void OnRestart(long nowNs)
    {
        _restarts.Enqueue(nowNs);
        Restarts++;
    }
}
