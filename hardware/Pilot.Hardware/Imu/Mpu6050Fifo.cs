using System.Buffers.Binary;

namespace Pilot.Hardware.Imu;

/// <summary>FIFO of the MPU family (RM-MPU-6000A §4.6, §4.7, §4.27, §4.30, §4.31).</summary>
public sealed partial class Mpu6050
{
    private const int FifoChunkSamples = 32; // samples per FIFO_R_W burst; 448 bytes keeps one I2C transfer short
    private readonly byte[] _fifo = new byte[SampleBytes * FifoChunkSamples];
    private bool _fifoEnabled;
    private bool _overflowSeen; // FIFO_OFLOW_INT clears on any INT_STATUS read, so every reader latches it here

    public long FifoOverflows { get; private set; }

    public void EnableFifo()
    {
        // FIFO_EN selects what is written per sample, in register order (§4.7): accel XYZ, TEMP, gyro XYZ = 14 bytes,
        // the same layout as a burst read from ACCEL_XOUT_H, so one decoder serves both.
        _device.WriteRegister((byte)Mpu6050Register.FIFO_EN, Mpu6050Bits.FifoAccelGyroTemp);
        ResetFifo();
        _fifoEnabled = true;
    }

    public int ReadFifo(Span<ImuReading> destination, long monoTimeNs)
    {
        if (!_fifoEnabled) throw new InvalidOperationException($"{Part}: ReadFifo before EnableFifo");
        if (ReadIntStatus(Mpu6050Bits.FifoOverflowInt))
        {
            // The 1024-byte FIFO drops its oldest bytes on overflow; 1024 is not a multiple of 14, so sample
            // alignment is lost and the only safe recovery is a reset (what InvenSense's MotionDriver does).
            FifoOverflows++;
            ResetFifo();
            return 0;
        }
        Span<byte> countBytes = stackalloc byte[2];
        _device.ReadBurst((byte)Mpu6050Register.FIFO_COUNTH, countBytes);
        int available = BinaryPrimitives.ReadUInt16BigEndian(countBytes) / SampleBytes;
        int total = Math.Min(available, destination.Length);
        long periodNs = (long)(1e9 / SampleRateHz);
        for (int done = 0; done < total;)
        {
            int chunk = Math.Min(FifoChunkSamples, total - done);
            Span<byte> bytes = _fifo.AsSpan(0, chunk * SampleBytes);
            _device.ReadBurst((byte)Mpu6050Register.FIFO_R_W, bytes);
            for (int i = 0; i < chunk; i++, done++)
                destination[done] = Decode(bytes.Slice(i * SampleBytes, SampleBytes), monoTimeNs - (total - 1 - done) * periodNs);
        }
        return total;
    }

    private void ResetFifo()
    {
        // FIFO_RESET acts only while USER_CTRL.FIFO_EN is 0 and self-clears (§4.27).
        _device.WriteRegister((byte)Mpu6050Register.USER_CTRL, 0);
        _device.WriteRegister((byte)Mpu6050Register.USER_CTRL, Mpu6050Bits.FifoReset);
        _device.WriteRegister((byte)Mpu6050Register.USER_CTRL, Mpu6050Bits.FifoEnableUser);
        ReadIntStatus(Mpu6050Bits.FifoOverflowInt);
        _overflowSeen = false;
    }

    /// <summary>Reads INT_STATUS (which clears it) and reports <paramref name="bit"/>, latching overflow for the FIFO reader.</summary>
    private bool ReadIntStatus(byte bit)
    {
        byte status = _device.ReadRegister((byte)Mpu6050Register.INT_STATUS);
        _overflowSeen |= (status & Mpu6050Bits.FifoOverflowInt) != 0;
        return bit == Mpu6050Bits.FifoOverflowInt ? _overflowSeen : (status & bit) != 0;
    }
}
