using System.Diagnostics.CodeAnalysis;

namespace Pilot.Hardware;

/// <summary>
/// A part answered on the bus but its identity register holds an unexpected value: wrong part, wrong address,
/// or a bus fault that reads back garbage. Derives from <see cref="IOException"/> like the bus errors themselves.
/// </summary>
public sealed class ChipIdMismatchException(string part, string where, byte register, byte found, string expected)
    : IOException($"{part} at {where}: identity register 0x{register:X2} read 0x{found:X2}, expected {expected}")
{
    public string Part { get; } = part;
    public string Where { get; } = where;
    public byte Register { get; } = register;
    public byte Found { get; } = found;
    public string Expected { get; } = expected;
}

/// <summary>A part did not reach the state it was told to (reset bit never cleared, data-ready never set).</summary>
public sealed class DeviceTimeoutException(string message) : IOException(message);

internal static class HardwareThrow
{
    [DoesNotReturn]
    public static void Timeout(string part, string what, int polls) =>
        throw new DeviceTimeoutException($"{part}: {what} after {polls} polls");

    [DoesNotReturn]
    public static void OutOfRange(string name, double value, string allowed) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name} = {value} is outside {allowed}");
}
