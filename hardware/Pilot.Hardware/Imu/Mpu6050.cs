using System.Buffers.Binary;
using System.Device.I2c;
using System.Numerics;

namespace Pilot.Hardware.Imu;

/// <summary>
/// MPU-6050/6500/9250 accelerometer + gyroscope over I2C (InvenSense RM-MPU-6000A-00 rev 4.2). Opening verifies
/// WHO_AM_I, resets the part, wakes it on the X-gyro PLL and applies <see cref="ImuSettings"/>.
/// </summary>
public sealed partial class Mpu6050 : IImu
{
    public const int DefaultI2cAddress = 0x68;   // AD0 low; 0x69 with AD0 high (§4.32)
    public const int SecondaryI2cAddress = 0x69;
    private const int ResetPolls = 100;          // DEVICE_RESET self-clears (§4.28); bounded so a stuck part fails loudly
    private const int SampleBytes = 14;          // ACCEL_XOUT_H..GYRO_ZOUT_L (§4.17-4.19)

    private readonly I2cDevice _device;
    private readonly bool _shouldDispose;
    private readonly byte[] _sample = new byte[SampleBytes];
    private float _accelMps2PerLsb;   // m/s² per LSB for the configured AFS_SEL
    private float _gyroRadpsPerLsb;   // rad/s per LSB for the configured FS_SEL
    private ImuSettings _settings = new();
    private bool _stale; // the output registers may still hold a sample taken at the previous range

    /// <param name="device">The part's I2C device.</param>
    /// <param name="shouldDispose">Whether disposing this driver disposes <paramref name="device"/> (dotnet/iot convention).</param>
    public Mpu6050(I2cDevice device, bool shouldDispose = true, ImuSettings? settings = null)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _shouldDispose = shouldDispose;
        byte id = _device.ReadRegister((byte)Mpu6050Register.WHO_AM_I);
        Variant = Mpu6050Variant.Find(id) ?? throw new ChipIdMismatchException("MPU-6050 family", _device.Describe(),
            (byte)Mpu6050Register.WHO_AM_I, id, Mpu6050Variant.ExpectedIds);
        Reset();
        Configure(settings ?? new ImuSettings());
    }

    public Mpu6050Variant Variant { get; }

    public string Part => Variant.Name;

    public double SampleRateHz { get; private set; }

    public ImuSettings Settings => _settings;

    public void Configure(ImuSettings settings)
    {
        if (settings.SampleRateHz is <= 0 or > Mpu6050Scales.GyroOutputRateWithDlpfHz)
            HardwareThrow.OutOfRange(nameof(settings.SampleRateHz), settings.SampleRateHz, $"(0, {Mpu6050Scales.GyroOutputRateWithDlpfHz}] Hz");
        // Highest rate at or above the request: rate = 1 kHz / (1 + SMPLRT_DIV) (§4.2).
        int divider = Math.Clamp((int)Math.Floor(Mpu6050Scales.GyroOutputRateWithDlpfHz / settings.SampleRateHz) - 1, 0, 255);
        SampleRateHz = Mpu6050Scales.GyroOutputRateWithDlpfHz / (1 + divider);
        byte dlpf = Mpu6050Scales.Dlpf.FirstOrDefault(d => d.BandwidthHz <= SampleRateHz / 2, Mpu6050Scales.Dlpf[^1]).Cfg;
        _device.UpdateRegister((byte)Mpu6050Register.CONFIG, Mpu6050Bits.DlpfMask, dlpf);
        _device.WriteRegister((byte)Mpu6050Register.SMPLRT_DIV, (byte)divider);
        SetRanges(settings.Accelerometer, settings.Gyroscope, selfTest: false);
        _settings = settings;
    }

    public ImuReading Read(long monoTimeNs)
    {
        if (_stale)
        {
            WaitDataReady();
            _stale = false;
        }
        _device.ReadBurst((byte)Mpu6050Register.ACCEL_XOUT_H, _sample);
        return Decode(_sample, monoTimeNs);
    }

    public float ReadTemperatureC()
    {
        Span<byte> raw = stackalloc byte[2];
        _device.ReadBurst((byte)Mpu6050Register.TEMP_OUT_H, raw);
        return TemperatureC(BinaryPrimitives.ReadInt16BigEndian(raw));
    }

    public void Dispose()
    {
        if (_shouldDispose) _device.Dispose();
    }

    private void Reset()
    {
        _device.WriteRegister((byte)Mpu6050Register.PWR_MGMT_1, Mpu6050Bits.DeviceReset);
        _device.PollUntil((byte)Mpu6050Register.PWR_MGMT_1, Mpu6050Bits.DeviceReset, 0, ResetPolls, Part, "PWR_MGMT_1.DEVICE_RESET did not clear");
        // The part wakes from reset asleep (PWR_MGMT_1 = 0x40, §4.28): clear SLEEP and select the gyro PLL.
        _device.WriteRegister((byte)Mpu6050Register.PWR_MGMT_1, Mpu6050Bits.ClkSelPllXGyro);
    }

    private void SetRanges(AccelerometerRange accel, GyroscopeRange gyro, bool selfTest)
    {
        byte st = selfTest ? Mpu6050Bits.SelfTestXyz : (byte)0;
        _device.WriteRegister((byte)Mpu6050Register.ACCEL_CONFIG, (byte)(st | ((int)accel << 3)));
        _device.WriteRegister((byte)Mpu6050Register.GYRO_CONFIG, (byte)(st | ((int)gyro << 3)));
        _accelMps2PerLsb = ImuUnits.StandardGravityMps2 / Mpu6050Scales.AccelLsbPerG[(int)accel];
        _gyroRadpsPerLsb = ImuUnits.RadiansPerDegree / Mpu6050Scales.GyroLsbPerDps[(int)gyro];
        // Clear DATA_RDY_INT so that the next read waits for a sample taken at the new scale.
        ReadIntStatus(Mpu6050Bits.DataReadyInt);
        _stale = true;
    }

    /// <summary>Decodes one 14-byte sample in register order: accel XYZ, temperature, gyro XYZ, all big-endian.</summary>
    private ImuReading Decode(ReadOnlySpan<byte> s, long monoTimeNs)
    {
        var accel = new Vector3(I16(s, 0), I16(s, 2), I16(s, 4)) * _accelMps2PerLsb;
        var gyro = new Vector3(I16(s, 8), I16(s, 10), I16(s, 12)) * _gyroRadpsPerLsb;
        return new ImuReading(monoTimeNs, accel, gyro, TemperatureC(I16(s, 6)));
    }

    private float TemperatureC(short raw) => raw / Variant.TemperatureLsbPerC + Variant.TemperatureOffsetC;

    private static short I16(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadInt16BigEndian(s[offset..]);
}
