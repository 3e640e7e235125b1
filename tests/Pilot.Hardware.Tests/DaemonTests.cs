using System.Collections.Concurrent;
using System.Device.I2c;
using System.Diagnostics;
using System.Text.Json;
using Pilot.Hardware.Daemons;
using Pilot.Hardware.Devices;
using Pilot.Hardware.Gnss;
using Pilot.Hardware.Gpio;
using Pilot.Hardware.Health;
using Pilot.Hardware.Imu;
using Pilot.Hardware.Tests.Simulation;
using Pilot.Testing;

namespace Pilot.Hardware.Tests;

public class DaemonTests
{
    /// <summary>Collects everything a daemon publishes and cancels it when a condition holds.</summary>
    private sealed class RecordingSink(Func<RecordingSink, bool> stopWhen, CancellationTokenSource cancel) : IReadingSink
    {
        public ConcurrentQueue<ImuReading> Imu { get; } = new();
        public ConcurrentQueue<GnssFix> Gnss { get; } = new();
        public ConcurrentQueue<SensorStatus> Status { get; } = new();
        public ConcurrentQueue<DeviceState> States { get; } = new();

        public void OnImu(in ImuReading reading) { Imu.Enqueue(reading); Check(); }
        public void OnGnss(in GnssFix fix) { Gnss.Enqueue(fix); Check(); }
        public void OnSensorStatus(SensorStatus status) { Status.Enqueue(status); Check(); }
        public void OnDeviceState(DeviceState state) { States.Enqueue(state); Check(); }

        private void Check()
        {
            if (stopWhen(this)) cancel.Cancel();
        }
    }

    private static DeviceProfile ImuOnly => DeviceProfiles.RaspberryPi with { GnssPort = null };

    [Fact]
    public void Sensord_publishes_monotonic_imu_readings_and_survives_a_device_that_disappears()
    {
        var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sims = new ConcurrentQueue<SimulatedMpu6050>();
        var sink = new RecordingSink(s => s.Imu.Count >= 60 && s.Status.Count(x => x.Imu.Present) >= 2, cancel);
        I2cDevice Open(I2cConnectionSettings at)
        {
            if (at.DeviceAddress != 0x69) throw new IOException($"Error 6 performing I2C data transfer (nothing at 0x{at.DeviceAddress:X2})");
            var sim = new SimulatedMpu6050(address: 0x69) { AccelerationMps2 = new(0, 0, 9.80665f), FreeRunningClock = SystemMonotonicClock.Instance };
            if (sims.IsEmpty) sim.DisappearAfterTransfers = 40; // the first part vanishes mid-run
            sims.Enqueue(sim);
            return sim;
        }
        var daemon = new SensorDaemon(ImuOnly, sink, SystemMonotonicClock.Instance, Open,
            (_, _) => throw new IOException("no GNSS"), new SensorDaemonOptions(ImuRateHz: 200, RetryNs: 20_000_000));
        daemon.Run(cancel.Token);

        Assert.False(cancel.IsCancellationRequested && sink.Imu.Count < 60, "timed out");
        long[] times = sink.Imu.Select(r => r.MonoTimeNs).ToArray();
        Assert.True(times.Zip(times.Skip(1)).All(p => p.Second > p.First));
        Assert.All(sink.Imu, r => Assert.Equal(9.80665f, r.AccelerationMps2.Z, 0.01f));
        SensorStatus[] status = sink.Status.ToArray();
        Assert.Contains(status, s => s.Imu.Present && s.Imu.Detail.Contains("MPU-6050 on I2C bus 1 address 0x69"));
        Assert.Contains(status, s => !s.Imu.Present && s.Imu.Detail.StartsWith("lost: Error 6"));
        Assert.Equal(1, daemon.ImuFailures);
        Assert.True(sims.Count >= 2);
        Assert.True(sims.First().Disposed);
    }

