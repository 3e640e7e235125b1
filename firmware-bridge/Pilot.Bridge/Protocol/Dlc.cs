namespace Pilot.Bridge.Protocol;

/// <summary>CAN data length codes: 0..8 map to themselves, 9..15 to the CAN FD lengths 12..64 (ISO 11898-1:2015).</summary>
public static class Dlc
{
    public const int MaxClassicLength = 8;   // bytes, classic CAN
    public const int MaxFdLength = 64;       // bytes, CAN FD

    private static ReadOnlySpan<byte> Lengths => [0, 1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 20, 24, 32, 48, 64];

    /// <summary>Payload bytes for a 4-bit DLC.</summary>
    public static int ToLength(int dlc) => Lengths[dlc & 0xF];

    /// <summary>The DLC of an exact length; -1 when no DLC encodes it (e.g. 9 or 13 bytes).</summary>
    public static int FromLength(int length) => length is >= 0 and <= MaxFdLength ? Lengths.IndexOf((byte)length) : -1;
}
