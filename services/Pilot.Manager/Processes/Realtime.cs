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

    /// <summary>
    /// Asks the kernel to keep every CPU's wake-up latency at zero while the returned handle stays open (PM QoS through
    /// /dev/cpu_dma_latency, as cyclictest does): an idle core then polls instead of entering a sleep state, so a realtime
    /// thread woken by a futex or a socket runs within microseconds instead of waiting for its core to wake (on the 2-core
    /// machine, shared-memory carState p50 went from 71-84 µs to 13-32 µs). Costs an idle core its power saving, as a
    /// device in a car can afford. Null where the file is missing or not writable (not root).
    /// </summary>
    public static IDisposable? HoldZeroWakeupLatency()
    {
        try
        {
            var qos = new FileStream(CpuDmaLatency, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
            qos.Write(BitConverter.GetBytes(0));   // an s32 in µs; the request lasts while the file is open
            return qos;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private const string CpuDmaLatency = "/dev/cpu_dma_latency";

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
