using System.Diagnostics;
using Pilot.Hardware.Health;
using Pilot.Hardware.Tests.Simulation;

namespace Pilot.Hardware.Tests;

public sealed class HealthTests : IDisposable
{
    private readonly FakeTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private void Write(string path, string text) => _tree.Write(path, text);

    private void FakeTree()
    {
        Write("/sys/class/thermal/thermal_zone0/type", "cpu-thermal\n");
        Write("/sys/class/thermal/thermal_zone0/temp", "45312\n");
        Write("/sys/class/thermal/thermal_zone1/type", "GPU-therm\n");
        Write("/sys/class/thermal/thermal_zone1/temp", "52500\n");
        Write("/sys/class/thermal/thermal_zone2/type", "unpopulated\n");
        Write("/sys/class/thermal/thermal_zone2/temp", "-274000\n");
        Write("/sys/class/hwmon/hwmon0/name", "coretemp\n");
        Write("/sys/class/hwmon/hwmon0/temp1_input", "61000\n");
        Write("/sys/class/hwmon/hwmon0/temp1_label", "Package id 0\n");
        Write("/proc/stat", "cpu  100 0 100 700 100 0 0 0 0 0\ncpu0 50 0 50 350 50 0 0 0 0 0\ncpu1 50 0 50 350 50 0 0 0 0 0\nintr 1\n");
        Write("/proc/meminfo", "MemTotal:        4000000 kB\nMemFree:          500000 kB\nMemAvailable:    1000000 kB\n");
        Write("/sys/class/power_supply/BAT0/type", "Battery\n");
        Write("/sys/class/power_supply/BAT0/status", "Discharging\n");
        Write("/sys/class/power_supply/BAT0/voltage_now", "12150000\n");
        Write("/sys/class/power_supply/BAT0/current_now", "1500000\n");
        Write("/sys/class/power_supply/BAT0/capacity", "87\n");
        Write("/sys/class/power_supply/usb/type", "USB\n");
        Write("/sys/class/power_supply/usb/online", "1\n");
    }

    [Fact]
    public void Temperatures_from_thermal_zones_and_hwmon_with_implausible_zones_dropped()
    {
        FakeTree();
        var temps = new TemperatureReader(_tree.Root).Read();
        Assert.Equal(3, temps.Count);
        Assert.Equal(new TemperatureSensor("thermal_zone0", "cpu-thermal", 45.312), temps[0]);
        Assert.True(temps[1].IsGpu);
        Assert.Equal(new TemperatureSensor("hwmon0:Package id 0", "coretemp", 61.0), temps[2]);
    }

    [Fact]
    public void Cpu_use_is_computed_from_proc_stat_deltas()
    {
        FakeTree();
        var cpu = new CpuUsageReader(_tree.Root);
        Assert.True(double.IsNaN(cpu.ReadPercent()));
        Assert.Equal(2, cpu.Cores);
        // +300 busy (user 200, system 100), +100 idle, +0 iowait: 75 % busy.
        Write("/proc/stat", "cpu  300 0 200 800 100 0 0 0 0 0\n");
        Assert.Equal(75.0, cpu.ReadPercent(), 9);
    }

    [Fact]
    public void Memory_disk_and_power_supplies()
    {
        FakeTree();
        MemoryInfo mem = new MemoryReader(_tree.Root).Read()!.Value;
        Assert.Equal(4_000_000L * 1024, mem.TotalBytes);
        Assert.Equal(75.0, mem.UsedPercent, 9);
        var supplies = new PowerSupplyReader(_tree.Root).Read();
        Assert.Equal(2, supplies.Count);
        Assert.Equal(12.15, supplies[0].VoltageV, 9);
        Assert.Equal(12.15 * 1.5, supplies[0].PowerW, 9);
        Assert.Equal(87, supplies[0].CapacityPercent);
        Assert.True(supplies[1].Online);
        Assert.True(double.IsNaN(supplies[1].VoltageV));
        Assert.Null(new MemoryReader(Path.Combine(_tree.Root, "nowhere")).Read());
    }

