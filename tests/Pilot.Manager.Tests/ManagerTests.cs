using System.Collections.Concurrent;
using Pilot.Manager.Processes;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;

namespace Pilot.Manager.Tests;

/// <summary>The manager with real child processes: restarts with backoff, crash loops, usage figures, shutdown.</summary>
public sealed class ManagerTests
{
    private readonly ConcurrentQueue<string> _output = new();

    private ManagerOptions Options(params ProcessSpec[] processes) => new(processes) { Output = (name, line) => _output.Enqueue($"[{name}] {line}") };

    private static ProcessSpec Shell(string name, string script) => new(name, "/bin/sh", ["-c", script]);

    private static ProcessStatus Of(ProcessManager m, string name) => m.Processes.Single(p => p.Name == name);

    [Fact]
    public void KilledProcessIsRestartedAfterABackoffThatDoubles()
    {
        var policy = new RestartPolicy(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(30), 5, TimeSpan.FromSeconds(60));
        using var manager = new ProcessManager(TestBus.Create(), Options(new ProcessSpec("sleeper", "sleep", ["60"])) with { Restart = policy });
        TestBus.StepUntil(manager.Step, () => Of(manager, "sleeper").Running, 5, "sleeper started");
        int first = Of(manager, "sleeper").Pid;

        Assert.True(Posix.Signal(first, Posix.SigKill));
        TestBus.StepUntil(manager.Step, () => !Of(manager, "sleeper").Running, 5, "kill noticed");
        var down = Of(manager, "sleeper");
        Assert.Equal(128 + Posix.SigKill, down.ExitCode);   // killed by signal 9, as a shell reports it
        Assert.True(down.ShouldBeRunning);
        Assert.Contains(_output, l => l.Contains("sleeper exited with 137; restarting in 0.5 s"));

        TestBus.StepUntil(manager.Step, () => Of(manager, "sleeper").Running, 5, "sleeper restarted");
        var second = Of(manager, "sleeper");
        Assert.NotEqual(first, second.Pid);
        Assert.Equal(1, second.RestartCount);
        Assert.False(TestBus.IsAlive(first));

        // A second failure soon after the first: twice the delay.
        Assert.True(Posix.Signal(second.Pid, Posix.SigKill));
        TestBus.StepUntil(manager.Step, () => Of(manager, "sleeper").RestartCount == 2 && Of(manager, "sleeper").Running, 5, "second restart");
        Assert.Contains(_output, l => l.Contains("sleeper exited with 137; restarting in 1 s"));
    }

    [Fact]
    public void CrashLoopGivesUpAfterTheAllowedRestartsAndSaysSo()
    {
        var policy = new RestartPolicy(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(40), TimeSpan.FromSeconds(30), 3, TimeSpan.FromSeconds(60));
        using var manager = new ProcessManager(TestBus.Create(), Options(Shell("crasher", "echo failing >&2; exit 3"), new ProcessSpec("sleeper", "sleep", ["60"]))
            with { Restart = policy });
        TestBus.StepUntil(manager.Step, () => Of(manager, "crasher").GaveUp, 10, "crash loop detected");
        var crasher = Of(manager, "crasher");
        Assert.Equal(3, crasher.RestartCount);
        Assert.Equal(3, crasher.ExitCode);
        Assert.False(crasher.Running);
        Assert.False(crasher.ShouldBeRunning);
        Assert.Contains(_output, l => l.StartsWith("[manager] crasher exited with 3; crash loop (3 restarts within 60 s)"));
        // stderr is forwarded with the process name, once per run (the last line may trail the exit: pipes drain on their own).
        TestBus.StepUntil(() => { }, () => _output.Count(l => l == "[crasher] failing") == 4, 5, "four runs' stderr lines forwarded");

        // Given up means given up: no further starts however long the manager runs; the others are untouched.
        for (int i = 0; i < 10; i++) { manager.Step(); Thread.Sleep(10); }
        Assert.Equal(3, Of(manager, "crasher").RestartCount);
        Assert.True(Of(manager, "sleeper").Running);
        Assert.Equal(0, Of(manager, "sleeper").RestartCount);
    }

