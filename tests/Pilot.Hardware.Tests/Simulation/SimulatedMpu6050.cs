using System.Numerics;
using Pilot.Hardware;
using Pilot.Hardware.Imu;
using R = Pilot.Hardware.Imu.Mpu6050Register;

namespace Pilot.Hardware.Tests.Simulation;

/// <summary>
/// An MPU-6050-family part per RM-MPU-6000A: reset values (PWR_MGMT_1 = 0x40, asleep), read-only output registers,
/// DEVICE_RESET that clears after a few reads, clear-on-read INT_STATUS, samples that follow AFS_SEL/FS_SEL and
/// saturate at full scale, self-test actuation added while XA_ST/XG_ST are set, and a 1024-byte FIFO that drops its
/// oldest bytes and raises FIFO_OFLOW_INT when it overflows. Nothing is produced while the part sleeps.
/// </summary>
public sealed class SimulatedMpu6050 : SimulatedRegisterDevice
{
    public const int FifoCapacityBytes = 1024;
    private static readonly float[] AccelLsbPerG = [16384f, 8192f, 4096f, 2048f];
    private static readonly float[] GyroLsbPerDps = [131f, 65.5f, 32.8f, 16.4f];

    private readonly byte _whoAmI;
    private readonly float _tempLsbPerC, _tempOffsetC;
    private readonly Queue<byte> _fifo = new();
    private readonly byte[] _selfTestCodes, _gyroOtpCodes;
    private int _resetReadsLeft;
    private byte _intStatus;
    private ushort _latchedCount;

    /// <param name="selfTestCodes">Factory SELF_TEST_X, _Y, _Z, _A (0x0D..0x10) values; on the MPU-6500/9250 these addresses are SELF_TEST_X/Y/Z_ACCEL.</param>
    /// <param name="gyroOtpCodes">MPU-6500/9250 SELF_TEST_X/Y/Z_GYRO (0x00..0x02) values.</param>
    public SimulatedMpu6050(byte whoAmI = 0x68, int busId = 1, int address = 0x68, byte[]? selfTestCodes = null,
        float tempLsbPerC = 340f, float tempOffsetC = 36.53f, byte[]? gyroOtpCodes = null) : base(busId, address)
    {
        _gyroOtpCodes = gyroOtpCodes ?? [0, 0, 0];
        _whoAmI = whoAmI;
        _tempLsbPerC = tempLsbPerC;
        _tempOffsetC = tempOffsetC;
        _selfTestCodes = selfTestCodes ?? [0, 0, 0, 0];
        PowerOnReset();
    }

    /// <summary>True specific force, m/s².</summary>
    public Vector3 AccelerationMps2 { get; set; } = new(0, 0, 9.80665f);

    /// <summary>True angular rate, rad/s.</summary>
    public Vector3 AngularRateRadps { get; set; }

    public float TemperatureC { get; set; } = 30f;

    /// <summary>Self-test actuation: accelerometer response in LSB at ±8 g, gyroscope response in LSB at ±250 °/s.</summary>
    public Vector3 SelfTestAccelLsb { get; set; }
    public Vector3 SelfTestGyroLsb { get; set; }

    /// <summary>Reads of PWR_MGMT_1 during which DEVICE_RESET still reads set after a reset.</summary>
    public int ResetDurationReads { get; set; } = 2;

    /// <summary>A new sample is taken on every INT_STATUS read: time passes while a driver polls.</summary>
    public bool SampleOnStatusPoll { get; set; } = true;

    public bool Asleep => (Registers[(int)R.PWR_MGMT_1] & 0x40) != 0;

    public int FifoCount => _fifo.Count;

    public int Samples { get; private set; }

    /// <summary>
    /// When set, the part samples on its own at 1 kHz / (1 + SMPLRT_DIV) of this clock, caught up on every register
    /// read, as a real part does between a daemon's reads.
    /// </summary>
    public IMonotonicClock? FreeRunningClock { get; set; }

    private long _lastSampleNs = -1;

    /// <summary>Takes <paramref name="count"/> samples at the configured rate (what the part does on its own clock).</summary>
    public void Tick(int count = 1)
    {
        for (int i = 0; i < count; i++) Sample();
    }

    protected override bool AutoIncrements(byte register) => register != (byte)R.FIFO_R_W;

    protected override byte OnRead(byte register)
    {
        CatchUp();
        switch ((R)register)
        {
            case R.PWR_MGMT_1 when _resetReadsLeft > 0:
                _resetReadsLeft--;
                return (byte)(Registers[register] | 0x80);
            case R.INT_STATUS:
                if (SampleOnStatusPoll) Sample();
                byte status = _intStatus;
                _intStatus = 0;
                return status;
            case R.FIFO_COUNTH:
                _latchedCount = (ushort)_fifo.Count;
                return (byte)(_latchedCount >> 8);
            case R.FIFO_COUNTL:
                return (byte)_latchedCount;
            case R.FIFO_R_W:
                return _fifo.Count > 0 ? _fifo.Dequeue() : (byte)0xFF;
            default:
                return Registers[register];
        }
    }

