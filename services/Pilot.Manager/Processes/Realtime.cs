using System.ComponentModel;
using System.Diagnostics;

namespace Pilot.Manager.Processes;

/// <summary>
/// Real-time scheduling for the control loops (openpilot's config_realtime_process): a process table row with a
/// <see cref="ProcessSpec.RealtimePriority"/> is started under <c>chrt -f</c>, so every thread it makes runs SCHED_FIFO
/// and a 100 Hz loop is not queued behind the time-shared work of a busy device. Granted only where the kernel allows
/// it (root or CAP_SYS_NICE); elsewhere the row runs time-shared and the manager says so once.
/// </summary>
public static class Realtime
{
    private const string Chrt = "chrt";   // util-linux, part of every Debian system

    /// <summary>chrt is here and the kernel lets this process start SCHED_FIFO children (probed once, by trying it).</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux() && Probe();

    /// <summary>The command line that starts <paramref name="spec"/>: under <c>chrt -f</c> when it asks for real time and may have it.</summary>
    public static (string FileName, IReadOnlyList<string> Arguments) CommandOf(ProcessSpec spec) =>
        spec.RealtimePriority is { } priority && Available
            ? (Chrt, ["-f", priority.ToString(System.Globalization.CultureInfo.InvariantCulture), spec.FileName, .. spec.Arguments])
            : (spec.FileName, spec.Arguments);

    private static bool Probe()
    {
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(Chrt, ["-f", "1", "true"]) { RedirectStandardError = true, UseShellExecute = false });
            if (probe is null) return false;
            probe.StandardError.ReadToEnd();
            probe.WaitForExit();
            return probe.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;   // no chrt
        }
    }
}
