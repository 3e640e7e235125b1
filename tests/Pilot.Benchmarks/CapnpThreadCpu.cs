using System.Runtime.InteropServices;

namespace Pilot.Benchmarks;

/// <summary>
/// Median thread CPU time per call, from <c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c> (Linux), the same clock the
/// C++ peer reads. On a machine whose cores are shared, wall-clock medians include time spent descheduled; CPU time
/// does not. NaN where the clock is unavailable.
/// </summary>
internal static class ThreadCpu
{
    private const int ClockThreadCpuTimeId = 3;   // CLOCK_THREAD_CPUTIME_ID in <time.h> on Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    public static double PerCall(Action body, int inner, int samples = 15)
    {
        if (!OperatingSystem.IsLinux()) return double.NaN;
        for (int i = 0; i < inner; i++) body();
        var times = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            long start = OnCpuNs();
            for (int i = 0; i < inner; i++) body();
            times[s] = (double)(OnCpuNs() - start) / inner;
        }
        Array.Sort(times);
        return times[samples / 2];
    }

    private static long OnCpuNs()
    {
        if (ClockGetTime(ClockThreadCpuTimeId, out var t) != 0) throw new InvalidOperationException("clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
        return t.Seconds * 1_000_000_000 + t.Nanoseconds;
    }
}
