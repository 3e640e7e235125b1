using System.Device.I2c;

namespace Pilot.Hardware.Tests.Simulation;

/// <summary>
/// An I2C part as a register file behind System.Device.Gpio's <see cref="I2cDevice"/>: a write sets the register
/// pointer from its first byte and stores the rest with auto-increment; a read returns registers from the pointer on.
/// Parts override what reads and writes do (read-only registers, clear-on-read, FIFO ports). A NAK or a part that
/// disappears throws <see cref="IOException"/> with the text of the Linux i2c-dev path in System.Device.Gpio.
/// </summary>
public abstract class SimulatedRegisterDevice(int busId, int address) : I2cDevice
{
    private const int Eremoteio = 121, Enxio = 6; // errno of a NAKed transfer / of a device no longer on the bus

    protected readonly byte[] Registers = new byte[256];
    private byte _pointer;

    public override I2cConnectionSettings ConnectionSettings { get; } = new(busId, address);

    /// <summary>Every transfer is NAKed.</summary>
    public bool Nak { get; set; }

    /// <summary>After this many more transfers the part is gone (unplugged, brown-out).</summary>
    public int? DisappearAfterTransfers { get; set; }

    public int Transfers { get; private set; }

    public bool Disposed { get; private set; }

    /// <summary>The register as stored, without read side effects.</summary>
    public byte Peek(byte register) => Registers[register];

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Transfer();
        WriteCore(buffer);
    }

    public override void Read(Span<byte> buffer)
    {
        Transfer();
        ReadCore(buffer);
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Transfer(); // one combined transfer with a repeated start, as the i2c-dev ioctl does it
        WriteCore(writeBuffer);
        ReadCore(readBuffer);
    }

    protected abstract byte OnRead(byte register);

    protected abstract void OnWrite(byte register, byte value);

    /// <summary>Whether the pointer moves on after an access to <paramref name="register"/>.</summary>
    protected virtual bool AutoIncrements(byte register) => true;

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    private void Transfer()
    {
        ObjectDisposedException.ThrowIf(Disposed, this);
        if (DisappearAfterTransfers is int left)
        {
            if (left <= 0) throw new IOException($"Error {Enxio} performing I2C data transfer.");
            DisappearAfterTransfers = left - 1;
        }
        if (Nak) throw new IOException($"Error {Eremoteio} performing I2C data transfer.");
        Transfers++;
    }

    private void WriteCore(ReadOnlySpan<byte> buffer)
    {
        if (buffer.IsEmpty) return;
        _pointer = buffer[0];
        foreach (byte value in buffer[1..])
        {
            OnWrite(_pointer, value);
            if (AutoIncrements(_pointer)) _pointer++;
        }
    }

    private void ReadCore(Span<byte> buffer)
    {
        for (int i = 0; i < buffer.Length; i++)
        {
            buffer[i] = OnRead(_pointer);
            if (AutoIncrements(_pointer)) _pointer++;
        }
    }
}
