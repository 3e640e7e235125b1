namespace Pilot.Hardware.Imu;

/// <summary>
/// Self-test of the MPU-6500/9250 (AN-MPU-9250A-03 rev 1.0; RM-MPU-9250A-00 §3.1): averages with and without the
/// self-test actuation at ±250 °/s and ±2 g, 1 kHz, 92 Hz DLPF; the response is divided by
/// ST_OTP = 2620 · 1.01^(code − 1) from SELF_TEST_X_GYRO.. / SELF_TEST_X_ACCEL... Gyroscope ratio must exceed 0.5,
/// accelerometer ratio lie in 0.5..1.5. A zero code means no OTP value: then the absolute limits apply (gyroscope
/// ≥ 60 °/s, accelerometer 225..675 mg).
/// </summary>
public sealed partial class Mpu6050
{
    private const byte SELF_TEST_X_GYRO = 0x00, SELF_TEST_X_ACCEL = 0x0D, ACCEL_CONFIG2 = 0x1D; // RM-MPU-9250A §3.1
    private const int StOtpSamples = 200;            // the application note averages 200 readings per state
    private const double GyroMinRatio = 0.5, AccelMinRatio = 0.5, AccelMaxRatio = 1.5;
    private const double GyroMinDpsWithoutOtp = 60, AccelMinMgWithoutOtp = 225, AccelMaxMgWithoutOtp = 675;

    private ImuSelfTestResult RunStOtpSelfTest()
    {
        var saved = _settings;
        byte config = _device.ReadRegister((byte)Mpu6050Register.CONFIG), accelConfig2 = _device.ReadRegister(ACCEL_CONFIG2);
        try
        {
            _device.WriteRegister((byte)Mpu6050Register.SMPLRT_DIV, 0);       // 1 kHz
            _device.WriteRegister((byte)Mpu6050Register.CONFIG, 2);           // gyro DLPF 92 Hz
            _device.WriteRegister(ACCEL_CONFIG2, 2);                          // accel DLPF 92 Hz
            SetRanges(AccelerometerRange.G2, GyroscopeRange.Dps250, selfTest: false);
            Span<double> off = stackalloc double[6];
            AverageRaw(off, StOtpSamples);
            SetRanges(AccelerometerRange.G2, GyroscopeRange.Dps250, selfTest: true);
            Span<double> on = stackalloc double[6];
            AverageRaw(on, StOtpSamples);

            Span<byte> gyroCodes = stackalloc byte[3], accelCodes = stackalloc byte[3];
            _device.ReadBurst(SELF_TEST_X_GYRO, gyroCodes);
            _device.ReadBurst(SELF_TEST_X_ACCEL, accelCodes);
            var axes = new List<AxisSelfTest>(6);
            string[] names = ["x", "y", "z"];
            for (int i = 0; i < 3; i++)
            {
                double accel = on[i] - off[i], gyro = on[3 + i] - off[3 + i]; // LSB at ±2 g / ±250 °/s
                axes.Add(accelCodes[i] == 0
                    ? new("accel " + names[i], Math.Abs(accel) / Mpu6050Scales.AccelLsbPerG[0] * 1000, AccelMinMgWithoutOtp, AccelMaxMgWithoutOtp, "mg")
                    : new("accel " + names[i], accel / StOtp(accelCodes[i]), AccelMinRatio, AccelMaxRatio, "× ST_OTP"));
                axes.Add(gyroCodes[i] == 0
                    ? new("gyro " + names[i], Math.Abs(gyro) / Mpu6050Scales.GyroLsbPerDps[0], GyroMinDpsWithoutOtp, double.PositiveInfinity, "°/s")
                    : new("gyro " + names[i], gyro / StOtp(gyroCodes[i]), GyroMinRatio, double.PositiveInfinity, "× ST_OTP"));
            }
            return new ImuSelfTestResult(Part, axes);
        }
        finally
        {
            _device.WriteRegister(ACCEL_CONFIG2, accelConfig2);
            _device.WriteRegister((byte)Mpu6050Register.CONFIG, config);
            Configure(saved);
        }
    }

    /// <summary>ST_OTP = (2620 / 2^FS) · 1.01^(code − 1) with FS = 0, in LSB (AN-MPU-9250A-03).</summary>
    internal static double StOtp(byte code) => 2620 * Math.Pow(1.01, code - 1);
}
