using System.Globalization;

namespace Pilot.Hardware.Health;

/// <summary>Memory totals, bytes.</summary>
public readonly record struct MemoryInfo(long TotalBytes, long AvailableBytes)
{
    public double UsedPercent => TotalBytes > 0 ? 100.0 * (TotalBytes - AvailableBytes) / TotalBytes : double.NaN;
}

/// <summary>MemTotal and MemAvailable (kB) from /proc/meminfo (proc(5)); MemAvailable is the kernel's estimate of what
/// can be allocated without swapping, which is what "memory use" should mean on a device.</summary>
public sealed class MemoryReader(string root = "/")
{
    private readonly string _path = SysfsFile.Under(root, "/proc/meminfo");

    /// <summary>The totals, or null when /proc/meminfo is missing or lacks either field.</summary>
    public MemoryInfo? Read()
    {
        if (!File.Exists(_path)) return null;
        long total = -1, available = -1;
        foreach (string line in File.ReadLines(_path))
        {
            if (line.StartsWith("MemTotal:", StringComparison.Ordinal)) total = KiloBytes(line);
            else if (line.StartsWith("MemAvailable:", StringComparison.Ordinal)) available = KiloBytes(line);
        }
        return total > 0 && available >= 0 ? new MemoryInfo(total * 1024, available * 1024) : null;
    }

    private static long KiloBytes(string line)
    {
        string[] f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return f.Length >= 2 && long.TryParse(f[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : -1;
    }
}
