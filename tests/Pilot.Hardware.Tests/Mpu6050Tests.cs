using System.Numerics;
using Pilot.Hardware.Imu;
using Pilot.Hardware.Tests.Simulation;
using R = Pilot.Hardware.Imu.Mpu6050Register;

namespace Pilot.Hardware.Tests;

public class Mpu6050Tests
{
    private const float G = 9.80665f;

    [Fact]
    public void Open_verifies_id_resets_wakes_and_writes_configuration()
    {
        var sim = new SimulatedMpu6050();
        using var imu = new Mpu6050(sim, settings: new ImuSettings(AccelerometerRange.G4, GyroscopeRange.Dps500, 100));
        Assert.Equal("MPU-6050", imu.Part);
        Assert.False(sim.Asleep);
        Assert.Equal(0x01, sim.Peek((byte)R.PWR_MGMT_1));        // CLKSEL = PLL X gyro, SLEEP clear
        Assert.Equal(9, sim.Peek((byte)R.SMPLRT_DIV));            // 1 kHz / (1 + 9) = 100 Hz
        Assert.Equal(3, sim.Peek((byte)R.CONFIG) & 7);            // DLPF 44 Hz, below Nyquist of 100 Hz
        Assert.Equal(1 << 3, sim.Peek((byte)R.ACCEL_CONFIG));     // AFS_SEL = 1
        Assert.Equal(1 << 3, sim.Peek((byte)R.GYRO_CONFIG));      // FS_SEL = 1
        Assert.Equal(100, imu.SampleRateHz);
    }

    [Fact]
    public void Rate_request_rounds_up_to_an_available_rate()
    {
        using var imu = new Mpu6050(new SimulatedMpu6050(), settings: new ImuSettings(SampleRateHz: 150));
        Assert.Equal(1000.0 / 6, imu.SampleRateHz, 6); // SMPLRT_DIV 5
        Assert.Throws<ArgumentOutOfRangeException>(() => imu.Configure(new ImuSettings(SampleRateHz: 2000)));
    }

    [Fact]
    public void Wrong_chip_id_names_expected_and_found_and_leaves_unowned_device_open()
    {
        var sim = new SimulatedMpu6050(whoAmI: 0x12, address: 0x69);
        var e = Assert.Throws<ChipIdMismatchException>(() => new Mpu6050(sim, shouldDispose: false));
        Assert.Equal(0x12, e.Found);
        Assert.Contains("0x12", e.Message);
        Assert.Contains("0x68 (MPU-6050)", e.Message);
        Assert.Contains("0x71 (MPU-9250)", e.Message);
        Assert.Contains("I2C bus 1 address 0x69", e.Message);
        Assert.False(sim.Disposed);
    }

    [Fact]
    public void Burst_read_is_one_transfer_and_converts_to_si_units()
    {
        var sim = new SimulatedMpu6050 { AccelerationMps2 = new(1f, -2f, G), AngularRateRadps = new(0.5f, -1f, 0.25f), TemperatureC = 41.5f };
        using var imu = new Mpu6050(sim);
        imu.Read(0); // the first read after configuration waits for DATA_RDY_INT
        int before = sim.Transfers;
        ImuReading r = imu.Read(123);
        Assert.Equal(before + 1, sim.Transfers);
        Assert.Equal(123, r.MonoTimeNs);
        AssertClose(sim.AccelerationMps2, r.AccelerationMps2, G / 8192);          // 1 LSB at ±4 g
        AssertClose(sim.AngularRateRadps, r.AngularRateRadps, MathF.PI / 180 / 65.5f);
        Assert.Equal(41.5f, r.TemperatureC, 1f / 340);
        Assert.Equal(41.5f, imu.ReadTemperatureC(), 1f / 340);
    }

    [Fact]
    public void Range_bits_change_the_scale_and_saturation_of_samples()
    {
        var sim = new SimulatedMpu6050 { AccelerationMps2 = new(3 * G, 0, 0), AngularRateRadps = new(6f, 0, 0) }; // 3 g, 344 °/s
        using var imu = new Mpu6050(sim, settings: new ImuSettings(AccelerometerRange.G2, GyroscopeRange.Dps250));
        sim.Tick();
        ImuReading narrow = imu.Read(0);
        Assert.Equal(32767f / 16384 * G, narrow.AccelerationMps2.X, 1e-3f);             // clipped at +2 g
        Assert.Equal(32767f / 131 * MathF.PI / 180, narrow.AngularRateRadps.X, 1e-4f);  // clipped at +250 °/s
        imu.Configure(new ImuSettings(AccelerometerRange.G8, GyroscopeRange.Dps1000));
        Assert.Equal(2 << 3, sim.Peek((byte)R.ACCEL_CONFIG));
        sim.Tick();
        ImuReading wide = imu.Read(0);
        Assert.Equal(3 * G, wide.AccelerationMps2.X, G / 4096);
        Assert.Equal(6f, wide.AngularRateRadps.X, MathF.PI / 180 / 32.8f);
    }

