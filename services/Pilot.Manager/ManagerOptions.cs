using Pilot.Manager.Processes;

namespace Pilot.Manager;

/// <summary>Settings of a <see cref="ProcessManager"/>.</summary>
/// <param name="Processes">the process table, in start order</param>
public sealed record ManagerOptions(IReadOnlyList<ProcessSpec> Processes)
{
    public RestartPolicy Restart { get; init; } = RestartPolicy.Default;
    /// <summary>How long a SIGTERM'ed process may take to exit before it gets SIGKILL (openpilot waits 5 s too).</summary>
    public TimeSpan StopTimeout { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>How often exits are noticed and restarts made, Hz (managerState itself goes out at its service rate, 2 Hz).</summary>
    public double CheckRateHz { get; init; } = 10;
    /// <summary>Receives (process name, line) for every line a child prints and every event of the manager ("manager");
    /// called from several threads. Default: standard error as "[name] line".</summary>
    public Action<string, string>? Output { get; init; }
}

/// <summary>One managed process as the manager sees it now (what managerState carries, plus whether it gave up).</summary>
public sealed record ProcessStatus(string Name, int Pid, bool Running, bool ShouldBeRunning, int ExitCode, int RestartCount,
    float CpuPercent, ulong MemoryBytes, bool Enabled, bool GaveUp);
