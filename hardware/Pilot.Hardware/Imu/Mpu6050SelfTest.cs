using System.Buffers.Binary;

namespace Pilot.Hardware.Imu;

/// <summary>
/// Self-test of the MPU-6050 (RM-MPU-6000A §4.1; PS-MPU-6000A rev 3.4 §6.1, tables 6.1-6.2): the response to the
/// self-test actuation is compared with the factory trim derived from SELF_TEST_X..A and must be within ±14 %.
/// The MPU-6500/9250 scheme is in Mpu6500SelfTest.cs.
/// </summary>
public sealed partial class Mpu6050
{
    private const int SelfTestSettleSamples = 20; // samples dropped after toggling XA_ST/XG_ST while the output settles
    private const int SelfTestSamples = 10;        // samples averaged per state
    private const int DataReadyPolls = 10_000;     // bound on INT_STATUS polls for one DATA_RDY_INT
    private const double SelfTestLimitPercent = 14; // PS-MPU-6000A tables 6.1/6.2: change from factory trim ±14 %

    public ImuSelfTestResult RunSelfTest()
    {
        if (Variant.SelfTest == MpuSelfTestMethod.StOtp) return RunStOtpSelfTest();
        var saved = _settings;
        try
        {
            // §4.1: the gyroscope self-test runs at ±250 °/s and the accelerometer self-test at ±8 g.
            SetRanges(AccelerometerRange.G8, GyroscopeRange.Dps250, selfTest: false);
            Span<double> off = stackalloc double[6];
            AverageRaw(off, SelfTestSamples);
            SetRanges(AccelerometerRange.G8, GyroscopeRange.Dps250, selfTest: true);
            Span<double> on = stackalloc double[6];
            AverageRaw(on, SelfTestSamples);

            Span<byte> codes = stackalloc byte[4];
            _device.ReadBurst((byte)Mpu6050Register.SELF_TEST_X, codes);
            var axes = new List<AxisSelfTest>(6);
            string[] names = ["x", "y", "z"];
            for (int i = 0; i < 3; i++)
            {
                int accelCode = ((codes[i] >> 3) & 0b11100) | ((codes[3] >> (4 - 2 * i)) & 0b11);
                int gyroCode = codes[i] & 0b11111;
                axes.Add(Axis("accel " + names[i], on[i] - off[i], AccelFactoryTrim(accelCode)));
                axes.Add(Axis("gyro " + names[i], on[3 + i] - off[3 + i], GyroFactoryTrim(gyroCode, negative: i == 1)));
            }
            return new ImuSelfTestResult(Part, axes);
        }
        finally
        {
            SetRanges(saved.Accelerometer, saved.Gyroscope, selfTest: false);
        }
    }

    /// <summary>FT[Xa] = 4096 · 0.34 · (0.92/0.34)^((XA_TEST − 1)/(2⁵ − 2)), LSB at ±8 g; 0 when the code is 0 (§4.1).</summary>
    internal static double AccelFactoryTrim(int code) =>
        code == 0 ? 0 : 4096 * 0.34 * Math.Pow(0.92 / 0.34, (code - 1) / 30.0);

    /// <summary>FT[Xg] = 25 · 131 · 1.046^(XG_TEST − 1), negated for Y, LSB at ±250 °/s; 0 when the code is 0 (§4.1).</summary>
    internal static double GyroFactoryTrim(int code, bool negative) =>
        code == 0 ? 0 : (negative ? -1 : 1) * 25 * 131 * Math.Pow(1.046, code - 1);

    /// <summary>Change from factory trim in %, (STR − FT)/FT; NaN (a failure) where the trim code is 0.</summary>
    private static AxisSelfTest Axis(string name, double response, double factoryTrim) =>
        new(name, factoryTrim == 0 ? double.NaN : 100 * (response - factoryTrim) / factoryTrim,
            -SelfTestLimitPercent, SelfTestLimitPercent, "%");

    /// <summary>Averages raw accel XYZ then gyro XYZ over fresh samples, after letting the output settle.</summary>
    private void AverageRaw(Span<double> sums, int samples)
    {
        sums.Clear();
        for (int n = 0; n < SelfTestSettleSamples + samples; n++)
        {
            WaitDataReady();
            if (n < SelfTestSettleSamples) continue;
            _device.ReadBurst((byte)Mpu6050Register.ACCEL_XOUT_H, _sample);
            for (int axis = 0; axis < 3; axis++)
            {
                sums[axis] += BinaryPrimitives.ReadInt16BigEndian(_sample.AsSpan(2 * axis)) / (double)samples;
                sums[3 + axis] += BinaryPrimitives.ReadInt16BigEndian(_sample.AsSpan(8 + 2 * axis)) / (double)samples;
            }
        }
    }

    private void WaitDataReady()
    {
        for (int poll = 0; poll < DataReadyPolls; poll++)
            if (ReadIntStatus(Mpu6050Bits.DataReadyInt)) return;
        HardwareThrow.Timeout(Part, "INT_STATUS.DATA_RDY_INT never set", DataReadyPolls);
    }
}