    protected override void OnWrite(byte register, byte value)
    {
        switch ((R)register)
        {
            case R.PWR_MGMT_1 when (value & 0x80) != 0:
                PowerOnReset();
                _resetReadsLeft = ResetDurationReads;
                return;
            case R.USER_CTRL:
                if ((value & 0x04) != 0 && (Registers[register] & 0x40) == 0 && (value & 0x40) == 0) _fifo.Clear();
                Registers[register] = (byte)(value & ~0x04); // FIFO_RESET self-clears
                return;
            case R.WHO_AM_I or R.INT_STATUS or R.FIFO_COUNTH or R.FIFO_COUNTL:
                return; // read-only
            case >= R.ACCEL_XOUT_H and <= (R)0x48:
                return; // read-only sensor outputs
            default:
                Registers[register] = value;
                return;
        }
    }

    private void CatchUp()
    {
        if (FreeRunningClock is null) return;
        long now = FreeRunningClock.NowNs, periodNs = 1_000_000L * (1 + Registers[(int)R.SMPLRT_DIV]);
        if (_lastSampleNs < 0) _lastSampleNs = now;
        int due = (int)Math.Min((now - _lastSampleNs) / periodNs, FifoCapacityBytes);
        _lastSampleNs += due * periodNs;
        Tick(due);
    }

    private void PowerOnReset()
    {
        Array.Clear(Registers);
        Registers[(int)R.PWR_MGMT_1] = 0x40;
        Registers[(int)R.WHO_AM_I] = _whoAmI;
        _selfTestCodes.CopyTo(Registers, (int)R.SELF_TEST_X);
        _gyroOtpCodes.CopyTo(Registers, 0x00);
        _fifo.Clear();
        _intStatus = 0;
    }

    private void Sample()
    {
        if (Asleep) return;
        Samples++;
        int afs = (Registers[(int)R.ACCEL_CONFIG] >> 3) & 3, fs = (Registers[(int)R.GYRO_CONFIG] >> 3) & 3;
        int accelSt = Registers[(int)R.ACCEL_CONFIG] >> 5, gyroSt = Registers[(int)R.GYRO_CONFIG] >> 5;
        Span<byte> s = stackalloc byte[14];
        Vector3 g = AccelerationMps2 / 9.80665f;
        Vector3 dps = AngularRateRadps * (180f / MathF.PI);
        for (int axis = 0; axis < 3; axis++)
        {
            double accelSelfTest = (accelSt >> (2 - axis) & 1) != 0 ? SelfTestAccelLsb[axis] * AccelLsbPerG[afs] / AccelLsbPerG[2] : 0;
            double gyroSelfTest = (gyroSt >> (2 - axis) & 1) != 0 ? SelfTestGyroLsb[axis] * GyroLsbPerDps[fs] / GyroLsbPerDps[0] : 0;
            PutBigEndian(s, 2 * axis, g[axis] * AccelLsbPerG[afs] + accelSelfTest);
            PutBigEndian(s, 8 + 2 * axis, dps[axis] * GyroLsbPerDps[fs] + gyroSelfTest);
        }
        PutBigEndian(s, 6, (TemperatureC - _tempOffsetC) * _tempLsbPerC);
        s.CopyTo(Registers.AsSpan((int)R.ACCEL_XOUT_H));
        _intStatus |= 0x01; // DATA_RDY_INT
        if ((Registers[(int)R.USER_CTRL] & 0x40) != 0) PushFifo(s);
    }

    private void PushFifo(ReadOnlySpan<byte> s)
    {
        byte enabled = Registers[(int)R.FIFO_EN];
        // Register order (§4.7): ACCEL (bit 3) 6 bytes, TEMP (bit 7) 2, XG (6), YG (5), ZG (4) 2 each.
        if ((enabled & 0x08) != 0) Push(s[..6]);
        if ((enabled & 0x80) != 0) Push(s[6..8]);
        if ((enabled & 0x40) != 0) Push(s[8..10]);
        if ((enabled & 0x20) != 0) Push(s[10..12]);
        if ((enabled & 0x10) != 0) Push(s[12..14]);
    }

    private void Push(ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            if (_fifo.Count == FifoCapacityBytes)
            {
                _fifo.Dequeue();
                _intStatus |= 0x10; // FIFO_OFLOW_INT
            }
            _fifo.Enqueue(b);
        }
    }

    private static void PutBigEndian(Span<byte> s, int offset, double value)
    {
        short raw = (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
        s[offset] = (byte)(raw >> 8);
        s[offset + 1] = (byte)raw;
    }
}
