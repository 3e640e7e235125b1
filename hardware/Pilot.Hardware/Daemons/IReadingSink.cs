using Pilot.Hardware.Devices;
using Pilot.Hardware.Gnss;
using Pilot.Hardware.Health;
using Pilot.Hardware.Imu;

namespace Pilot.Hardware.Daemons;

/// <summary>
/// Where the daemons hand their output: the seam to the messaging layer. A pub/sub sink maps these to the events of
/// ARCHITECTURE.md (accelerometer/gyroscope, gpsLocation, deviceState); the CLI's sink prints JSON lines.
/// Implementations must be thread-safe: sensord calls from its IMU and GNSS threads.
/// </summary>
public interface IReadingSink
{
    void OnImu(in ImuReading reading);

    void OnGnss(in GnssFix fix);

    /// <summary>Which sensors sensord has, on start and whenever that changes.</summary>
    void OnSensorStatus(SensorStatus status);

    /// <summary>hardwared's 2 Hz state.</summary>
    void OnDeviceState(DeviceState state);
}

/// <summary>Whether one sensor is working, and in words why not.</summary>
public readonly record struct SensorPresence(bool Present, string Detail);

/// <summary>sensord's view of its sensors.</summary>
public sealed record SensorStatus(long MonoTimeNs, SensorPresence Imu, SensorPresence Gnss);

/// <summary>hardwared's output: health, thermal level, ignition, and the devices the profile expects but lacks.</summary>
/// <param name="IgnitionOn">Debounced ignition; null when the device has no ignition input.</param>
/// <param name="Missing">Expected devices that are absent and health readers that found nothing, in words.</param>
public sealed record DeviceState(long MonoTimeNs, string Profile, string Model, DeviceHealth Health, bool? IgnitionOn,
    IReadOnlyList<string> Missing, IReadOnlyList<DeviceItem> Devices)
{
    /// <summary>Other daemons may drive only while this holds (controlsd also checks everything else).</summary>
    public bool MayDrive => Health.Thermal < ThermalLevel.StopDriving;
}