    [SkippableFact]
    public void Disk_free_space_agrees_with_statvfs_as_stat_reports_it()
    {
        string stat = Pilot.Testing.TestData.RequireTool("stat");
        DiskInfo disk = new DiskReader(_tree.Root).Read()!.Value;
        var psi = new ProcessStartInfo(stat, ["-f", "-c", "%a %S %b", _tree.Root]) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        long[] f = p.StandardOutput.ReadToEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(long.Parse).ToArray();
        p.WaitForExit();
        Assert.Equal(f[1] * f[2], disk.TotalBytes);
        Assert.InRange(disk.FreeBytes, f[0] * f[1] - (64L << 20), f[0] * f[1] + (64L << 20)); // other writers share the disk
    }

    [Fact]
    public void Thermal_policy_has_hysteresis_and_jumps()
    {
        var p = ThermalPolicy.Default;
        Assert.Equal(ThermalLevel.Ok, p.Next(ThermalLevel.Ok, 79.9));
        Assert.Equal(ThermalLevel.Warn, p.Next(ThermalLevel.Ok, 80.5));
        Assert.Equal(ThermalLevel.Warn, p.Next(ThermalLevel.Warn, 76));   // inside the hysteresis
        Assert.Equal(ThermalLevel.Ok, p.Next(ThermalLevel.Warn, 74.9));
        Assert.Equal(ThermalLevel.StopDriving, p.Next(ThermalLevel.Ok, 110));
        Assert.Equal(ThermalLevel.StopDriving, p.Next(ThermalLevel.StopDriving, 95));
        Assert.Equal(ThermalLevel.ReduceLoad, p.Next(ThermalLevel.StopDriving, 93));
        Assert.Equal(ThermalLevel.Ok, p.Next(ThermalLevel.StopDriving, 40));
        Assert.Equal(ThermalLevel.Warn, p.Next(ThermalLevel.Ok, double.NaN));
        Assert.Equal(ThermalLevel.Ok, ThermalPolicy.Bench.Next(ThermalLevel.Warn, double.NaN));
    }

    [Fact]
    public void Monitor_applies_the_policy_to_the_hottest_sensor_and_names_what_is_missing()
    {
        FakeTree();
        Write("/sys/class/thermal/thermal_zone1/temp", "97000\n");
        var monitor = new HealthMonitor(ThermalPolicy.Default, _tree.Root, _tree.Root);
        DeviceHealth h = monitor.Sample(1);
        Assert.Equal(ThermalLevel.ReduceLoad, h.Thermal);
        Assert.Equal(61.0, h.MaxCpuTempC);
        Assert.Equal(97.0, h.MaxGpuTempC);
        Write("/sys/class/thermal/thermal_zone1/temp", "90000\n");
        Assert.Equal(ThermalLevel.ReduceLoad, monitor.Sample(2).Thermal); // 90 °C is above red's exit at 88
        Assert.Empty(monitor.Sample(3).Problems);

        var empty = new HealthMonitor(ThermalPolicy.Default, Path.Combine(_tree.Root, "empty"), _tree.Root).Sample(0);
        Assert.Equal(ThermalLevel.Warn, empty.Thermal);
        Assert.Contains(empty.Problems, p => p.Contains("no temperature sensors"));
        Assert.Contains(empty.Problems, p => p.Contains("/proc/meminfo"));
    }

    [Fact]
    public void Real_proc_and_sys_of_this_machine_give_sane_values()
    {
        var monitor = new HealthMonitor(ThermalPolicy.Default);
        monitor.Sample(0);
        long spin = 0;
        for (var sw = Stopwatch.StartNew(); sw.ElapsedMilliseconds < 100;) spin++;
        DeviceHealth h = monitor.Sample(1);
        Assert.True(spin > 0);
        Assert.InRange(h.CpuUsagePercent, 0, 100);
        Assert.InRange(h.CpuCores, 1, 4096);
        Assert.NotNull(h.Memory);
        Assert.InRange(h.Memory!.Value.TotalBytes, 64L << 20, 64L << 40);
        Assert.InRange(h.Memory!.Value.UsedPercent, 0, 100);
        Assert.NotNull(h.Disk);
        Assert.InRange(h.Disk!.Value.FreeBytes, 0, h.Disk!.Value.TotalBytes);
        foreach (var t in h.Temperatures) Assert.InRange(t.TemperatureC, -60, 200);
        foreach (var s in h.PowerSupplies) Assert.False(string.IsNullOrEmpty(s.Name));
    }
}