    [Fact]
    public void AnExecutableThatCannotStartCountsAsAFailedRun()
    {
        var policy = new RestartPolicy(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(30), 2, TimeSpan.FromSeconds(60));
        using var manager = new ProcessManager(TestBus.Create(), Options(new ProcessSpec("ghost", "/nonexistent/pilot-ghost", [])) with { Restart = policy });
        TestBus.StepUntil(manager.Step, () => Of(manager, "ghost").GaveUp, 5, "gave up on a missing executable");
        Assert.Equal(ExitCodes.CannotExecute, Of(manager, "ghost").ExitCode);
        Assert.Contains(_output, l => l.Contains("cannot start /nonexistent/pilot-ghost"));
    }

    [Fact]
    public void DisabledRowIsListedButNeverStarted()
    {
        using var manager = new ProcessManager(TestBus.Create(), Options(
            new ProcessSpec("simulator", "sleep", ["60"]) { Enabled = false, DisabledBecause = "only with the simulator" },
            new ProcessSpec("sleeper", "sleep", ["60"])));
        TestBus.StepUntil(manager.Step, () => Of(manager, "sleeper").Running, 5, "sleeper started");
        var off = Of(manager, "simulator");
        Assert.False(off.Running);
        Assert.False(off.ShouldBeRunning);
        Assert.False(off.Enabled);
        Assert.Equal(0, off.Pid);
    }

    [Fact]
    public void ARowThatNeedsADeviceStartsOnlyOnceItExists()
    {
        string device = Path.Combine(Path.GetTempPath(), $"pilot-device-{Guid.NewGuid():N}");
        using var manager = new ProcessManager(TestBus.Create(), Options(new ProcessSpec("bridge", "sleep", ["60"]) { NeedsPath = device }));
        for (int i = 0; i < 5; i++) { manager.Step(); Thread.Sleep(10); }
        Assert.False(Of(manager, "bridge").Running);
        Assert.True(Of(manager, "bridge").ShouldBeRunning);
        Assert.Equal(0, Of(manager, "bridge").RestartCount);   // waiting is not failing
        File.WriteAllText(device, "");
        try { TestBus.StepUntil(manager.Step, () => Of(manager, "bridge").Running, 5, "started once the device appeared"); }
        finally { File.Delete(device); }
    }

    [Fact]
    public void ManagerStateCarriesEachProcessesCpuAndMemory()
    {
        var transport = TestBus.Create();
        // busy spins one core; holder keeps a 30 MB shell variable resident; idle sleeps.
        using var manager = new ProcessManager(transport, Options(
            Shell("busy", "while :; do :; done"),
            Shell("holder", "x=$(head -c 30000000 /dev/zero | tr '\\0' a); sleep 60"),
            new ProcessSpec("idle", "sleep", ["60"])));
        using var sub = new SubMaster(["managerState"], transport: transport);
        var seen = new Dictionary<string, ManagerState.ProcessState.Reader>();
        // The reported CPU is checked against the kernel's own count, read by the test right after each manager step:
        // the sum of (percent × report period) over the reports must equal the busy loop's CPU seconds between the first
        // and the last report. That holds however loaded the shared cores are, where a fixed percentage would not.
        var ticksAfterStep = new List<(long Ns, long Ticks)>();
        int states = 0, busyPid = 0;
        double reportedSeconds = 0;
        long firstTicks = -1, lastTicks = -1;
        ulong lastMono = 0;
        TestBus.StepUntil(() =>
        {
            manager.Step();
            busyPid = Of(manager, "busy").Pid;
            if (busyPid != 0 && ProcStat.Read(busyPid) is { } stat) ticksAfterStep.Add((MonoClock.NowNs(), stat.CpuTicks));
            if (sub.Update(0) == 0) return;
            var state = sub["managerState"];
            foreach (var p in new Event.Reader(state.Event).ManagerState.Processes) seen[p.Name] = p;
            // the kernel's count taken just after the step that published this report
            long ticks = ticksAfterStep.First(x => x.Ns >= (long)state.LogMonoTime).Ticks;
            if (firstTicks < 0) firstTicks = ticks;
            else reportedSeconds += seen["busy"].CpuPercent / 100.0 * (state.LogMonoTime - lastMono) / 1e9;
            lastTicks = ticks;
            lastMono = state.LogMonoTime;
            states++;
        }, () => states >= 6 && seen["holder"].MemoryBytes > 30_000_000, 15, "six managerState messages with the holder's memory resident");

        Assert.Equal(["busy", "holder", "idle"], seen.Keys.Order());
        var busy = seen["busy"];
        var idle = seen["idle"];
        Assert.True(busy.Running && busy.ShouldBeRunning);
        Assert.Equal(busyPid, busy.Pid);
        double kernelSeconds = (lastTicks - firstTicks) / (double)Posix.ClockTicksPerSecond;
        Assert.True(kernelSeconds > 0.05, $"the busy loop got only {kernelSeconds} s of CPU");
        Assert.InRange(reportedSeconds, kernelSeconds * 0.85 - 0.03, kernelSeconds * 1.15 + 0.03);   // ±3 ticks of read skew
        Assert.InRange(busy.CpuPercent, 0.1f, 110f);   // one thread: never more than a core (plus sampling slack)
        Assert.True(idle.CpuPercent < 5, $"sleep at {idle.CpuPercent}%");
        Assert.InRange(idle.MemoryBytes, 1UL, 20_000_000UL);
        Assert.InRange(seen["holder"].MemoryBytes, 30_000_000UL, 200_000_000UL);
        Assert.True(sub["managerState"].Valid);   // everything the table wants is running
    }

