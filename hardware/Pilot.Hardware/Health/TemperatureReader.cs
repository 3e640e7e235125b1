namespace Pilot.Hardware.Health;

/// <summary>One temperature sensor: a thermal zone ("thermal_zone0:cpu-thermal") or a hwmon input ("hwmon1:coretemp:Package id 0").</summary>
/// <param name="TemperatureC">°C.</param>
public readonly record struct TemperatureSensor(string Name, string Type, double TemperatureC)
{
    /// <summary>GPU sensors by the names kernels give them (Jetson "GPU-therm", Qualcomm "gpu*", amdgpu, nouveau).</summary>
    public bool IsGpu => Type.Contains("gpu", StringComparison.OrdinalIgnoreCase) || Type.Contains("amdgpu", StringComparison.OrdinalIgnoreCase)
        || Type.Contains("nouveau", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// Reads temperatures from /sys/class/thermal/thermal_zone*/{type,temp} and /sys/class/hwmon/hwmon*/{name,temp*_input,temp*_label}
/// (Documentation/driver-api/thermal/sysfs-api.rst, Documentation/hwmon/sysfs-interface.rst): both in millidegrees Celsius.
/// </summary>
public sealed class TemperatureReader(string root = "/")
{
    private const double MinPlausibleC = -60, MaxPlausibleC = 200; // outside this a zone is misreporting (unpopulated sensor)

    public IReadOnlyList<TemperatureSensor> Read()
    {
        var sensors = new List<TemperatureSensor>();
        string thermal = SysfsFile.Under(root, "/sys/class/thermal");
        if (Directory.Exists(thermal))
            foreach (string zone in Directory.EnumerateDirectories(thermal, "thermal_zone*").Order(StringComparer.Ordinal))
                Add(sensors, Path.GetFileName(zone), SysfsFile.ReadText(Path.Combine(zone, "type")) ?? "", Path.Combine(zone, "temp"));
        string hwmon = SysfsFile.Under(root, "/sys/class/hwmon");
        if (Directory.Exists(hwmon))
            foreach (string dir in Directory.EnumerateDirectories(hwmon, "hwmon*").Order(StringComparer.Ordinal))
            {
                string chip = SysfsFile.ReadText(Path.Combine(dir, "name")) ?? "";
                foreach (string input in Directory.EnumerateFiles(dir, "temp*_input").Order(StringComparer.Ordinal))
                {
                    string label = SysfsFile.ReadText(input.Replace("_input", "_label", StringComparison.Ordinal)) ?? Path.GetFileName(input);
                    Add(sensors, $"{Path.GetFileName(dir)}:{label}", chip, input);
                }
            }
        return sensors;
    }

    private static void Add(List<TemperatureSensor> sensors, string name, string type, string path)
    {
        long? milli = SysfsFile.ReadLong(path);
        if (milli is null) return;
        double c = milli.Value / 1000.0;
        if (c is >= MinPlausibleC and <= MaxPlausibleC) sensors.Add(new TemperatureSensor(name, type, c));
    }
}