    [Fact]
    public void Mpu9250_is_recognised_with_its_temperature_formula()
    {
        var sim = new SimulatedMpu6050(whoAmI: 0x71, tempLsbPerC: 333.87f, tempOffsetC: 21f) { TemperatureC = 50f };
        using var imu = new Mpu6050(sim);
        Assert.Equal("MPU-9250", imu.Part);
        sim.Tick();
        Assert.Equal(50f, imu.ReadTemperatureC(), 1f / 333);
    }

    // ST_OTP for code 100 (AN-MPU-9250A-03): 2620 · 1.01^99 LSB, at ±250 °/s and at ±2 g.
    private static readonly double StOtp100 = 2620 * Math.Pow(1.01, 99);

    [Theory]
    [InlineData(1.0, true)]
    [InlineData(1.4, true)]
    [InlineData(0.3, false)]  // below 0.5 for both
    [InlineData(1.7, false)]  // accelerometer above 1.5
    public void Mpu9250_self_test_divides_the_response_by_st_otp(double ratio, bool passes)
    {
        var sim = new SimulatedMpu6050(whoAmI: 0x71, selfTestCodes: [100, 100, 100, 0], gyroOtpCodes: [100, 100, 100], tempLsbPerC: 333.87f, tempOffsetC: 21f)
        {
            SelfTestGyroLsb = new Vector3(1, 1, 1) * (float)(StOtp100 * ratio),
            SelfTestAccelLsb = new Vector3(1, 1, 1) * (float)(StOtp100 * ratio / 4), // given at ±8 g, applied at ±2 g
        };
        using var imu = new Mpu6050(sim);
        ImuSelfTestResult result = imu.RunSelfTest();
        Assert.Equal(passes, result.Passed);
        Assert.All(result.Axes, a => Assert.Equal(ratio, a.Response, 0.002));
        Assert.Equal(9, sim.Peek((byte)R.SMPLRT_DIV)); // 100 Hz restored
        Assert.Equal(3, sim.Peek((byte)R.CONFIG) & 7);
    }

    [Fact]
    public void Mpu9250_without_otp_codes_uses_the_absolute_limits()
    {
        var sim = new SimulatedMpu6050(whoAmI: 0x71, tempLsbPerC: 333.87f, tempOffsetC: 21f)
        {
            SelfTestGyroLsb = new Vector3(70 * 131, 70 * 131, 50 * 131),        // 70, 70, 50 °/s: z below 60
            SelfTestAccelLsb = new Vector3(1, 1, 1) * (0.300f * 16384 / 4),    // 300 mg
        };
        using var imu = new Mpu6050(sim);
        ImuSelfTestResult result = imu.RunSelfTest();
        Assert.False(result.Passed);
        Assert.Equal(["gyro z"], result.Axes.Where(a => !a.Passed).Select(a => a.Axis));
        Assert.Equal(300, result.Axes[0].Response, 0.5);
    }