    [Fact]
    public void Sensord_reports_missing_sensors_and_keeps_running()
    {
        var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sink = new RecordingSink(s => s.Status.Count(x => !x.Gnss.Present && x.Gnss.Detail.Contains("not present")) >= 1
                                         && s.Status.Count(x => x.Imu.Detail.StartsWith("no IMU found")) >= 1, cancel);
        var daemon = new SensorDaemon(DeviceProfiles.RaspberryPi, sink, SystemMonotonicClock.Instance,
            at => throw new IOException($"/dev/i2c-{at.BusId} not present"), (port, _) => throw new IOException($"{port} not present"),
            new SensorDaemonOptions(RetryNs: 10_000_000));
        daemon.Run(cancel.Token);
        SensorStatus last = sink.Status.Last(s => s.Imu.Detail.StartsWith("no IMU found"));
        Assert.Contains("bus 1 0x68: /dev/i2c-1 not present", last.Imu.Detail);
        Assert.Contains("bus 1 0x6B", last.Imu.Detail);
        Assert.Empty(sink.Imu);
    }

    /// <summary>Runs <paramref name="body"/> with a socat pseudo-terminal pair: the daemon's serial port and the receiver's end.</summary>
    private static void WithPty(Action<string, string> body)
    {
        string socat = TestData.RequireTool("socat");
        string dir = Directory.CreateTempSubdirectory("pilot-pty-").FullName;
        string device = Path.Combine(dir, "gnss"), receiverEnd = Path.Combine(dir, "receiver");
        using var pty = Process.Start(new ProcessStartInfo(socat, ["-d", $"pty,raw,echo=0,link={device}", $"pty,raw,echo=0,link={receiverEnd}"]) { RedirectStandardError = true })!;
        try
        {
            for (int i = 0; i < 100 && !(File.Exists(device) && File.Exists(receiverEnd)); i++) Thread.Sleep(50);
            body(device, receiverEnd);
        }
        finally
        {
            pty.Kill();
            pty.WaitForExit();
            Directory.Delete(dir, true);
        }
    }

    private static SensorDaemon GnssOnly(string device, RecordingSink sink) =>
        new(DeviceProfiles.Pc with { GnssPort = device, GnssBaud = 115200 }, sink, SystemMonotonicClock.Instance, _ => throw new IOException("no I2C"),
            (port, baud) => GnssReceiver.OpenSerial(port, baud, SystemMonotonicClock.Instance));

    [SkippableFact]
    public void Sensord_reads_nmea_from_a_real_pseudo_terminal() => WithPty((device, receiverEnd) =>
    {
        var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sink = new RecordingSink(s => s.Gnss.Count >= 3, cancel);
        var feed = new Thread(() =>
        {
            using var stream = new FileStream(receiverEnd, FileMode.Open, FileAccess.ReadWrite);
            for (int s = 0; !cancel.IsCancellationRequested && s < 600; s++)
            {
                stream.Write(GnssCaptures.Ascii(GnssCaptures.Epoch($"1015{s / 10 % 60:D2}.{s % 10}0")));
                stream.Write([0xB5, 0x62, 0x00, 0x13, 0x37]); // line noise between epochs
                stream.Flush();
                Thread.Sleep(20);
            }
        });
        feed.Start();
        GnssOnly(device, sink).Run(cancel.Token);
        feed.Join();
        Assert.True(sink.Gnss.Count >= 3, $"{sink.Gnss.Count} fixes; status: {string.Join(" | ", sink.Status.Select(x => x.Gnss.Detail))}");
        GnssFix fix = sink.Gnss.First();
        Assert.Equal(48 + 7.038 / 60, fix.LatitudeDeg, 9);
        Assert.Equal(GnssFixMode.Fix3D, fix.Mode);
        Assert.Contains(sink.Status, s => s.Gnss.Present);
    });

