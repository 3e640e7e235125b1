using Pilot.Capnp;
using Pilot.Manager.Processes;
using Pilot.Messaging;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using Pilot.Daemons;

namespace Pilot.Manager;

/// <summary>
/// The process manager (openpilot's system/manager): starts every enabled row of the process table as a child process,
/// notices exits and restarts with exponential backoff, gives up on a crash loop and says so, publishes managerState
/// (pid, running, exit code, restarts, CPU and memory of each process) at 2 Hz, and on <see cref="Stop"/> or disposal
/// sends SIGTERM to every child, waits, and SIGKILLs what is left. Children's output lines are forwarded with their name.
/// </summary>
public sealed class ProcessManager : IDaemon
{
    private readonly ITransport _transport;
    private readonly ManagerOptions _options;
    private readonly ManagedProcess[] _processes;
    private readonly PubMaster _pub;
    private readonly MessageBuilder _message = new(1024);
    private readonly Action<string, string> _output;
    private readonly long _statePeriodNs = (long)(Services.Get("managerState").Period * 1e9);
    private long _nextStateNs;
    private bool _stopping;
    private readonly IDisposable? _wakeupLatency;   // held while the realtime loops run

    public ProcessManager(ITransport transport, ManagerOptions options)
    {
        var duplicate = options.Processes.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"process table lists '{duplicate.Key}' {duplicate.Count()} times", nameof(options));
        _transport = transport;
        _options = options;
        _processes = options.Processes.Select(p => new ManagedProcess(p, options.Restart)).ToArray();
        _output = options.Output ?? ((name, line) => Console.Error.WriteLine($"[{name}] {line}"));
        _pub = new PubMaster(["managerState"], transport);
        // The manager reacts to its children, not to messages; it subscribes to nothing.
        Inputs = new SubMaster([], transport: transport);
        Schedule = new Schedule.Timed(options.CheckRateHz);
        if (options.Processes.Any(p => p.Enabled && p.RealtimePriority is not null))
        {
            if (!Realtime.Available) _output(Name, "real-time scheduling is not permitted here (it needs root or CAP_SYS_NICE): the control loops run time-shared");
            else if ((_wakeupLatency = Realtime.HoldZeroWakeupLatency()) is null) _output(Name, "cannot hold the CPUs' wake-up latency at 0 (/dev/cpu_dma_latency): realtime loops may wait for idle cores to wake");
        }
    }

    public string Name => "manager";
    public Schedule Schedule { get; }
    public SubMaster Inputs { get; }

    /// <summary>Every row of the table as it stands now, in table order.</summary>
    public IReadOnlyList<ProcessStatus> Processes => _processes.Select(p => p.Status(_stopping)).ToArray();

    /// <summary>Handles exits, starts what is due, and publishes managerState when its period has passed.</summary>
    public void Step()
    {
        if (_stopping) return;
        long now = _transport.NowNs();
        foreach (var p in _processes)
        {
            if (p.Child is { HasExited: true } exited) OnExit(p, exited, now);
            if (p.Spec.Enabled && p.Child is null && !p.GaveUp && now >= p.NextStartNs && PathReady(p)) Start(p, now);
        }
        if (now >= _nextStateNs)
        {
            Publish(now);
            _nextStateNs = now + _statePeriodNs;
        }
    }

    private static bool PathReady(ManagedProcess p) => p.Spec.NeedsPath is not { } path || File.Exists(path) || Directory.Exists(path);

    private void Start(ManagedProcess p, long now)
    {
        if (p.HasRun) p.Restarts.OnRestart(now);
        p.HasRun = true;
        try
        {
            p.Child = ChildProcess.Start(p.Spec, now, line => _output(p.Spec.Name, line));
            p.OnStart(now);
            string realtime = p.Spec.RealtimePriority is { } rt && Realtime.Available ? $" [SCHED_FIFO {rt}]" : "";
            _output(Name, $"started {p.Spec.Name} (pid {p.Child.Pid}){realtime}: {p.Spec.CommandLine}");
        }
        catch (IOException e)
        {
            // Treated as a run that failed at once: the same backoff and crash-loop rules apply.
            _output(Name, e.Message);
            Decide(p, ExitCodes.CannotExecute, now, now);
        }
    }

    private void OnExit(ManagedProcess p, ChildProcess child, long now)
    {
        int code = child.ExitCode;
        child.Dispose();
        p.Child = null;
        Decide(p, code, child.StartedNs, now);
    }

    private void Decide(ManagedProcess p, int exitCode, long startedNs, long now)
    {
        p.LastExitCode = exitCode;
        switch (p.Restarts.OnExit(startedNs, now))
        {
            case RestartDecision.GiveUp g:
                p.GaveUp = true;
                _output(Name, $"{p.Spec.Name} exited with {exitCode}; crash loop ({g.Restarts} restarts within {g.Window.TotalSeconds:0.#} s): not restarting it");
                break;
            case RestartDecision.RestartAt r:
                p.NextStartNs = r.AtNs;
                _output(Name, $"{p.Spec.Name} exited with {exitCode}; restarting in {r.Delay.TotalSeconds:0.###} s");
                break;
        }
    }

    private void Publish(long now)
    {
        var all = ProcStat.All();
        foreach (var p in _processes) p.Sample(all, now);
        _message.Reset();
        var state = new Event.Builder(_message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount)).InitManagerState();
        var list = state.InitProcesses(_processes.Length);
        for (int i = 0; i < _processes.Length; i++)
        {
            var s = _processes[i].Status(_stopping);
            var item = list[i];
            item.SetName(s.Name);
            item.SetPid(s.Pid);
            item.SetRunning(s.Running);
            item.SetShouldBeRunning(s.ShouldBeRunning);
            item.SetExitCode(s.ExitCode);
            item.SetRestartCount((uint)s.RestartCount);
            item.SetCpuPercent(s.CpuPercent);
            item.SetMemoryBytes(s.MemoryBytes);
        }
        // valid: every process the table wants is running (a consumer can tell "all up" from one flag).
        _pub.Send("managerState", _message, valid: _processes.All(p => !p.Spec.Enabled || p.Running));
    }

    /// <summary>
    /// Stops every child: SIGTERM to all at once, up to <see cref="ManagerOptions.StopTimeout"/> for them to exit, SIGKILL
    /// for the rest. No restarts happen afterwards. Publishes a last managerState showing everything stopped.
    /// </summary>
    public void Stop()
    {
        if (_stopping) return;
        _stopping = true;
        var running = _processes.Where(p => p.Child is not null).ToArray();
        foreach (var p in running) p.Child!.Signal(Posix.SigTerm);
        var deadline = DateTime.UtcNow + _options.StopTimeout;   // a wall deadline for a real wait, not control logic
        foreach (var p in running)
        {
            var child = p.Child!;
            if (!child.WaitForExit(Max(deadline - DateTime.UtcNow, TimeSpan.Zero)))
            {
                _output(Name, $"{p.Spec.Name} (pid {child.Pid}) ignored SIGTERM for {_options.StopTimeout.TotalSeconds:0.#} s: SIGKILL");
                child.Signal(Posix.SigKill);
                child.WaitForExit(Timeout.InfiniteTimeSpan);
            }
            p.LastExitCode = child.ExitCode;
            child.Dispose();
            p.Child = null;
        }
        Publish(_transport.NowNs());
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    public void Dispose()
    {
        Stop();
        Inputs.Dispose();
        _pub.Dispose();
        _wakeupLatency?.Dispose();
    }
}

/// <summary>Exit codes the manager reports for runs that never got going.</summary>
public static class ExitCodes
{
    public const int CannotExecute = 127;   // what a shell reports for a command it could not run
}
