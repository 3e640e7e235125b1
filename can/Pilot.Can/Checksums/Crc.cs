namespace Pilot.Can.Checksums;

/// <summary>
/// Table-driven CRCs used by the car checksums, MSB-first without reflection, as opendbc generates them
/// (opendbc/can/common.cc gen_crc_lookup_table_8/_16). <see cref="Crc8Bitwise"/> and <see cref="Crc16Bitwise"/> are
/// the plain definitions the tables are tested against.
/// </summary>
public static class Crc
{
    /// <summary>CRC-8 polynomial 0x2F (AUTOSAR "8H2F"), VW MQB/MEB E2E profile 2.</summary>
    public const byte Poly8H2F = 0x2F;

    /// <summary>CRC-8 polynomial 0x1D (SAE J1850), FCA Giorgio.</summary>
    public const byte PolyJ1850 = 0x1D;

    /// <summary>CRC-16 polynomial 0x1021 (XMODEM/CCITT), Hyundai/Kia CAN FD.</summary>
    public const ushort PolyXmodem = 0x1021;

    internal static readonly byte[] Table8H2F = Table8(Poly8H2F);
    internal static readonly byte[] TableJ1850 = Table8(PolyJ1850);
    internal static readonly ushort[] TableXmodem = Table16(PolyXmodem);

    /// <summary>One table step: crc8 after feeding <paramref name="b"/> (no reflection, no final XOR).</summary>
    public static byte Step8H2F(byte crc, byte b) => Table8H2F[crc ^ b];

    public static byte StepJ1850(byte crc, byte b) => TableJ1850[crc ^ b];

    public static ushort StepXmodem(ushort crc, byte b) => (ushort)((crc << 8) ^ TableXmodem[(crc >> 8) ^ b]);

    /// <summary>Reference: bit-at-a-time CRC-8 of <paramref name="data"/> from <paramref name="init"/>.</summary>
    public static byte Crc8Bitwise(ReadOnlySpan<byte> data, byte poly, byte init)
    {
        int crc = init;
        foreach (byte b in data)
        {
            crc ^= b;
            for (int i = 0; i < 8; i++) crc = (crc & 0x80) != 0 ? ((crc << 1) ^ poly) & 0xFF : (crc << 1) & 0xFF;
        }
        return (byte)crc;
    }

    /// <summary>Reference: bit-at-a-time CRC-16 (MSB first) of <paramref name="data"/> from <paramref name="init"/>.</summary>
    public static ushort Crc16Bitwise(ReadOnlySpan<byte> data, ushort poly, ushort init)
    {
        int crc = init;
        foreach (byte b in data)
        {
            crc ^= b << 8;
            for (int i = 0; i < 8; i++) crc = (crc & 0x8000) != 0 ? ((crc << 1) ^ poly) & 0xFFFF : (crc << 1) & 0xFFFF;
        }
        return (ushort)crc;
    }

    private static byte[] Table8(byte poly)
    {
        var t = new byte[256];
        for (int i = 0; i < 256; i++) t[i] = Crc8Bitwise([(byte)i], poly, 0);
        return t;
    }

    private static ushort[] Table16(ushort poly)
    {
        var t = new ushort[256];
        for (int i = 0; i < 256; i++) t[i] = Crc16Bitwise([(byte)i], poly, 0);
        return t;
    }
}