    /// <summary>
    /// A u-blox receiver on the far end of the pty: it waits for sensord's CFG-RATE and CFG-MSG, acknowledges both,
    /// then sends NAV-PVT at the configured period. sensord must ask for 100 ms and NAV-PVT, and publish the UBX fixes.
    /// </summary>
    [SkippableFact]
    public void Sensord_configures_a_ublox_receiver_and_publishes_nav_pvt() => WithPty((device, receiverEnd) =>
    {
        var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var sink = new RecordingSink(s => s.Gnss.Count >= 3, cancel);
        var configuration = new List<byte[]>();
        var receiver = new Thread(() =>
        {
            using var stream = new FileStream(receiverEnd, FileMode.Open, FileAccess.ReadWrite);
            var framer = new GnssStreamReader();
            while (configuration.Count < 2)
            {
                int n = stream.Read(framer.GetWriteSpan());
                if (n == 0) return;
                framer.Advance(n);
                while (framer.TryRead(out ReadOnlySpan<byte> frame) == GnssFrameKind.Ubx)
                {
                    configuration.Add(frame.ToArray());
                    stream.Write(UbxFrame.Build(UbxIds.ClassAck, UbxIds.AckAck, [UbxFrame.Class(frame), UbxFrame.Id(frame)]));
                }
            }
            ushort periodMs = BitConverter.ToUInt16(configuration[0], UbxFrame.HeaderBytes);
            for (int s = 0; !cancel.IsCancellationRequested && s < 300; s++)
            {
                stream.Write(GnssCaptures.NavPvt(latE7: 481173000 + s));
                stream.Flush();
                Thread.Sleep(periodMs);
            }
        });
        receiver.Start();
        GnssOnly(device, sink).Run(cancel.Token);
        receiver.Join();
        Assert.Equal(2, configuration.Count);
        Assert.Equal(UbxConfig.Rate(100), configuration[0]);
        Assert.Equal(UbxConfig.MessageRate(UbxIds.ClassNav, UbxIds.NavPvt, 1), configuration[1]);
        Assert.True(sink.Gnss.Count >= 3, $"{sink.Gnss.Count} fixes");
        Assert.All(sink.Gnss, f => Assert.Equal(GnssSource.Ubx, f.Source));
        Assert.Equal(1.25, sink.Gnss.First().HorizontalAccuracyM, 6);
    });

    [Fact]
    public void Hardwared_state_lists_missing_devices_and_health()
    {
        using var tree = new FakeTree();
        var sink = new RecordingSink(_ => false, new CancellationTokenSource());
        var daemon = new HardwareDaemon(DeviceProfiles.RaspberryPi, sink, new ManualClock(), tree.Root, tree.Root);
        DeviceState state = daemon.Step(5);
        Assert.Equal(5, state.MonoTimeNs);
        Assert.Contains(state.Missing, m => m.StartsWith("imu: /dev/i2c-1 not present"));
        Assert.Contains("gnss: /dev/serial0 not present", state.Missing);
        Assert.Contains(state.Missing, m => m.Contains("no temperature sensors"));
        Assert.Equal(ThermalLevel.Warn, state.Health.Thermal);
        Assert.True(state.MayDrive);
        Assert.Null(state.IgnitionOn);
        Assert.Same(state, Assert.Single(sink.States));
    }

    [Fact]
    public void Hardwared_reads_ignition_and_drives_the_status_output_from_the_thermal_level()
    {
        using var tree = new FakeTree();
        tree.Write("/sys/class/thermal/thermal_zone0/type", "cpu-thermal");
        tree.Write("/sys/class/thermal/thermal_zone0/temp", "100000");
        var driver = new SimulatedGpioDriver();
        var clock = new ManualClock(0);
        using var gpio = new System.Device.Gpio.GpioController(driver);
        using var ignition = new IgnitionInput(gpio, 17, clock, new IgnitionOptions(0, 0), shouldDispose: false);
        using var led = new StatusOutput(gpio, 27, shouldDispose: false);
        var sink = new RecordingSink(_ => false, new CancellationTokenSource());
        var daemon = new HardwareDaemon(DeviceProfiles.RaspberryPi, sink, clock, tree.Root, tree.Root, ignition, led);

        DeviceState off = daemon.Step(clock.NowNs);
        Assert.False(off.IgnitionOn);
        Assert.Equal(StatusPattern.Off, led.Pattern);
        driver.Drive(17, System.Device.Gpio.PinValue.High);
        DeviceState hot = daemon.Step(clock.NowNs);
        Assert.True(hot.IgnitionOn);
        Assert.Equal(ThermalLevel.ReduceLoad, hot.Health.Thermal); // 100 °C: above 96, below 107
        Assert.Equal(StatusPattern.BlinkFast, led.Pattern);
        Assert.True(hot.MayDrive);
        tree.Write("/sys/class/thermal/thermal_zone0/temp", "110000");
        Assert.False(daemon.Step(clock.NowNs).MayDrive);
    }
}
