namespace Pilot.Benchmarks;

/// <summary>
/// Median thread CPU time per call, from Linux's per-thread scheduler statistics (nanoseconds on CPU). On a machine
/// whose cores are shared, wall-clock medians include time spent descheduled; CPU time does not. NaN elsewhere.
/// </summary>
internal static class ThreadCpu
{
    private const string SchedStat = "/proc/thread-self/schedstat";

    public static double PerCall(Action body, int inner, int samples = 15)
    {
        if (!File.Exists(SchedStat)) return double.NaN;
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
        string text = File.ReadAllText(SchedStat);
        return long.Parse(text.AsSpan(0, text.IndexOf(' ')));
    }
}
