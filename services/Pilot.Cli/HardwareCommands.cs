using System.CommandLine;
using System.Device.Gpio;
using System.Device.I2c;
using Pilot.Hardware;
using Pilot.Hardware.Daemons;
using Pilot.Hardware.Devices;
using Pilot.Hardware.Gnss;
using Pilot.Hardware.Gpio;

namespace Pilot.Cli;

/// <summary><c>pilot hardware detect|sensors|health</c>: the device abstraction, sensord and hardwared, printing JSON lines.</summary>
internal static class HardwareCommands
{
    public static Command Create()
    {
        var group = new Command("hardware", "Device detection, sensord (IMU, GNSS) and hardwared (deviceState) printing JSON lines.");
        group.Subcommands.Add(Detect());
        group.Subcommands.Add(Sensors());
        group.Subcommands.Add(Health());
        return group;
    }

    private static readonly Option<string?> ProfileOption = new("--profile") { Description = "Device profile (pc, raspberry-pi, jetson, phone, sbc); default: detected, or $PILOT_DEVICE." };
    private static readonly Option<bool> PublishOption = new("--publish")
        { Description = "Publish the services on the bus (accelerometer, gyroscope, gnssLocation, deviceState, logMessage) instead of printing JSON lines." };
    private static readonly Option<double> DurationOption = new("--duration") { Description = "Seconds to run; 0 runs until Ctrl+C.", DefaultValueFactory = _ => 0 };

    private static DeviceProfile Profile(ParseResult r) =>
        r.GetValue(ProfileOption) is string name ? DeviceProfiles.ByName(name) with { Model = DeviceDetector.ReadModel("/") } : DeviceDetector.Detect();

    private static Command Detect()
    {
        var cmd = new Command("detect", "Print the detected profile and what is present or missing.");
        cmd.Options.Add(ProfileOption);
        cmd.SetAction(r =>
        {
            DeviceProfile profile = Profile(r);
            var inventory = DeviceInventory.Scan(profile);
            Console.WriteLine($"profile {profile.Name} ({profile.Kind}), model \"{profile.Model}\"");
            foreach (DeviceItem item in inventory.Items)
                Console.WriteLine($"  {(item.Present ? "present" : "MISSING"),-8} {item.Kind,-7} {item.Name,-16} {item.Detail}");
            return 0;
        });
        return cmd;
    }

    private static Command Sensors()
    {
        var imuEvery = new Option<int>("--imu-every") { Description = "Print every n-th IMU reading.", DefaultValueFactory = _ => 1 };
        var cmd = new Command("sensors", "Run sensord: IMU at 100 Hz, GNSS at 10 Hz; JSON lines on stdout.");
        cmd.Options.Add(ProfileOption);
        cmd.Options.Add(DurationOption);
        cmd.Options.Add(imuEvery);
        cmd.Options.Add(PublishOption);
        cmd.SetAction(r =>
        {
            DeviceProfile profile = Profile(r);
            var clock = SystemMonotonicClock.Instance;
            using var stdout = Console.OpenStandardOutput();
            var sink = Sink(r, stdout, r.GetValue(imuEvery));
            using var owner = (IDisposable)sink;
            var daemon = new SensorDaemon(profile, sink, clock, OpenI2c, (port, baud) =>
                File.Exists(port) ? GnssReceiver.OpenSerial(port, baud, clock) : throw new IOException($"{port} not present"));
            using var cancel = Cancellation(r.GetValue(DurationOption));
            daemon.Run(cancel.Token);
            Console.Error.WriteLine($"sensord: {daemon.ImuReadings} IMU readings, {daemon.ImuFailures} IMU failures, {daemon.GnssFixes} GNSS fixes");
            return 0;
        });
        return cmd;
    }

    /// <summary>The daemons' output: Events on the bus with --publish, else JSON lines on stdout. Both sinks own a
    /// resource (a publisher, a writer), so the caller disposes what it gets.</summary>
    private static IReadingSink Sink(ParseResult r, Stream stdout, int imuEvery) =>
        r.GetValue(PublishOption) ? new BusSink() : new JsonLinesSink(stdout, imuEvery);

    private static Command Health()
    {
        var root = new Option<string>("--root") { Description = "Root of /proc, /sys and /dev (for a captured tree).", DefaultValueFactory = _ => "/" };
        var disk = new Option<string>("--disk") { Description = "Path whose file system's free space is reported.", DefaultValueFactory = _ => "/" };
        var cmd = new Command("health", "Run hardwared: deviceState at 2 Hz (health, thermal policy, ignition, missing devices); JSON lines.");
        cmd.Options.Add(ProfileOption);
        cmd.Options.Add(DurationOption);
        cmd.Options.Add(root);
        cmd.Options.Add(disk);
        cmd.Options.Add(PublishOption);
        cmd.SetAction(r =>
        {
            DeviceProfile profile = Profile(r);
            var clock = SystemMonotonicClock.Instance;
            using var stdout = Console.OpenStandardOutput();
            var sink = Sink(r, stdout, imuEvery: 1);
            using var owner = (IDisposable)sink;
            (GpioController? gpio, IgnitionInput? ignition, StatusOutput? status) = OpenGpio(profile, clock);
            try
            {
                var daemon = new HardwareDaemon(profile, sink, clock, r.GetValue(root)!, r.GetValue(disk)!, ignition, status);
                using var cancel = Cancellation(r.GetValue(DurationOption));
                daemon.Run(cancel.Token);
            }
            finally
            {
                ignition?.Dispose();
                status?.Dispose();
                gpio?.Dispose();
            }
            return 0;
        });
        return cmd;
    }

    /// <summary>Opens an I2C device, saying plainly when the bus itself is absent.</summary>
    private static I2cDevice OpenI2c(I2cConnectionSettings settings)
    {
        string bus = $"/dev/i2c-{settings.BusId}";
        if (!File.Exists(bus)) throw new IOException($"{bus} not present (I2C disabled or no such bus)");
        return I2cDevice.Create(settings);
    }

    /// <summary>Ignition input and status output on the profile's GPIO chip (the caller owns the controller); absent ones are reported by the inventory.</summary>
    private static (GpioController?, IgnitionInput?, StatusOutput?) OpenGpio(DeviceProfile profile, IMonotonicClock clock)
    {
        if (profile.GpioChip is not int chip || !File.Exists($"/dev/gpiochip{chip}")) return (null, null, null);
        try
        {
            var controller = new GpioController();
            IgnitionInput? ignition = profile.IgnitionPin is int pin ? new IgnitionInput(controller, pin, clock, shouldDispose: false) : null;
            StatusOutput? status = profile.StatusPin is int led ? new StatusOutput(controller, led, shouldDispose: false) : null;
            return (controller, ignition, status);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or PlatformNotSupportedException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"hardwared: GPIO unavailable on /dev/gpiochip{chip}: {e.Message}");
            return (null, null, null);
        }
    }

    private static CancellationTokenSource Cancellation(double seconds)
    {
        var cts = seconds > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(seconds)) : new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        return cts;
    }
}