    [Fact]
    public void Fifo_returns_whole_samples_oldest_first_stamped_at_the_sample_period()
    {
        var sim = new SimulatedMpu6050 { SampleOnStatusPoll = false };
        using var imu = new Mpu6050(sim, settings: new ImuSettings(SampleRateHz: 100));
        imu.EnableFifo();
        Assert.Equal(0b1111_1000, sim.Peek((byte)R.FIFO_EN));
        for (int i = 0; i < 10; i++)
        {
            sim.AccelerationMps2 = new(i, 0, G);
            sim.Tick();
        }
        Assert.Equal(140, sim.FifoCount);
        var buffer = new ImuReading[32];
        int n = imu.ReadFifo(buffer, 1_000_000_000);
        Assert.Equal(10, n);
        Assert.Equal(0, sim.FifoCount);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(i, buffer[i].AccelerationMps2.X, G / 8192);
            Assert.Equal(1_000_000_000 - (9 - i) * 10_000_000L, buffer[i].MonoTimeNs);
        }
        Assert.Equal(0, imu.FifoOverflows);
    }

    [Fact]
    public void Fifo_overflow_is_counted_and_recovered_by_a_reset()
    {
        var sim = new SimulatedMpu6050 { SampleOnStatusPoll = false };
        using var imu = new Mpu6050(sim);
        imu.EnableFifo();
        sim.Tick(100); // 1400 bytes into a 1024-byte FIFO
        var buffer = new ImuReading[128];
        Assert.Equal(0, imu.ReadFifo(buffer, 0));
        Assert.Equal(1, imu.FifoOverflows);
        Assert.Equal(0, sim.FifoCount);
        sim.Tick(5);
        Assert.Equal(5, imu.ReadFifo(buffer, 0));
        Assert.Equal(G, buffer[4].AccelerationMps2.Z, G / 8192); // aligned again
    }

    [Fact]
    public void Fifo_read_drains_no_more_than_the_destination_holds()
    {
        var sim = new SimulatedMpu6050 { SampleOnStatusPoll = false };
        using var imu = new Mpu6050(sim);
        imu.EnableFifo();
        sim.Tick(40);
        var small = new ImuReading[16];
        Assert.Equal(16, imu.ReadFifo(small, 0));
        Assert.Equal(24 * 14, sim.FifoCount);
        Assert.Throws<InvalidOperationException>(() => new Mpu6050(new SimulatedMpu6050()).ReadFifo(small, 0));
    }

    // Factory trim for code 16 (RM-MPU-6000A §4.1): gyro 25·131·1.046^15, accel 4096·0.34·(0.92/0.34)^(15/30).
    private static readonly double GyroTrim16 = 25 * 131 * Math.Pow(1.046, 15);
    private static readonly double AccelTrim16 = 4096 * 0.34 * Math.Pow(0.92 / 0.34, 0.5);
    private static readonly byte[] Codes16 = [0b100_10000, 0b100_10000, 0b100_10000, 0b00_00_00]; // XA_TEST = 16 = 0b10000

    [Theory]
    [InlineData(1.05, true)]
    [InlineData(0.90, true)]
    [InlineData(1.30, false)]
    [InlineData(0.50, false)]
    public void Self_test_compares_the_response_with_factory_trim(double responseRatio, bool passes)
    {
        var sim = new SimulatedMpu6050(selfTestCodes: Codes16)
        {
            SelfTestGyroLsb = new Vector3(1, -1, 1) * (float)(GyroTrim16 * responseRatio),
            SelfTestAccelLsb = new Vector3(1, 1, 1) * (float)(AccelTrim16 * responseRatio),
            AccelerationMps2 = new(0.1f, 0.2f, G),
        };
        using var imu = new Mpu6050(sim, settings: new ImuSettings(AccelerometerRange.G4, GyroscopeRange.Dps500));
        ImuSelfTestResult result = imu.RunSelfTest();
        Assert.Equal(passes, result.Passed);
        Assert.Equal(6, result.Axes.Count);
        foreach (var axis in result.Axes) Assert.Equal(100 * (responseRatio - 1), axis.Response, 0.2);
        Assert.Equal(1 << 3, sim.Peek((byte)R.ACCEL_CONFIG)); // ±4 g restored, self-test bits clear
        Assert.Equal(1 << 3, sim.Peek((byte)R.GYRO_CONFIG));
    }

    [Fact]
    public void Self_test_fails_an_axis_without_factory_trim()
    {
        using var imu = new Mpu6050(new SimulatedMpu6050(selfTestCodes: [0, 0, 0, 0]));
        ImuSelfTestResult result = imu.RunSelfTest();
        Assert.False(result.Passed);
        Assert.Contains("FAIL", result.ToString());
    }

    [Fact]
    public void Stuck_reset_times_out_naming_the_bit()
    {
        var sim = new SimulatedMpu6050 { ResetDurationReads = int.MaxValue };
        var e = Assert.Throws<DeviceTimeoutException>(() => new Mpu6050(sim));
        Assert.Contains("DEVICE_RESET", e.Message);
        Assert.True(sim.Disposed is false);
    }

    [Fact]
    public void Nak_surfaces_as_the_io_error_of_the_bus()
    {
        var sim = new SimulatedMpu6050 { Nak = true };
        var e = Assert.Throws<IOException>(() => new Mpu6050(sim));
        Assert.Contains("Error 121", e.Message);
    }

    [Fact]
    public void Device_that_disappears_mid_run_throws_io_errors_from_then_on()
    {
        var sim = new SimulatedMpu6050();
        using var imu = new Mpu6050(sim);
        imu.Read(0);
        sim.DisappearAfterTransfers = 3;
        for (int i = 0; i < 3; i++) imu.Read(i);
        Assert.Throws<IOException>(() => imu.Read(3));
        Assert.Throws<IOException>(() => imu.Read(4));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Disposal_follows_ownership(bool shouldDispose)
    {
        var sim = new SimulatedMpu6050();
        new Mpu6050(sim, shouldDispose).Dispose();
        Assert.Equal(shouldDispose, sim.Disposed);
    }

    internal static void AssertClose(Vector3 expected, Vector3 actual, float tolerance)
    {
        Assert.True(Vector3.Distance(expected, actual) <= tolerance * 1.8f, $"expected {expected}, got {actual} (tolerance {tolerance})");
    }
}
