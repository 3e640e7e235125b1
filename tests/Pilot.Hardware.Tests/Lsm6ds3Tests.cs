using System.Numerics;
using Pilot.Hardware.Imu;
using Pilot.Hardware.Tests.Simulation;
using R = Pilot.Hardware.Imu.Lsm6ds3Register;

namespace Pilot.Hardware.Tests;

public class Lsm6ds3Tests
{
    private const float G = 9.80665f;

    [Fact]
    public void Open_verifies_id_resets_and_writes_configuration()
    {
        var sim = new SimulatedLsm6ds3();
        using var imu = new Lsm6ds3(sim, settings: new ImuSettings(AccelerometerRange.G4, GyroscopeRange.Dps500, 100));
        Assert.Equal("LSM6DS3", imu.Part);
        Assert.Equal(0x48, sim.Peek((byte)R.CTRL1_XL)); // ODR 104 Hz (0100), FS_XL ±4 g (10)
        Assert.Equal(0x44, sim.Peek((byte)R.CTRL2_G));  // ODR 104 Hz, FS_G 500 °/s (01)
        Assert.Equal(0x44, sim.Peek((byte)R.CTRL3_C));  // BDU | IF_INC
        Assert.Equal(104, imu.SampleRateHz);
    }

    [Fact]
    public void Wrong_chip_id_names_expected_and_found()
    {
        var e = Assert.Throws<ChipIdMismatchException>(() => new Lsm6ds3(new SimulatedLsm6ds3(whoAmI: 0x6C)));
        Assert.Contains("read 0x6C", e.Message);
        Assert.Contains("0x69 (LSM6DS3)", e.Message);
        Assert.Contains("0x0F", e.Message);
    }

    [Fact]
    public void Burst_read_converts_to_si_units_and_range_bits_change_the_scale()
    {
        var sim = new SimulatedLsm6ds3 { AccelerationMps2 = new(3 * G, -1, 2), AngularRateRadps = new(1, -0.5f, 6f), TemperatureC = 37.5f };
        using var imu = new Lsm6ds3(sim, settings: new ImuSettings(AccelerometerRange.G2, GyroscopeRange.Dps250));
        sim.Tick();
        ImuReading narrow = imu.Read(7);
        Assert.Equal(32767 * 0.061f * 1e-3f * G, narrow.AccelerationMps2.X, 1e-3f); // clipped at ±2 g
        Assert.Equal(32767 * 8.75f * 1e-3f * MathF.PI / 180, narrow.AngularRateRadps.Z, 1e-3f); // 344 °/s > 245 °/s, clipped
        Assert.Equal(37.5f, narrow.TemperatureC, 1f / 16);
        imu.Configure(new ImuSettings(AccelerometerRange.G16, GyroscopeRange.Dps2000));
        Assert.Equal(0b01 << 2, sim.Peek((byte)R.CTRL1_XL) & 0x0C);
        sim.Tick();
        ImuReading wide = imu.Read(8);
        Mpu6050Tests.AssertClose(sim.AccelerationMps2, wide.AccelerationMps2, 0.488e-3f * G);
        Mpu6050Tests.AssertClose(sim.AngularRateRadps, wide.AngularRateRadps, 70e-3f * MathF.PI / 180);
    }

    [Fact]
    public void Lsm6ds3trc_uses_its_own_temperature_sensitivity()
    {
        var sim = new SimulatedLsm6ds3(whoAmI: 0x6A) { TemperatureC = 27f };
        using var imu = new Lsm6ds3(sim);
        Assert.Equal("LSM6DS3TR-C", imu.Part);
        sim.Tick();
        // The simulated part writes 16 LSB/°C; read at 256 LSB/°C the same register gives 25 + 32/256.
        Assert.Equal(25f + 32f / 256, imu.ReadTemperatureC(), 1e-4f);
    }

