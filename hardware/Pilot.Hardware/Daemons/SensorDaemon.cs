using System.Device.I2c;
using Pilot.Hardware.Devices;
using Pilot.Hardware.Gnss;
using Pilot.Hardware.Imu;

namespace Pilot.Hardware.Daemons;

/// <summary>Rates and retry policy of sensord (ARCHITECTURE.md: IMU ≥ 100 Hz, GNSS 10 Hz).</summary>
/// <param name="ImuRateHz">Read and publish rate of the IMU, Hz.</param>
/// <param name="GnssRateHz">Solution rate asked of the GNSS receiver, Hz.</param>
/// <param name="RetryNs">Wait before probing a missing or lost sensor again, ns.</param>
public sealed record SensorDaemonOptions(double ImuRateHz = 100, double GnssRateHz = 10, long RetryNs = 5_000_000_000)
{
    /// <summary>How the IMU is configured: its output rate at least twice the read rate, so every read sees a fresh sample.</summary>
    public ImuSettings ImuSettings => new(AccelerometerRange.G4, GyroscopeRange.Dps500, 2 * ImuRateHz);
}

/// <summary>
/// sensord: reads the IMU at a fixed rate on its own thread and the GNSS stream on another, handing readings to the
/// sink. A missing or failing sensor is reported in <see cref="SensorStatus"/> and probed again later; nothing a
/// device does (NAK, disappearing, garbage on the serial line) ends the daemon.
/// </summary>
public sealed class SensorDaemon
{
    private readonly DeviceProfile _profile;
    private readonly IReadingSink _sink;
    private readonly IMonotonicClock _clock;
    private readonly Func<I2cConnectionSettings, I2cDevice> _openI2c;
    private readonly Func<string, int, GnssReceiver> _openGnss;
    private readonly SensorDaemonOptions _options;
    private readonly Lock _gate = new();
    private SensorPresence _imu = new(false, "not probed yet"), _gnss = new(false, "not probed yet");
    private readonly Action<GnssFix> _onFix; // one delegate for the life of the daemon, not one per read

    /// <param name="openI2c">Opens an I2C device (I2cDevice.Create on Linux; simulated parts in tests).</param>
    /// <param name="openGnss">Opens the GNSS port at a baud rate (a serial port on Linux).</param>
    public SensorDaemon(DeviceProfile profile, IReadingSink sink, IMonotonicClock clock, Func<I2cConnectionSettings, I2cDevice> openI2c,
        Func<string, int, GnssReceiver> openGnss, SensorDaemonOptions? options = null)
    {
        _profile = profile;
        _sink = sink;
        _clock = clock;
        _openI2c = openI2c;
        _openGnss = openGnss;
        _options = options ?? new SensorDaemonOptions();
        _onFix = OnFix;
    }

    /// <summary>IMU samples published, and read failures survived.</summary>
    public long ImuReadings { get; private set; }
    public long ImuFailures { get; private set; }
    public long GnssFixes { get; private set; }

    public SensorStatus Status
    {
        get { lock (_gate) return new SensorStatus(_clock.NowNs, _imu, _gnss); }
    }

    /// <summary>Runs until <paramref name="cancel"/> fires.</summary>
    public void Run(CancellationToken cancel)
    {
        var gnss = new Thread(() => RunGnss(cancel)) { Name = "sensord-gnss", IsBackground = true };
        gnss.Start();
        RunImu(cancel);
        gnss.Join();
    }

    private void RunImu(CancellationToken cancel)
    {
        var rate = new RateKeeper(_options.ImuRateHz, _clock);
        IImu? imu = null;
        long retryAtNs = long.MinValue;
        try
        {
            while (rate.Wait(cancel))
            {
                long now = _clock.NowNs;
                if (imu is null)
                {
                    if (now < retryAtNs) continue;
                    imu = OpenImu();
                    retryAtNs = now + _options.RetryNs;
                    if (imu is null) continue;
                }
                try
                {
                    ImuReading reading = imu.Read(_clock.NowNs);
                    _sink.OnImu(reading);
                    ImuReadings++;
                }
                catch (IOException e)
                {
                    ImuFailures++;
                    imu.Dispose();
                    imu = null;
                    SetImu(new SensorPresence(false, $"lost: {e.Message}; probing again in {_options.RetryNs / 1e9:F0} s"));
                    retryAtNs = now + _options.RetryNs;
                }
            }
        }
        finally
        {
            imu?.Dispose();
        }
    }

    /// <summary>Probes the profile's candidate locations in order; the first part that identifies itself wins.</summary>
    private IImu? OpenImu()
    {
        if (_profile.Imus.Count == 0)
        {
            SetImu(new SensorPresence(false, $"profile {_profile.Name} has no IMU"));
            return null;
        }
        var failures = new List<string>();
        foreach (ImuLocation location in _profile.Imus)
        {
            try
            {
                IImu imu = ImuProbe.Open(_openI2c(new I2cConnectionSettings(location.Bus, location.Address)), shouldDispose: true, _options.ImuSettings);
                SetImu(new SensorPresence(true, $"{imu.Part} on I2C bus {location.Bus} address 0x{location.Address:X2} at {imu.SampleRateHz:F0} Hz ODR"));
                return imu;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
            {
                failures.Add($"bus {location.Bus} 0x{location.Address:X2}: {e.Message}");
            }
        }
        SetImu(new SensorPresence(false, "no IMU found: " + string.Join("; ", failures)));
        return null;
    }

    private void RunGnss(CancellationToken cancel)
    {
        if (_profile.GnssPort is not string port)
        {
            SetGnss(new SensorPresence(false, $"profile {_profile.Name} has no GNSS port"));
            return;
        }
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                using GnssReceiver receiver = _openGnss(port, _profile.GnssBaud);
                receiver.ConfigureUblox(_options.GnssRateHz);
                SetGnss(new SensorPresence(true, $"{port} at {_profile.GnssBaud} baud"));
                while (!cancel.IsCancellationRequested && receiver.Poll(_onFix)) { }
                if (!cancel.IsCancellationRequested) SetGnss(new SensorPresence(false, $"{port}: stream ended ({receiver.Framer.Stats})"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or ArgumentException)
            {
                SetGnss(new SensorPresence(false, e.Message.Contains(port, StringComparison.Ordinal) ? e.Message : $"{port}: {e.Message}"));
            }
            cancel.WaitHandle.WaitOne(TimeSpan.FromTicks(_options.RetryNs / 100));
        }
    }

    private void OnFix(GnssFix fix)
    {
        GnssFixes++;
        _sink.OnGnss(fix);
    }

    private void SetImu(SensorPresence imu)
    {
        lock (_gate)
        {
            if (imu == _imu) return;
            _imu = imu;
        }
        _sink.OnSensorStatus(Status);
    }

    private void SetGnss(SensorPresence gnss)
    {
        lock (_gate)
        {
            if (gnss == _gnss) return;
            _gnss = gnss;
        }
        _sink.OnSensorStatus(Status);
    }
}
