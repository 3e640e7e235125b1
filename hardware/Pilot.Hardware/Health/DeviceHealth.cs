namespace Pilot.Hardware.Health;

/// <summary>One health sample of the device (hardwared publishes it at 2 Hz inside deviceState).</summary>
/// <param name="MonoTimeNs">Monotonic time of the sample, ns.</param>
/// <param name="MaxCpuTempC">Hottest non-GPU sensor, °C; NaN when none.</param>
/// <param name="MaxGpuTempC">Hottest GPU sensor, °C; NaN when none.</param>
/// <param name="CpuUsagePercent">CPU use since the previous sample, %; NaN on the first.</param>
/// <param name="Problems">Readers that found nothing, in words, e.g. "no temperature sensors under /sys/class/thermal or /sys/class/hwmon".</param>
public sealed record DeviceHealth(
    long MonoTimeNs,
    IReadOnlyList<TemperatureSensor> Temperatures,
    double MaxCpuTempC,
    double MaxGpuTempC,
    double CpuUsagePercent,
    int CpuCores,
    MemoryInfo? Memory,
    DiskInfo? Disk,
    IReadOnlyList<PowerSupply> PowerSupplies,
    ThermalLevel Thermal,
    IReadOnlyList<string> Problems)
{
    /// <summary>The hottest reading of any sensor, °C; NaN when none.</summary>
    public double MaxTempC => Temperatures.Count == 0 ? double.NaN : Temperatures.Max(t => t.TemperatureC);
}

/// <summary>Samples all health readers under one root and applies the thermal policy with its hysteresis state.</summary>
public sealed class HealthMonitor
{
    private readonly TemperatureReader _temperatures;
    private readonly CpuUsageReader _cpu;
    private readonly MemoryReader _memory;
    private readonly DiskReader _disk;
    private readonly PowerSupplyReader _power;
    private readonly ThermalPolicy _policy;
    private ThermalLevel _level = ThermalLevel.Ok;

    /// <param name="root">Root of the /proc and /sys trees ("/" on a device, a temp folder in tests).</param>
    /// <param name="diskPath">A path on the file system whose free space matters (where logs are written).</param>
    public HealthMonitor(ThermalPolicy policy, string root = "/", string diskPath = "/")
    {
        _policy = policy;
        _temperatures = new TemperatureReader(root);
        _cpu = new CpuUsageReader(root);
        _memory = new MemoryReader(root);
        _disk = new DiskReader(diskPath);
        _power = new PowerSupplyReader(root);
    }

    public DeviceHealth Sample(long monoTimeNs)
    {
        var problems = new List<string>();
        IReadOnlyList<TemperatureSensor> temps = _temperatures.Read();
        if (temps.Count == 0) problems.Add("no temperature sensors under /sys/class/thermal or /sys/class/hwmon");
        double cpu = _cpu.ReadPercent();
        MemoryInfo? memory = _memory.Read();
        if (memory is null) problems.Add("memory: /proc/meminfo unreadable or without MemTotal/MemAvailable");
        DiskInfo? disk = _disk.Read();
        if (disk is null) problems.Add("disk: free space unavailable");
        double maxCpu = temps.Where(t => !t.IsGpu).Select(t => t.TemperatureC).DefaultIfEmpty(double.NaN).Max();
        double maxGpu = temps.Where(t => t.IsGpu).Select(t => t.TemperatureC).DefaultIfEmpty(double.NaN).Max();
        var health = new DeviceHealth(monoTimeNs, temps, maxCpu, maxGpu, cpu, _cpu.Cores, memory, disk, _power.Read(), ThermalLevel.Ok, problems);
        _level = _policy.Next(_level, health.MaxTempC);
        return health with { Thermal = _level };
    }
}
