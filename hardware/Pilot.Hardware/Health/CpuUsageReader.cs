using System.Globalization;

namespace Pilot.Hardware.Health;

/// <summary>
/// CPU use from the aggregate "cpu" line of /proc/stat (proc(5)): jiffies in user, nice, system, idle, iowait, irq,
/// softirq, steal. Use over an interval is 1 − Δ(idle + iowait) / Δtotal, so the first read only sets the baseline.
/// </summary>
public sealed class CpuUsageReader(string root = "/")
{
    private readonly string _path = SysfsFile.Under(root, "/proc/stat");
    private long _lastTotal = -1, _lastIdle;

    /// <summary>Logical CPUs (the "cpuN" lines) at the last read.</summary>
    public int Cores { get; private set; }

    /// <summary>Use since the previous call, percent (0..100); NaN on the first call or when /proc/stat is unreadable.</summary>
    public double ReadPercent()
    {
        string[] lines;
        try { lines = File.ReadAllLines(_path); }
        catch (IOException) { return double.NaN; }
        string? aggregate = lines.FirstOrDefault(l => l.StartsWith("cpu ", StringComparison.Ordinal));
        Cores = lines.Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));
        if (aggregate is null) return double.NaN;
        string[] f = aggregate.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long total = 0, idle = 0;
        for (int i = 1; i < f.Length && i <= 8; i++)
        {
            if (!long.TryParse(f[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out long v)) return double.NaN;
            total += v;
            if (i is 4 or 5) idle += v; // idle, iowait
        }
        double percent = _lastTotal < 0 || total <= _lastTotal ? double.NaN : 100.0 * (1 - (idle - _lastIdle) / (double)(total - _lastTotal));
        _lastTotal = total;
        _lastIdle = idle;
        return double.IsNaN(percent) ? percent : Math.Clamp(percent, 0, 100);
    }
}
