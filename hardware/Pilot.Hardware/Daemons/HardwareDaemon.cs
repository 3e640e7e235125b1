using Pilot.Hardware.Devices;
using Pilot.Hardware.Gpio;
using Pilot.Hardware.Health;

namespace Pilot.Hardware.Daemons;

/// <summary>
/// hardwared: every 500 ms (deviceState at 2 Hz, ARCHITECTURE.md) samples health, applies the thermal policy, reads
/// the debounced ignition, drives the status output, and publishes a <see cref="DeviceState"/> that lists what the
/// profile expects but the device lacks. The inventory is rescanned every <see cref="InventoryRescanNs"/>, so a
/// device plugged in later appears.
/// </summary>
public sealed class HardwareDaemon
{
    public const double RateHz = 2;
    public const int TicksPerState = 4; // the loop ticks at 8 Hz so ignition is polled and the 4 Hz blink is drawn; state goes out every 4th tick
    public const long InventoryRescanNs = 10_000_000_000; // sysfs scans are cheap but not free; devices rarely come and go

    private readonly DeviceProfile _profile;
    private readonly IReadingSink _sink;
    private readonly IMonotonicClock _clock;
    private readonly HealthMonitor _health;
    private readonly string _root;
    private readonly IgnitionInput? _ignition;
    private readonly StatusOutput? _status;
    private DeviceInventory? _inventory;
    private long _inventoryAtNs;
    private DeviceState? _last;

    /// <param name="root">Root of /proc, /sys and /dev ("/" on a device).</param>
    /// <param name="ignition">The ignition input, when the device has one (the daemon does not own it).</param>
    /// <param name="status">The status output, when the device has one (the daemon does not own it).</param>
    public HardwareDaemon(DeviceProfile profile, IReadingSink sink, IMonotonicClock clock, string root = "/", string diskPath = "/",
        IgnitionInput? ignition = null, StatusOutput? status = null)
    {
        _profile = profile;
        _sink = sink;
        _clock = clock;
        _root = root;
        _health = new HealthMonitor(profile.Thermal, root, diskPath);
        _ignition = ignition;
        _status = status;
    }

    public long Published { get; private set; }

    public void Run(CancellationToken cancel)
    {
        var rate = new RateKeeper(RateHz * TicksPerState, _clock);
        long tick = 0;
        do
        {
            long now = _clock.NowNs;
            if (tick++ % TicksPerState == 0) Step(now);
            else DriveOutputs(now, _last?.Health.Thermal ?? ThermalLevel.Ok);
        }
        while (rate.Wait(cancel));
    }

    /// <summary>One cycle at <paramref name="nowNs"/>: sample, decide, publish.</summary>
    public DeviceState Step(long nowNs)
    {
        if (_inventory is null || nowNs - _inventoryAtNs >= InventoryRescanNs)
        {
            _inventory = DeviceInventory.Scan(_profile, _root);
            _inventoryAtNs = nowNs;
        }
        DeviceHealth health = _health.Sample(nowNs);
        bool? ignition = DriveOutputs(nowNs, health.Thermal);
        var missing = _inventory.MissingDescriptions.Concat(health.Problems).ToList();
        var state = new DeviceState(nowNs, _profile.Name, _profile.Model, health, ignition, missing, _inventory.Items);
        _sink.OnDeviceState(state);
        _last = state;
        Published++;
        return state;
    }

    /// <summary>Polls ignition and draws the status pattern: off with ignition off, else on / slow / fast blink by thermal level.</summary>
    private bool? DriveOutputs(long nowNs, ThermalLevel thermal)
    {
        bool? ignition = _ignition?.Poll();
        if (_status is null) return ignition;
        _status.Pattern = ignition == false ? StatusPattern.Off : thermal switch
        {
            ThermalLevel.Ok => StatusPattern.On,
            ThermalLevel.Warn => StatusPattern.BlinkSlow,
            _ => StatusPattern.BlinkFast,
        };
        _status.Update(nowNs);
        return ignition;
    }
}
