using Pilot.Hardware.Devices;
using Pilot.Hardware.Tests.Simulation;

namespace Pilot.Hardware.Tests;

public sealed class DeviceTests : IDisposable
{
    private readonly FakeTree _tree = new();

    public void Dispose() => _tree.Dispose();

    private void Write(string path, string text) => _tree.Write(path, text);

    [Theory]
    [InlineData("Raspberry Pi 4 Model B Rev 1.4\0", "raspberry-pi")]
    [InlineData("NVIDIA Jetson Nano Developer Kit\0", "jetson")]
    [InlineData("Pine64 RockPro64 v2.1\0", "sbc")]
    public void Device_tree_model_selects_the_profile(string model, string profile)
    {
        Write("/proc/device-tree/model", model);
        DeviceProfile p = DeviceDetector.Detect(_tree.Root, _ => null);
        Assert.Equal(profile, p.Name);
        Assert.Equal(model.TrimEnd('\0'), p.Model);
    }

    [Fact]
    public void No_device_tree_is_a_pc_and_the_environment_overrides()
    {
        Write("/sys/class/dmi/id/product_name", "ThinkPad X1 Carbon\n");
        DeviceProfile pc = DeviceDetector.Detect(_tree.Root, _ => null);
        Assert.Equal(DeviceKind.Pc, pc.Kind);
        Assert.Empty(pc.Imus);
        Assert.Equal("ThinkPad X1 Carbon", pc.Model);
        Assert.Equal("jetson", DeviceDetector.Detect(_tree.Root, v => v == DeviceDetector.ProfileVariable ? "Jetson" : null).Name);
        var e = Assert.Throws<ArgumentException>(() => DeviceDetector.Detect(_tree.Root, _ => "toaster"));
        Assert.Contains("raspberry-pi", e.Message);
    }

    [Fact]
    public void Inventory_lists_present_and_missing_devices()
    {
        Write("/dev/i2c-1", "");
        Write("/dev/gpiochip0", "");
        Write("/sys/class/net/can0/type", "280\n");
        Write("/sys/class/net/can0/operstate", "up\n");
        Write("/sys/class/net/eth0/type", "1\n");
        Write("/sys/class/video4linux/video0/name", "unicam\n");
        var inventory = DeviceInventory.Scan(DeviceProfiles.RaspberryPi, _tree.Root);
        Assert.Contains(inventory.Items, i => i is { Kind: "imu", Present: true, Name: "/dev/i2c-1" });
        Assert.Contains(inventory.Items, i => i is { Kind: "can", Name: "can0", Present: true });
        Assert.DoesNotContain(inventory.Items, i => i.Name == "eth0");
        Assert.Contains(inventory.Items, i => i is { Kind: "camera", Detail: "unicam" });
        string gnss = Assert.Single(inventory.MissingDescriptions);
        Assert.Equal("gnss: /dev/serial0 not present", gnss);

        var pc = DeviceInventory.Scan(DeviceProfiles.Pc, _tree.Root);
        Assert.Contains("imu: profile pc has no IMU", pc.MissingDescriptions);
    }
}
