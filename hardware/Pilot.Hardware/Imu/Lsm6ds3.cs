using System.Buffers.Binary;
using System.Device.I2c;
using System.Numerics;

namespace Pilot.Hardware.Imu;

/// <summary>
/// LSM6DS3-family accelerometer + gyroscope over I2C (ST DocID026899). Opening verifies WHO_AM_I, software-resets the
/// part, turns on block data update and address auto-increment, and applies <see cref="ImuSettings"/>.
/// </summary>
public sealed partial class Lsm6ds3 : IImu
{
    public const int DefaultI2cAddress = 0x6A;   // SDO/SA0 low; 0x6B with SA0 high (§6.1.1)
    public const int SecondaryI2cAddress = 0x6B;
    private const int ResetPolls = 100;          // SW_RESET self-clears (§9.14); bounded so a stuck part fails loudly
    private const int SampleBytes = 14;          // OUT_TEMP_L..OUTZ_H_XL

    private readonly I2cDevice _device;
    private readonly bool _shouldDispose;
    private readonly byte[] _sample = new byte[SampleBytes];
    private float _accelMps2PerLsb;  // m/s² per LSB for FS_XL
    private float _gyroRadpsPerLsb;  // rad/s per LSB for FS_G
    private byte _odrCode;           // ODR_XL = ODR_G = ODR_FIFO code
    private ImuSettings _settings = new();
    private bool _stale; // the output registers may still hold a sample taken at the previous full scale

    /// <param name="shouldDispose">Whether disposing this driver disposes <paramref name="device"/> (dotnet/iot convention).</param>
    public Lsm6ds3(I2cDevice device, bool shouldDispose = true, ImuSettings? settings = null)
    {
        _device = device ?? throw new ArgumentNullException(nameof(device));
        _shouldDispose = shouldDispose;
        byte id = _device.ReadRegister((byte)Lsm6ds3Register.WHO_AM_I);
        Variant = Lsm6ds3Variant.Find(id) ?? throw new ChipIdMismatchException("LSM6DS3 family", _device.Describe(),
            (byte)Lsm6ds3Register.WHO_AM_I, id, Lsm6ds3Variant.ExpectedIds);
        Reset();
        Configure(settings ?? new ImuSettings());
    }

    public Lsm6ds3Variant Variant { get; }

    public string Part => Variant.Name;

    public double SampleRateHz => Lsm6ds3Bits.OdrHz[_odrCode];

    public ImuSettings Settings => _settings;

    public void Configure(ImuSettings settings)
    {
        double[] odr = Lsm6ds3Bits.OdrHz;
        if (settings.SampleRateHz is <= 0 || settings.SampleRateHz > odr[^1])
            HardwareThrow.OutOfRange(nameof(settings.SampleRateHz), settings.SampleRateHz, $"(0, {odr[^1]}] Hz");
        _odrCode = (byte)Array.FindIndex(odr, 1, hz => hz >= settings.SampleRateHz);
        WriteControl(settings.Accelerometer, settings.Gyroscope, _odrCode, _odrCode);
        _settings = settings;
        if (_fifoEnabled) StartFifo();
    }

    public ImuReading Read(long monoTimeNs)
    {
        if (_stale)
        {
            WaitDataReady();
            _stale = false;
        }
        _device.ReadBurst((byte)Lsm6ds3Register.OUT_TEMP_L, _sample);
        ReadOnlySpan<byte> s = _sample;
        var gyro = new Vector3(I16(s, 2), I16(s, 4), I16(s, 6)) * _gyroRadpsPerLsb;
        var accel = new Vector3(I16(s, 8), I16(s, 10), I16(s, 12)) * _accelMps2PerLsb;
        return new ImuReading(monoTimeNs, accel, gyro, TemperatureC(I16(s, 0)));
    }

    public float ReadTemperatureC()
    {
        Span<byte> raw = stackalloc byte[2];
        _device.ReadBurst((byte)Lsm6ds3Register.OUT_TEMP_L, raw);
        return TemperatureC(BinaryPrimitives.ReadInt16LittleEndian(raw));
    }

    public void Dispose()
    {
        if (_shouldDispose) _device.Dispose();
    }

    private void Reset()
    {
        _device.WriteRegister((byte)Lsm6ds3Register.CTRL3_C, Lsm6ds3Bits.SwReset);
        _device.PollUntil((byte)Lsm6ds3Register.CTRL3_C, Lsm6ds3Bits.SwReset, 0, ResetPolls, Part, "CTRL3_C.SW_RESET did not clear");
        // BDU keeps the L and H bytes of one sample together; IF_INC makes burst reads walk the output registers.
        _device.WriteRegister((byte)Lsm6ds3Register.CTRL3_C, Lsm6ds3Bits.Bdu | Lsm6ds3Bits.IfInc);
    }

    private void WriteControl(AccelerometerRange accel, GyroscopeRange gyro, byte accelOdr, byte gyroOdr)
    {
        _device.WriteRegister((byte)Lsm6ds3Register.CTRL1_XL, (byte)(accelOdr << 4 | Lsm6ds3Bits.FsXl[(int)accel] << 2));
        _device.WriteRegister((byte)Lsm6ds3Register.CTRL2_G, (byte)(gyroOdr << 4 | Lsm6ds3Bits.FsG[(int)gyro] << 2));
        _accelMps2PerLsb = Lsm6ds3Bits.AccelMgPerLsb[(int)accel] * 1e-3f * ImuUnits.StandardGravityMps2;
        _gyroRadpsPerLsb = Lsm6ds3Bits.GyroMdpsPerLsb[(int)gyro] * 1e-3f * ImuUnits.RadiansPerDegree;
        // Reading the outputs clears XLDA/GDA (§9.26), so the next read waits for a sample at the new full scale.
        _device.ReadBurst((byte)Lsm6ds3Register.OUT_TEMP_L, _sample);
        _stale = true;
    }

    private float TemperatureC(short raw) => raw / Variant.TemperatureLsbPerC + 25f;

    private static short I16(ReadOnlySpan<byte> s, int offset) => BinaryPrimitives.ReadInt16LittleEndian(s[offset..]);
}
