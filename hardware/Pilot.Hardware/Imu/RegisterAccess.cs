using System.Device.I2c;

namespace Pilot.Hardware.Imu;

/// <summary>Register-level access common to I2C sensors: write register address then data; read with a repeated start.</summary>
internal static class RegisterAccess
{
    public static byte ReadRegister(this I2cDevice device, byte register)
    {
        Span<byte> address = [register];
        Span<byte> value = stackalloc byte[1];
        device.WriteRead(address, value);
        return value[0];
    }

    public static void WriteRegister(this I2cDevice device, byte register, byte value)
    {
        Span<byte> frame = [register, value];
        device.Write(frame);
    }

    /// <summary>Burst read of consecutive registers starting at <paramref name="register"/> (the part auto-increments).</summary>
    public static void ReadBurst(this I2cDevice device, byte register, Span<byte> destination)
    {
        Span<byte> address = [register];
        device.WriteRead(address, destination);
    }

    /// <summary>Read-modify-write of the bits in <paramref name="mask"/>.</summary>
    public static void UpdateRegister(this I2cDevice device, byte register, byte mask, byte bits)
    {
        byte old = device.ReadRegister(register);
        device.WriteRegister(register, (byte)((old & ~mask) | (bits & mask)));
    }

    /// <summary>Polls <paramref name="register"/> until the bits in <paramref name="mask"/> equal <paramref name="expected"/>;
    /// a part that never gets there fails with <see cref="DeviceTimeoutException"/> after <paramref name="polls"/> reads.</summary>
    public static void PollUntil(this I2cDevice device, byte register, byte mask, byte expected, int polls, string part, string what)
    {
        for (int poll = 0; poll < polls; poll++)
            if ((device.ReadRegister(register) & mask) == expected) return;
        HardwareThrow.Timeout(part, what, polls);
    }

    public static string Describe(this I2cDevice device) =>
        $"I2C bus {device.ConnectionSettings.BusId} address 0x{device.ConnectionSettings.DeviceAddress:X2}";
}
