namespace Pilot.Can.Packing;

/// <summary>A CAN frame as the packer produces it and the parser consumes it: arbitration id, payload, bus number.</summary>
/// <param name="Address">The arbitration id (11 or 29 bits, no flag bits).</param>
/// <param name="Data">Payload, 0..64 bytes.</param>
/// <param name="Bus">The bus (panda numbering: 0 powertrain, 1 radar, 2 camera, ...).</param>
public readonly record struct CanFrame(uint Address, byte[] Data, int Bus = 0)
{
    public override string ToString() => $"{Bus}:{Address:X}#{Convert.ToHexString(Data)}";
}