    [Fact]
    public void StopSendsSigtermThenSigkillAndLeavesNoChild()
    {
        var transport = TestBus.Create();
        using var manager = new ProcessManager(transport, Options(
            new ProcessSpec("polite", "sleep", ["60"]),
            Shell("stubborn", "trap '' TERM; echo ready; while :; do sleep 0.05; done")) with { StopTimeout = TimeSpan.FromSeconds(1) });
        using var sub = new SubMaster(["managerState"], transport: transport);
        TestBus.StepUntil(manager.Step, () => manager.Processes.All(p => p.Running) && _output.Contains("[stubborn] ready"), 5, "both started, trap set");
        int[] pids = manager.Processes.Select(p => p.Pid).ToArray();

        manager.Stop();

        Assert.All(pids, pid => Assert.False(TestBus.IsAlive(pid), $"pid {pid} still alive"));
        Assert.Equal(128 + Posix.SigTerm, manager.Processes.Single(p => p.Name == "polite").ExitCode);
        Assert.Equal(128 + Posix.SigKill, manager.Processes.Single(p => p.Name == "stubborn").ExitCode);
        Assert.Contains(_output, l => l.StartsWith("[manager] stubborn") && l.EndsWith("ignored SIGTERM for 1 s: SIGKILL"));
        Assert.All(manager.Processes, p => Assert.False(p.Running || p.ShouldBeRunning));
        manager.Step();   // after a stop nothing starts again
        Assert.All(manager.Processes, p => Assert.Equal(0, p.Pid));
        sub.Update(100);
        foreach (var p in new Event.Reader(sub["managerState"].Event).ManagerState.Processes) Assert.False(p.Running, p.Name);
    }

    [Fact]
    public async Task DaemonHostRunsTheManagerAndStopsItsChildrenOnCancel()
    {
        using var cancel = new CancellationTokenSource();
        var manager = new ProcessManager(TestBus.Create(), Options(new ProcessSpec("sleeper", "sleep", ["60"])));
        int pid = 0;
        var watcher = Task.Run(() =>
        {
            TestBus.StepUntil(() => { }, () => (pid = manager.Processes[0].Pid) != 0, 10, "started under the host");
            cancel.Cancel();
        });
        Assert.Equal(0, Pilot.Daemons.DaemonHost.Run(manager, cancel.Token));
        await watcher;
        Assert.False(TestBus.IsAlive(pid));
    }
}
