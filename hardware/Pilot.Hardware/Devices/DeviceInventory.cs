namespace Pilot.Hardware.Devices;

/// <summary>One thing a profile expects or the system offers, and whether it is there.</summary>
public readonly record struct DeviceItem(string Kind, string Name, bool Present, string Detail);

/// <summary>
/// What is actually on the device, checked against the profile: I2C buses of the IMU candidates, the GNSS serial
/// port, the GPIO chip, cameras (/dev/video*, /sys/class/video4linux/*/name) and CAN interfaces (/sys/class/net/*/type
/// = 280, ARPHRD_CAN). Missing expected items are listed in words for deviceState.
/// </summary>
public sealed record DeviceInventory(DeviceProfile Profile, IReadOnlyList<DeviceItem> Items)
{
    private const string ArphrdCan = "280"; // include/uapi/linux/if_arp.h

    public IEnumerable<DeviceItem> Missing => Items.Where(i => !i.Present);

    /// <summary>Lines such as "imu: /dev/i2c-1 not present (raspberry-pi expects an IMU at 0x68, 0x69, 0x6A, 0x6B)".</summary>
    public IReadOnlyList<string> MissingDescriptions => Missing.Select(i => $"{i.Kind}: {i.Detail}").ToList();

    public static DeviceInventory Scan(DeviceProfile profile, string root = "/")
    {
        var items = new List<DeviceItem>();
        if (profile.Imus.Count == 0)
            items.Add(new("imu", "none", false, $"profile {profile.Name} has no IMU"));
        foreach (var bus in profile.Imus.GroupBy(i => i.Bus))
        {
            string dev = $"/dev/i2c-{bus.Key}";
            bool present = File.Exists(SysfsFile.Under(root, dev)) || Directory.Exists(SysfsFile.Under(root, $"/sys/class/i2c-dev/i2c-{bus.Key}"));
            string addresses = string.Join(", ", bus.Select(i => $"0x{i.Address:X2}"));
            items.Add(new("imu", dev, present, present ? $"{dev} present, IMU probed at {addresses}"
                : $"{dev} not present ({profile.Name} expects an IMU at {addresses}; enable I2C)"));
        }
        if (profile.GnssPort is null)
            items.Add(new("gnss", "none", false, $"profile {profile.Name} has no GNSS port"));
        else
        {
            bool present = File.Exists(SysfsFile.Under(root, profile.GnssPort));
            items.Add(new("gnss", profile.GnssPort, present, present ? $"{profile.GnssPort} at {profile.GnssBaud} baud" : $"{profile.GnssPort} not present"));
        }
        if (profile.GpioChip is int chip)
        {
            string dev = $"/dev/gpiochip{chip}";
            bool present = File.Exists(SysfsFile.Under(root, dev));
            items.Add(new("gpio", dev, present, present ? $"{dev} (ignition line {profile.IgnitionPin}, status line {profile.StatusPin})" : $"{dev} not present"));
        }
        else items.Add(new("gpio", "none", false, $"profile {profile.Name} has no ignition input"));
        items.AddRange(Cameras(root));
        items.AddRange(CanInterfaces(root));
        return new DeviceInventory(profile, items);
    }

    private static IEnumerable<DeviceItem> Cameras(string root)
    {
        string dir = SysfsFile.Under(root, "/sys/class/video4linux");
        if (!Directory.Exists(dir)) yield break;
        foreach (string video in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(video);
            string? label = SysfsFile.ReadText(Path.Combine(video, "name"));
            yield return new("camera", "/dev/" + name, true, label ?? name);
        }
    }

    private static IEnumerable<DeviceItem> CanInterfaces(string root)
    {
        string dir = SysfsFile.Under(root, "/sys/class/net");
        if (!Directory.Exists(dir)) yield break;
        foreach (string net in Directory.EnumerateDirectories(dir).Order(StringComparer.Ordinal))
            if (SysfsFile.ReadText(Path.Combine(net, "type")) == ArphrdCan)
                yield return new("can", Path.GetFileName(net), true, $"operstate {SysfsFile.ReadText(Path.Combine(net, "operstate")) ?? "unknown"}");
    }
}
