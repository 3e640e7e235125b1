using System.ComponentModel;
using System.Diagnostics;

namespace Pilot.Manager.Processes;

/// <summary>
/// One started OS process of a <see cref="ProcessSpec"/>: its pid, its exit, signals to it, and its output forwarded
/// line by line. Standard input is closed at once, so no child competes with the terminal for key presses.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

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
        var info = new ProcessStartInfo(spec.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in spec.Arguments) info.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(info) ?? throw new IOException($"{spec.Name}: {spec.FileName} did not start"); }
        catch (Win32Exception e) { throw new IOException($"{spec.Name}: cannot start {spec.FileName}: {e.Message}", e); }
        process.StandardInput.Close();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, nowNs);
    }

    /// <summary>Sends <paramref name="signal"/> unless the process has exited.</summary>
    public void Signal(int signal)
    {
        if (!_process.HasExited) Posix.Signal(Pid, signal);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the exit; true when it has exited.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Posix.Signal(Pid, Posix.SigKill);
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
