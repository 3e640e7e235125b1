using System.ComponentModel;
using System.Diagnostics;

namespace Pilot.Manager.Processes;

/// <summary>
/// One started OS process of a <see cref="ProcessSpec"/>: its pid, its exit, signals to it, and its output forwarded
/// line by line. Standard input is closed at once, so no child competes with the terminal for key presses.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    // After an exit, how long the last lines may take to drain from the pipes; a grandchild that inherited them could hold
    // them open for ever, so the wait is bounded (and happens off the manager's loop).
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    private readonly Process _process;
    private readonly TaskCompletionSource _stdoutClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(Process process, long startedNs)
    {
        _process = process;
        StartedNs = startedNs;
        Pid = process.Id;
    }

    public int Pid { get; }
    /// <summary>When it was started, ns (manager clock).</summary>
    public long StartedNs { get; }
    public bool HasExited => _process.HasExited;
    /// <summary>Exit status; 128 + n when signal n ended it (as a shell reports it).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>
    /// Starts <paramref name="spec"/>; each line it writes on stdout or stderr goes to <paramref name="output"/> (called on
    /// pool threads). Throws <see cref="IOException"/> when the executable cannot be started.
    /// </summary>
    public static ChildProcess Start(ProcessSpec spec, long nowNs, Action<string> output)
    {
        var (fileName, arguments) = Realtime.CommandOf(spec);
        var info = new ProcessStartInfo(fileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (name, value) in spec.Environment) info.Environment[name] = value;
        Process process;
        try { process = Process.Start(info) ?? throw new IOException($"{spec.Name}: {spec.FileName} did not start"); }
        catch (Win32Exception e) { throw new IOException($"{spec.Name}: cannot start {spec.FileName}: {e.Message}", e); }
        process.StandardInput.Close();
        var child = new ChildProcess(process, nowNs);
        // A null line is end of stream: the pipe has been read to its end and nothing more will come.
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output(e.Data); else child._stdoutClosed.TrySetResult(); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output(e.Data); else child._stderrClosed.TrySetResult(); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Sends <paramref name="signal"/> unless the process has exited.</summary>
    public void Signal(int signal)
    {
        if (!_process.HasExited) Posix.Signal(Pid, signal);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the exit; true when it has exited.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    /// <summary>Kills the process if it still runs; its last output lines are still forwarded before the handle is released.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Posix.Signal(Pid, Posix.SigKill);
            _process.WaitForExit(Timeout.InfiniteTimeSpan);
        }
        // Disposing at once would drop what is still in the pipes: often the very lines that say why the process died.
        _ = Task.WhenAny(Task.WhenAll(_stdoutClosed.Task, _stderrClosed.Task), Task.Delay(DrainLimit))
            .ContinueWith(_ => _process.Dispose(), TaskScheduler.Default);
    }
}
