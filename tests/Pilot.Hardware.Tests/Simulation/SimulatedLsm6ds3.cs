using System.Numerics;
using R = Pilot.Hardware.Imu.Lsm6ds3Register;

namespace Pilot.Hardware.Tests.Simulation;

/// <summary>
/// An LSM6DS3 per DocID026899: reset values (CTRL3_C = 0x04, IF_INC on), SW_RESET that clears after a few reads,
/// auto-increment only while IF_INC is set, read-only outputs, accelerometer and gyroscope powered down until their
/// ODR is set, FS bits that scale the samples (and saturate), self-test actuation while ST_XL/ST_G are set, and a
/// 4096-word FIFO in continuous mode (gyro then accel words) that overwrites its oldest word and sets OVER_RUN, with
/// FIFO_PATTERN tracking the next word's place in the pattern.
/// </summary>
public sealed class SimulatedLsm6ds3 : SimulatedRegisterDevice
{
    public const int FifoCapacityWords = 4096;
    private static readonly Dictionary<int, float> AccelMgPerLsb = new() { [0b00] = 0.061f, [0b10] = 0.122f, [0b11] = 0.244f, [0b01] = 0.488f };
    private static readonly float[] GyroMdpsPerLsb = [8.75f, 17.5f, 35f, 70f];

    private readonly byte _whoAmI;
    private readonly LinkedList<short> _fifo = new();
    private long _fifoHeadSequence; // pattern position of the oldest word in the FIFO
    private bool _overrun;
    private int _resetReadsLeft;
    private byte _status;

    public SimulatedLsm6ds3(byte whoAmI = 0x69, int busId = 1, int address = 0x6A) : base(busId, address)
    {
        _whoAmI = whoAmI;
        PowerOnReset();
    }

    public Vector3 AccelerationMps2 { get; set; } = new(0, 0, 9.80665f);
    public Vector3 AngularRateRadps { get; set; }
    public float TemperatureC { get; set; } = 30f;

    /// <summary>Output change under positive self-test: accelerometer in mg, gyroscope in °/s.</summary>
    public Vector3 SelfTestAccelMg { get; set; }
    public Vector3 SelfTestGyroDps { get; set; }

    public int ResetDurationReads { get; set; } = 2;

    /// <summary>A new sample is taken on every STATUS_REG read: time passes while a driver polls.</summary>
    public bool SampleOnStatusPoll { get; set; } = true;

    public int FifoCount => _fifo.Count;

    public void Tick(int count = 1)
    {
        for (int i = 0; i < count; i++) Sample();
    }

    protected override bool AutoIncrements(byte register) => (Registers[(int)R.CTRL3_C] & 0x04) != 0;

    protected override byte OnRead(byte register)
    {
        switch ((R)register)
        {
            case R.CTRL3_C when _resetReadsLeft > 0:
                _resetReadsLeft--;
                return (byte)(Registers[register] | 0x01);
            case R.STATUS_REG:
                if (SampleOnStatusPoll) Sample();
                byte s = _status;
                _status = 0;
                return s;
            case R.FIFO_STATUS1:
                return (byte)(_fifo.Count & 0xFF);
            case R.FIFO_STATUS2:
                return (byte)((_overrun ? 0x40 : 0) | (_fifo.Count == FifoCapacityWords ? 0x20 : 0) | (_fifo.Count == 0 ? 0x10 : 0) | ((_fifo.Count >> 8) & 0x0F));
            case R.FIFO_STATUS3:
                return (byte)(_fifoHeadSequence % 6 & 0xFF);
            case R.FIFO_STATUS4:
                return (byte)(_fifoHeadSequence % 6 >> 8);
            case R.FIFO_DATA_OUT_L:
                return _fifo.Count > 0 ? (byte)_fifo.First!.Value : (byte)0;
            case R.FIFO_DATA_OUT_H:
                if (_fifo.Count == 0) return 0;
                short word = _fifo.First!.Value;
                _fifo.RemoveFirst();
                _fifoHeadSequence++;
                _overrun = false;
                return (byte)(word >> 8);
            default:
                return Registers[register];
        }
    }

    protected override void OnWrite(byte register, byte value)
    {
        if (register == (byte)R.CTRL3_C && (value & 0x01) != 0)
        {
            PowerOnReset();
            _resetReadsLeft = ResetDurationReads;
            return;
        }
        if (register == (byte)R.WHO_AM_I || register >= (byte)R.STATUS_REG && register <= 0x42) return; // read-only
        Registers[register] = value;
        if (register == (byte)R.FIFO_CTRL5 && (value & 0x07) == 0) ClearFifo(); // bypass mode empties the FIFO
    }

    private void PowerOnReset()
    {
        Array.Clear(Registers);
        Registers[(int)R.WHO_AM_I] = _whoAmI;
        Registers[(int)R.CTRL3_C] = 0x04;
        ClearFifo();
        _status = 0;
    }

    private void ClearFifo()
    {
        _fifo.Clear();
        _fifoHeadSequence = 0;
        _overrun = false;
    }

    private void Sample()
    {
        byte ctrl1 = Registers[(int)R.CTRL1_XL], ctrl2 = Registers[(int)R.CTRL2_G], ctrl5 = Registers[(int)R.CTRL5_C];
        bool accelOn = ctrl1 >> 4 != 0, gyroOn = ctrl2 >> 4 != 0;
        Span<short> words = stackalloc short[6];
        float mgPerLsb = AccelMgPerLsb[(ctrl1 >> 2) & 3], mdpsPerLsb = GyroMdpsPerLsb[(ctrl2 >> 2) & 3];
        Vector3 mg = AccelerationMps2 / 9.80665f * 1000f + ((ctrl5 & 0x03) == 0x01 ? SelfTestAccelMg : Vector3.Zero);
        Vector3 dps = AngularRateRadps * (180f / MathF.PI) + (((ctrl5 >> 2) & 0x03) == 0x01 ? SelfTestGyroDps : Vector3.Zero);
        for (int axis = 0; axis < 3; axis++)
        {
            words[axis] = Saturate(dps[axis] * 1000f / mdpsPerLsb);
            words[3 + axis] = Saturate(mg[axis] / mgPerLsb);
        }
        if (gyroOn) for (int i = 0; i < 3; i++) PutLittleEndian((int)R.OUTX_L_G + 2 * i, words[i]);
        if (accelOn) for (int i = 0; i < 3; i++) PutLittleEndian((int)R.OUTX_L_XL + 2 * i, words[3 + i]);
        PutLittleEndian((int)R.OUT_TEMP_L, Saturate((TemperatureC - 25f) * 16f));
        _status |= (byte)((accelOn ? 0x01 : 0) | (gyroOn ? 0x02 : 0) | 0x04);
        if ((Registers[(int)R.FIFO_CTRL5] & 0x07) == 0b110 && accelOn && gyroOn)
            foreach (short w in words) PushFifo(w);
    }

    private void PushFifo(short word)
    {
        if (_fifo.Count == FifoCapacityWords)
        {
            _fifo.RemoveFirst();
            _fifoHeadSequence++;
            _overrun = true;
        }
        _fifo.AddLast(word);
    }

    private void PutLittleEndian(int register, short value)
    {
        Registers[register] = (byte)value;
        Registers[register + 1] = (byte)(value >> 8);
    }

    private static short Saturate(double value) => (short)Math.Clamp(Math.Round(value), short.MinValue, short.MaxValue);
}
