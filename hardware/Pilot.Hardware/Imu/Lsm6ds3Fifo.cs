using System.Buffers.Binary;
using System.Numerics;

namespace Pilot.Hardware.Imu;

/// <summary>
/// FIFO of the LSM6DS3 (DocID026899 §8, §9.2-9.6, §9.40-9.44) in continuous mode: gyroscope (data set 1) then
/// accelerometer (data set 2), three 16-bit words each. FIFO_PATTERN says which word comes next, which lets the
/// reader realign after an overrun instead of resetting.
/// </summary>
public sealed partial class Lsm6ds3
{
    private const int WordsPerSample = 6;   // gyro XYZ, accel XYZ
    private const int FifoWords = 4096;     // 8 kbyte FIFO (§8); the 12-bit DIFF_FIFO reads 0 when it is full, FIFO_FULL tells
    private bool _fifoEnabled;

    public long FifoOverflows { get; private set; }

    public void EnableFifo()
    {
        _fifoEnabled = true;
        StartFifo();
    }

    public int ReadFifo(Span<ImuReading> destination, long monoTimeNs)
    {
        if (!_fifoEnabled) throw new InvalidOperationException($"{Part}: ReadFifo before EnableFifo");
        Span<byte> status = stackalloc byte[4];
        _device.ReadBurst((byte)Lsm6ds3Register.FIFO_STATUS1, status);
        int unread = status[0] | (status[1] & 0x0F) << 8;   // DIFF_FIFO[11:0], words
        int pattern = status[2] | (status[3] & 0x03) << 8;  // FIFO_PATTERN[9:0]
        if ((status[1] & Lsm6ds3Bits.FifoFull) != 0 && unread == 0) unread = FifoWords;
        if ((status[1] & Lsm6ds3Bits.OverRun) != 0) FifoOverflows++;
        if ((status[1] & Lsm6ds3Bits.FifoEmpty) != 0) return 0;

        int skip = (WordsPerSample - pattern % WordsPerSample) % WordsPerSample;
        for (int i = 0; i < skip && i < unread; i++) ReadFifoWord();
        int total = Math.Min(Math.Max(unread - skip, 0) / WordsPerSample, destination.Length);
        float temperatureC = total > 0 ? ReadTemperatureC() : float.NaN; // temperature is not a FIFO data set here
        long periodNs = (long)(1e9 / SampleRateHz);
        for (int n = 0; n < total; n++)
        {
            var gyro = new Vector3(ReadFifoWord(), ReadFifoWord(), ReadFifoWord()) * _gyroRadpsPerLsb;
            var accel = new Vector3(ReadFifoWord(), ReadFifoWord(), ReadFifoWord()) * _accelMps2PerLsb;
            destination[n] = new ImuReading(monoTimeNs - (total - 1 - n) * periodNs, accel, gyro, temperatureC);
        }
        return total;
    }

    private void StartFifo()
    {
        // Bypass mode empties the FIFO (§9.6); then both data sets at the sensor ODR, continuous mode.
        _device.WriteRegister((byte)Lsm6ds3Register.FIFO_CTRL5, 0);
        _device.WriteRegister((byte)Lsm6ds3Register.FIFO_CTRL3, Lsm6ds3Bits.FifoNoDecimation);
        _device.WriteRegister((byte)Lsm6ds3Register.FIFO_CTRL5, (byte)(_odrCode << 3 | Lsm6ds3Bits.FifoModeContinuous));
    }

    /// <summary>One FIFO word: FIFO_DATA_OUT_L then _H; reading the high byte advances the FIFO.</summary>
    private short ReadFifoWord()
    {
        Span<byte> word = stackalloc byte[2];
        _device.ReadBurst((byte)Lsm6ds3Register.FIFO_DATA_OUT_L, word);
        return BinaryPrimitives.ReadInt16LittleEndian(word);
    }
}
