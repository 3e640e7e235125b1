using Pilot.Hardware.Health;

namespace Pilot.Hardware.Devices;

/// <summary>The family of device Pilot runs on.</summary>
public enum DeviceKind : byte { Pc, RaspberryPi, Jetson, Phone, GenericSbc }

/// <summary>Where an IMU may sit: an I2C bus number and 7-bit address.</summary>
public readonly record struct ImuLocation(int Bus, int Address);

/// <summary>
/// What a kind of device is expected to have and where: IMU candidates, the GNSS serial port, GPIO lines for ignition
/// and the status output, and the thermal policy. Data, not code: a new board is a new row in <see cref="DeviceProfiles"/>.
/// </summary>
/// <param name="GnssBaud">Serial rate, baud (u-blox default 9600; many modules ship at 38400 or 115200).</param>
/// <param name="IgnitionPin">Ignition/wake input, GPIO line number on <paramref name="GpioChip"/>; null when none.</param>
/// <param name="StatusPin">Status LED/relay output line; null when none.</param>
public sealed record DeviceProfile(
    string Name,
    DeviceKind Kind,
    IReadOnlyList<ImuLocation> Imus,
    string? GnssPort,
    int GnssBaud,
    int? GpioChip,
    int? IgnitionPin,
    int? StatusPin,
    ThermalPolicy Thermal)
{
    /// <summary>The model string the device reported (device-tree model, DMI product name), for state output.</summary>
    public string Model { get; init; } = "";
}

/// <summary>The known profiles.</summary>
public static class DeviceProfiles
{
    // MPU-6050/9250 answer at 0x68/0x69 and LSM6DS3 at 0x6A/0x6B; HATs and breakouts use bus 1 on a Raspberry Pi
    // (bus 0 is the HAT EEPROM) and bus 1 (pins 3/5 of the 40-pin header) on a Jetson Nano.
    private static readonly ImuLocation[] HeaderBusImus = [new(1, 0x68), new(1, 0x69), new(1, 0x6A), new(1, 0x6B)];

    /// <summary>A PC or laptop: no sensors, everything else runs (replay, simulation, bench).</summary>
    public static DeviceProfile Pc { get; } = new("pc", DeviceKind.Pc, [], null, 0, null, null, null, ThermalPolicy.Bench);

    /// <summary>Raspberry Pi: GNSS on the primary UART (/dev/serial0), ignition on BCM 17 (pin 11), status on BCM 27 (pin 13).</summary>
    public static DeviceProfile RaspberryPi { get; } = new("raspberry-pi", DeviceKind.RaspberryPi, HeaderBusImus, "/dev/serial0", 9600, 0, 17, 27, ThermalPolicy.Default);

    /// <summary>NVIDIA Jetson: GNSS on the header UART (/dev/ttyTHS1), ignition on line 79 (pin 12), status on line 50 (pin 11) of gpiochip0 (Nano).</summary>
    public static DeviceProfile Jetson { get; } = new("jetson", DeviceKind.Jetson, HeaderBusImus, "/dev/ttyTHS1", 9600, 0, 79, 50, ThermalPolicy.Default);

    /// <summary>A phone: sensors belong to the Android sensor HAL, not to I2C from user space; health readers still run.</summary>
    public static DeviceProfile Phone { get; } = new("phone", DeviceKind.Phone, [], null, 0, null, null, null, ThermalPolicy.Default);

    /// <summary>Another device-tree board: look for an IMU on bus 1 and a GNSS on the first USB serial adapter.</summary>
    public static DeviceProfile GenericSbc { get; } = new("sbc", DeviceKind.GenericSbc, HeaderBusImus, "/dev/ttyUSB0", 9600, 0, null, null, ThermalPolicy.Default);

    public static IReadOnlyList<DeviceProfile> All { get; } = [Pc, RaspberryPi, Jetson, Phone, GenericSbc];

    public static DeviceProfile ByName(string name) =>
        All.FirstOrDefault(p => p.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown device profile '{name}'; known: {string.Join(", ", All.Select(p => p.Name))}", nameof(name));
}
