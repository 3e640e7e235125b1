using Pilot.Capnp;
using Pilot.Hardware.Health;
using Pilot.Hardware.Imu;
using Pilot.Messaging.Events;
using Pilot.Messaging.PubSub;
using EventDeviceState = Pilot.Messaging.Events.DeviceState;

namespace Pilot.Hardware.Daemons;

/// <summary>
/// Publishes the daemons' output as Events: IMU samples as <c>accelerometer</c> and <c>gyroscope</c>, fixes as
/// <c>gnssLocation</c>, hardwared's state as <c>deviceState</c> (with every expected device, present or not, and why),
/// and sensord's sensor status as a <c>logMessage</c> when it changes. IMU axes are published as the device's: the
/// profiles mount the part aligned with the device. One message buffer per service, reused; calls are serialised.
/// </summary>
public sealed class BusSink : IReadingSink, IDisposable
{
    /// <summary>The services this sink publishes (for <see cref="PubMaster"/>).</summary>
    public static readonly string[] Services = ["accelerometer", "gyroscope", "gnssLocation", "deviceState", "logMessage"];

    private readonly PubMaster _pub;
    private readonly bool _ownsPub;
    private readonly object _gate = new();
    private readonly MessageBuilder _message = new();

    /// <param name="pub">Where to publish; created for <see cref="Services"/> on the default bus when null.</param>
    public BusSink(PubMaster? pub = null)
    {
        _ownsPub = pub is null;
        _pub = pub ?? new PubMaster(Services);
    }

    public void OnImu(in ImuReading reading)
    {
        lock (_gate)
        {
            var acc = Root().InitAccelerometer();
            acc.SetSensorTimestamp((ulong)reading.MonoTimeNs);
            acc.SetX(reading.AccelerationMps2.X);
            acc.SetY(reading.AccelerationMps2.Y);
            acc.SetZ(reading.AccelerationMps2.Z);
            acc.SetTemperatureC(reading.TemperatureC);
            _pub.Send("accelerometer", _message);
            var gyro = Root().InitGyroscope();
            gyro.SetSensorTimestamp((ulong)reading.MonoTimeNs);
            gyro.SetX(reading.AngularRateRadps.X);
            gyro.SetY(reading.AngularRateRadps.Y);
            gyro.SetZ(reading.AngularRateRadps.Z);
            _pub.Send("gyroscope", _message);
        }
    }

    public void OnGnss(in Gnss.GnssFix fix)
    {
        lock (_gate)
        {
            var g = Root().InitGnssLocation();
            g.SetHasFix(fix.HasFix);
            g.SetLatitudeDeg(fix.LatitudeDeg);
            g.SetLongitudeDeg(fix.LongitudeDeg);
            g.SetAltitude(fix.AltitudeMslM);
            g.SetSpeed((float)fix.SpeedMps);
            g.SetBearingDeg((float)fix.BearingDeg);
            g.SetHorizontalAccuracy((float)fix.HorizontalAccuracyM);
            g.SetVerticalAccuracy((float)fix.VerticalAccuracyM);
            g.SetSpeedAccuracy((float)fix.SpeedAccuracyMps);
            g.SetUnixTimestampMillis(fix.UnixTimeMs);
            g.SetSatelliteCount((byte)Math.Clamp(fix.SatellitesUsed, 0, 255));
            g.SetSource(fix.Source.ToString().ToLowerInvariant());
            _pub.Send("gnssLocation", _message, valid: fix.HasFix);
        }
    }

    public void OnSensorStatus(SensorStatus status)
    {
        lock (_gate)
        {
            var log = Root().InitLogMessage();
            bool healthy = status.Imu.Present && status.Gnss.Present;
            log.SetLevel(healthy ? LogMessage.Level.Info : LogMessage.Level.Warning);
            log.SetSource("sensord");
            log.SetMessage($"imu: {Describe(status.Imu)}; gnss: {Describe(status.Gnss)}");
            _pub.Send("logMessage", _message);
        }
    }

    public void OnDeviceState(DeviceState state)
    {
        lock (_gate)
        {
            var d = Root().InitDeviceState();
            var health = state.Health;
            if (health.Disk is { } disk) d.SetFreeSpacePercent((float)disk.FreePercent);
            if (health.Memory is { } memory) d.SetMemoryUsagePercent((float)memory.UsedPercent);
            var cpu = d.InitCpuUsagePercent(1);
            cpu[0] = (float)health.CpuUsagePercent;
            var cpuTemps = health.Temperatures.Where(t => !t.IsGpu).ToList();
            var gpuTemps = health.Temperatures.Where(t => t.IsGpu).ToList();
            var cpuList = d.InitCpuTempC(cpuTemps.Count);
            for (int i = 0; i < cpuTemps.Count; i++) cpuList[i] = (float)cpuTemps[i].TemperatureC;
            var gpuList = d.InitGpuTempC(gpuTemps.Count);
            for (int i = 0; i < gpuTemps.Count; i++) gpuList[i] = (float)gpuTemps[i].TemperatureC;
            d.SetMaxTempC((float)health.MaxTempC);
            d.SetThermalStatus(health.Thermal switch
            {
                ThermalLevel.Ok => EventDeviceState.ThermalStatus.Green,
                ThermalLevel.Warn => EventDeviceState.ThermalStatus.Yellow,
                ThermalLevel.ReduceLoad => EventDeviceState.ThermalStatus.Red,
                _ => EventDeviceState.ThermalStatus.Danger,
            });
            d.SetPowerDraw((float)health.PowerSupplies.Where(p => double.IsFinite(p.PowerW)).Sum(p => p.PowerW));
            d.SetStarted(state.IgnitionOn ?? false);
            var devices = d.InitDevices(state.Devices.Count);
            for (int i = 0; i < state.Devices.Count; i++)
            {
                var item = state.Devices[i];
                devices[i].SetName(item.Name);
                devices[i].SetPresent(item.Present);
                devices[i].SetDetail(item.Detail);
            }
            // The state is valid (trustworthy for other processes) only when nothing the profile expects is missing.
            _pub.Send("deviceState", _message, valid: state.Missing.Count == 0);
        }
    }

    private Event.Builder Root()
    {
        _message.Reset();
        return new Event.Builder(_message.InitRoot(Event.Builder.DataWords, Event.Builder.PointerCount));
    }

    private static string Describe(SensorPresence p) => p.Present ? "present" : $"missing ({p.Detail})";

    public void Dispose()
    {
        if (_ownsPub) _pub.Dispose();
    }
}
