using Pilot.Manager.Processes;

namespace Pilot.Manager;

/// <summary>The manager's record of one process-table row: the running child, its restart history and its usage.</summary>
internal sealed class ManagedProcess(ProcessSpec spec, RestartPolicy policy)
{
    public ProcessSpec Spec { get; } = spec;
    public RestartTracker Restarts { get; } = new(policy);
    public ChildProcess? Child { get; set; }
    /// <summary>Earliest start time, ns; 0 before the first start.</summary>
    public long NextStartNs { get; set; }
    public bool HasRun { get; set; }
    public bool GaveUp { get; set; }
    public int LastExitCode { get; set; }
    public float CpuPercent { get; private set; }
    public ulong MemoryBytes { get; private set; }
    private long _lastTicks, _lastSampleNs;

    public bool Running => Child is { HasExited: false };

    /// <summary>Resets usage for a new run: CPU is measured from its start.</summary>
    public void OnStart(long nowNs)
    {
        _lastTicks = 0;
        _lastSampleNs = nowNs;
        CpuPercent = 0;
        MemoryBytes = 0;
    }

    /// <summary>Updates CPU percent (of one core, since the last sample) and memory from a /proc snapshot.</summary>
    public void Sample(IReadOnlyList<ProcStat> all, long nowNs)
    {
        if (Child is not { HasExited: false } child || TreeUsage.Of(child.Pid, all) is not { } usage)
        {
            CpuPercent = 0;
            MemoryBytes = 0;
            return;
        }
        double seconds = (nowNs - _lastSampleNs) / 1e9;
        if (seconds > 0)
            CpuPercent = (float)(Math.Max(0, usage.CpuTicks - _lastTicks) / (double)Posix.ClockTicksPerSecond / seconds * 100);
        _lastTicks = usage.CpuTicks;
        _lastSampleNs = nowNs;
        MemoryBytes = (ulong)usage.MemoryBytes;
    }

    public ProcessStatus Status(bool stopping) => new(Spec.Name, Running ? Child!.Pid : 0, Running,
        Spec.Enabled && !stopping && !GaveUp, Running ? 0 : LastExitCode, Restarts.Restarts, CpuPercent, MemoryBytes, Spec.Enabled, GaveUp);
}