    [Fact]
    public void Fifo_returns_gyro_then_accel_sets_oldest_first()
    {
        var sim = new SimulatedLsm6ds3 { SampleOnStatusPoll = false };
        using var imu = new Lsm6ds3(sim, settings: new ImuSettings(SampleRateHz: 208));
        imu.EnableFifo();
        Assert.Equal((5 << 3) | 0b110, sim.Peek((byte)R.FIFO_CTRL5));
        for (int i = 0; i < 8; i++)
        {
            sim.AngularRateRadps = new(0.1f * i, 0, 0);
            sim.Tick();
        }
        var buffer = new ImuReading[16];
        long now = 5_000_000_000;
        Assert.Equal(8, imu.ReadFifo(buffer, now));
        for (int i = 0; i < 8; i++)
        {
            Assert.Equal(0.1f * i, buffer[i].AngularRateRadps.X, 1e-3f);
            Assert.Equal(G, buffer[i].AccelerationMps2.Z, 1e-2f);
            Assert.Equal(now - (7 - i) * (long)(1e9 / 208), buffer[i].MonoTimeNs);
        }
        Assert.Equal(0, sim.FifoCount);
    }

    [Fact]
    public void Fifo_overrun_is_counted_and_the_pattern_realigns_the_reader()
    {
        var sim = new SimulatedLsm6ds3 { SampleOnStatusPoll = false, AngularRateRadps = new(1, 2, 3), AccelerationMps2 = new(4, 5, 6) };
        using var imu = new Lsm6ds3(sim, settings: new ImuSettings(AccelerometerRange.G4, GyroscopeRange.Dps500));
        imu.EnableFifo();
        sim.Tick(700); // 4200 words into 4096: the oldest 104 go, so the head sits at word 104 % 6 = 2 of a set
        var buffer = new ImuReading[1024];
        int n = imu.ReadFifo(buffer, 0);
        Assert.Equal(1, imu.FifoOverflows);
        Assert.Equal((4096 - 4) / 6, n);
        for (int i = 0; i < n; i++)
        {
            Mpu6050Tests.AssertClose(new Vector3(1, 2, 3), buffer[i].AngularRateRadps, 17.5e-3f * MathF.PI / 180);
            Mpu6050Tests.AssertClose(new Vector3(4, 5, 6), buffer[i].AccelerationMps2, 0.122e-3f * G);
        }
    }

    [Theory]
    [InlineData(500, 300, true)]
    [InlineData(50, 300, false)]   // accelerometer below LA_ST min 90 mg
    [InlineData(500, 800, false)]  // gyroscope above G_ST max 700 °/s
    public void Self_test_checks_the_output_change_against_the_datasheet_window(float accelMg, float gyroDps, bool passes)
    {
        var sim = new SimulatedLsm6ds3 { SelfTestAccelMg = new(accelMg, accelMg, accelMg), SelfTestGyroDps = new(gyroDps, gyroDps, gyroDps) };
        using var imu = new Lsm6ds3(sim);
        ImuSelfTestResult result = imu.RunSelfTest();
        Assert.Equal(passes, result.Passed);
        Assert.Equal(accelMg, result.Axes[0].Response, 1.0);
        Assert.Equal(gyroDps, result.Axes[3].Response, 0.2);
        Assert.Equal(0, sim.Peek((byte)R.CTRL5_C));
        Assert.Equal(0x48, sim.Peek((byte)R.CTRL1_XL)); // configuration restored
    }

    [Fact]
    public void Probe_opens_whichever_family_answers_and_names_both_when_neither_does()
    {
        using (IImu mpu = ImuProbe.Open(new SimulatedMpu6050())) Assert.Equal("MPU-6050", mpu.Part);
        using (IImu lsm = ImuProbe.Open(new SimulatedLsm6ds3())) Assert.Equal("LSM6DS3", lsm.Part);
        var stranger = new SimulatedLsm6ds3(whoAmI: 0x33);
        var e = Assert.Throws<ChipIdMismatchException>(() => ImuProbe.Open(stranger));
        Assert.Contains("MPU-6050", e.Message);
        Assert.Contains("LSM6DS3", e.Message);
        Assert.True(stranger.Disposed);
    }

    [Fact]
    public void Device_that_disappears_or_naks_throws_io_errors()
    {
        var sim = new SimulatedLsm6ds3();
        using var imu = new Lsm6ds3(sim);
        sim.Nak = true;
        Assert.Throws<IOException>(() => imu.Read(0));
        sim.Nak = false;
        imu.Read(0);
        sim.DisappearAfterTransfers = 0;
        Assert.Throws<IOException>(() => imu.ReadTemperatureC());
    }
}
