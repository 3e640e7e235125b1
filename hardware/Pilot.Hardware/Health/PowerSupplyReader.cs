namespace Pilot.Hardware.Health;

/// <summary>One /sys/class/power_supply entry (Documentation/ABI/testing/sysfs-class-power); NaN where not reported.</summary>
/// <param name="VoltageV">voltage_now, V (sysfs: µV).</param>
/// <param name="CurrentA">current_now, A (sysfs: µA).</param>
/// <param name="PowerW">power_now, W (sysfs: µW), else V·A when both are reported.</param>
/// <param name="CapacityPercent">capacity, %.</param>
public readonly record struct PowerSupply(string Name, string Type, bool? Online, string? Status,
    double VoltageV, double CurrentA, double PowerW, double CapacityPercent);

/// <summary>Reads every power supply the board reports (batteries, USB/mains inputs, Raspberry Pi's rpi_poe/hwmon, PMICs).</summary>
public sealed class PowerSupplyReader(string root = "/")
{
    private const double Micro = 1e-6;

    public IReadOnlyList<PowerSupply> Read()
    {
        var supplies = new List<PowerSupply>();
        string dir = SysfsFile.Under(root, "/sys/class/power_supply");
        if (!Directory.Exists(dir)) return supplies;
        foreach (string entry in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
        {
            double volts = Scaled(entry, "voltage_now"), amps = Scaled(entry, "current_now"), watts = Scaled(entry, "power_now");
            if (double.IsNaN(watts) && !double.IsNaN(volts) && !double.IsNaN(amps)) watts = volts * amps;
            long? online = SysfsFile.ReadLong(Path.Combine(entry, "online"));
            long? capacity = SysfsFile.ReadLong(Path.Combine(entry, "capacity"));
            supplies.Add(new PowerSupply(Path.GetFileName(entry), SysfsFile.ReadText(Path.Combine(entry, "type")) ?? "Unknown",
                online is null ? null : online != 0, SysfsFile.ReadText(Path.Combine(entry, "status")),
                volts, amps, watts, capacity ?? double.NaN));
        }
        return supplies;
    }

    private static double Scaled(string entry, string attribute) =>
        SysfsFile.ReadLong(Path.Combine(entry, attribute)) is long v ? v * Micro : double.NaN;
}
