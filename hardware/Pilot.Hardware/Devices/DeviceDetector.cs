namespace Pilot.Hardware.Devices;

/// <summary>
/// Decides which profile applies: <c>PILOT_DEVICE</c> names one outright; else the device-tree model
/// (/proc/device-tree/model, NUL-terminated) identifies Raspberry Pi and Jetson boards; Android is recognised by
/// /system/build.prop; anything else is a PC. Every path is read under a root so tests can use a fake tree.
/// </summary>
public static class DeviceDetector
{
    public const string ProfileVariable = "PILOT_DEVICE";

    public static DeviceProfile Detect(string root = "/", Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        string? forced = environment(ProfileVariable);
        string model = ReadModel(root);
        if (!string.IsNullOrWhiteSpace(forced)) return DeviceProfiles.ByName(forced.Trim()) with { Model = model };
        DeviceProfile profile =
            model.Contains("Raspberry Pi", StringComparison.OrdinalIgnoreCase) ? DeviceProfiles.RaspberryPi
            : model.Contains("Jetson", StringComparison.OrdinalIgnoreCase) ? DeviceProfiles.Jetson
            : File.Exists(Path.Combine(root, "system/build.prop")) ? DeviceProfiles.Phone
            : Directory.Exists(Path.Combine(root, "proc/device-tree")) ? DeviceProfiles.GenericSbc
            : DeviceProfiles.Pc;
        return profile with { Model = model };
    }

    /// <summary>The device-tree model, else the DMI product name (PCs), else "".</summary>
    public static string ReadModel(string root)
    {
        foreach (string path in new[] { "proc/device-tree/model", "sys/firmware/devicetree/base/model", "sys/class/dmi/id/product_name" })
        {
            string full = Path.Combine(root, path);
            try
            {
                if (File.Exists(full)) return File.ReadAllText(full).TrimEnd('\0', '\n', ' ');
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return "";
    }
}
