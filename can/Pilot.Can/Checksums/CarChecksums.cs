namespace Pilot.Can.Checksums;

/// <summary>
/// The car checksum algorithms, each a port of opendbc's implementation (opendbc/can/common.cc before 2025; now
/// opendbc/car/&lt;brand&gt;/&lt;brand&gt;can.py). Each computes the checksum of a whole frame frame
/// whose checksum field is ignored or zero, as the packer and parser call them.
/// </summary>
public static class CarChecksums
{
    /// <summary>
    /// Computes the checksum for <paramref name="algorithm"/>. <paramref name="checksumStartBit"/> is the checksum
    /// signal's DBC start bit (the XOR and Tesla sums skip the byte holding it).
    /// </summary>
    public static uint Compute(ChecksumAlgorithm algorithm, uint address, ReadOnlySpan<byte> data, int checksumStartBit) => algorithm switch
    {
        ChecksumAlgorithm.Honda => Honda(address, data),
        ChecksumAlgorithm.Toyota => Toyota(address, data),
        ChecksumAlgorithm.VolkswagenMqb => VolkswagenMqb(address, data),
        ChecksumAlgorithm.VolkswagenPqXor => Xor(data, checksumStartBit / 8),
        ChecksumAlgorithm.HyundaiCanFd => HyundaiCanFd(address, data),
        ChecksumAlgorithm.Subaru => Subaru(address, data),
        ChecksumAlgorithm.Chrysler => Chrysler(data),
        ChecksumAlgorithm.FcaGiorgio => FcaGiorgio(address, data),
        ChecksumAlgorithm.Tesla => Tesla(address, data, checksumStartBit / 8),
        ChecksumAlgorithm.CommaBody => CommaBody(data),
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "no checksum algorithm"),
    };

    /// <summary>
    /// Honda (opendbc honda_checksum): 4-bit sum of the address nibbles and all data nibbles except the checksum
    /// nibble (low nibble of the last byte), negated from 8; extended ids (above 0x7FF) add 3.
    /// </summary>
    public static uint Honda(uint address, ReadOnlySpan<byte> data)
    {
        int s = 0;
        bool extended = address > 0x7FF;
        for (uint a = address; a != 0; a >>= 4) s += (int)(a & 0xF);
        for (int i = 0; i < data.Length; i++)
        {
            int x = data[i];
            if (i == data.Length - 1) x >>= 4;
            s += (x & 0xF) + (x >> 4);
        }
        s = 8 - s;
        if (extended) s += 3;
        return (uint)(s & 0xF);
    }

    /// <summary>Toyota (opendbc toyota_checksum): length + address bytes + all bytes but the last, modulo 256.</summary>
    public static uint Toyota(uint address, ReadOnlySpan<byte> data)
    {
        uint s = (uint)data.Length;
        for (uint a = address; a != 0; a >>= 8) s += a & 0xFF;
        for (int i = 0; i < data.Length - 1; i++) s += data[i];
        return s & 0xFF;
    }

    /// <summary>Subaru global (opendbc subaru_checksum): address bytes + all bytes after the first (the checksum), modulo 256.</summary>
    public static uint Subaru(uint address, ReadOnlySpan<byte> data)
    {
        uint s = 0;
        for (uint a = address; a != 0; a >>= 8) s += a & 0xFF;
        for (int i = 1; i < data.Length; i++) s += data[i];
        return s & 0xFF;
    }

    /// <summary>
    /// Chrysler (opendbc chrysler_checksum, from illmatics.com "Remote Car Hacking"): a CRC-8 with polynomial 0x1D,
    /// initial 0xFF, over all bytes but the last, inverted. Written as opendbc's bit loop.
    /// </summary>
    public static uint Chrysler(ReadOnlySpan<byte> data)
    {
        int checksum = 0xFF;
        for (int j = 0; j < data.Length - 1; j++)
        {
            int shift = 0x80;
            int curr = data[j];
            for (int i = 0; i < 8; i++)
            {
                int bitSum = curr & shift;
                int tempChk = checksum & 0x80;
                if (bitSum != 0)
                {
                    bitSum = tempChk != 0 ? 1 : 0x1C;
                    checksum = (checksum << 1) & 0xFF;
                    tempChk = checksum | 1;
                    bitSum ^= tempChk;
                }
                else
                {
                    if (tempChk != 0) bitSum = 0x1D;
                    checksum = (checksum << 1) & 0xFF;
                    bitSum ^= checksum;
                }
                checksum = bitSum & 0xFF;
                shift >>= 1;
            }
        }
        return (uint)(~checksum & 0xFF);
    }

    /// <summary>
    /// VW MQB/MEB (opendbc volkswagen_mqb_meb_checksum): AUTOSAR E2E profile 2, CRC-8H2F (init 0xFF, final XOR 0xFF)
    /// over bytes 1.. (byte 0 holds the CRC), then over the per-message data ID for the counter in byte 1's low nibble.
    /// A message without a known data ID gets the CRC of the payload alone (opendbc logs it; Pilot's parser will
    /// then report checksum failures, which is the safe outcome).
    /// </summary>
    public static uint VolkswagenMqb(uint address, ReadOnlySpan<byte> data)
    {
        byte crc = 0xFF;
        for (int i = 1; i < data.Length; i++) crc = Crc.Step8H2F(crc, data[i]);
        if (data.Length > 1 && VolkswagenMqbConstants.ByAddress.TryGetValue(address, out var constants))
            crc = Crc.Step8H2F(crc, constants[data[1] & 0x0F]);
        return (uint)(crc ^ 0xFF);
    }

    /// <summary>VW PQ and others (opendbc xor_checksum): XOR of every byte except the checksum byte.</summary>
    public static uint Xor(ReadOnlySpan<byte> data, int checksumByte)
    {
        uint x = 0;
        for (int i = 0; i < data.Length; i++)
            if (i != checksumByte) x ^= data[i];
        return x;
    }

    /// <summary>
    /// Hyundai/Kia CAN FD (opendbc hkg_can_fd_checksum): CRC-16 XMODEM (init 0) over bytes 2.. (bytes 0-1 hold it),
    /// then the address low and high byte, then an XOR that depends on the frame length.
    /// </summary>
    public static uint HyundaiCanFd(uint address, ReadOnlySpan<byte> data)
    {
        ushort crc = 0;
        for (int i = 2; i < data.Length; i++) crc = Crc.StepXmodem(crc, data[i]);
        crc = Crc.StepXmodem(crc, (byte)(address & 0xFF));
        crc = Crc.StepXmodem(crc, (byte)((address >> 8) & 0xFF));
        crc ^= data.Length switch
        {
            8 => 0x5F29,
            16 => 0x041D,
            24 => 0x819D,
            32 => 0x9F5B,
            _ => 0,
        };
        return crc;
    }

    /// <summary>
    /// FCA Giorgio (opendbc fca_giorgio_checksum): CRC-8 SAE J1850 (init 0) over all bytes but the last, then an XOR
    /// per address (opendbc FCA_GIORGIO_CHECKSUM_XORS; 0x0A for all other messages).
    /// </summary>
    public static uint FcaGiorgio(uint address, ReadOnlySpan<byte> data)
    {
        byte crc = 0;
        for (int i = 0; i < data.Length - 1; i++) crc = Crc.StepJ1850(crc, data[i]);
        byte xor = address switch
        {
            0xDE => 0x10,   // EPS_1
            0x106 => 0xF6,  // EPS_2
            0x10E => 0xF6,  // ABS_7
            0x117 => 0xF1,  // LKA_COMMAND_2
            0x122 => 0xF1,  // EPS_3
            0x1F6 => 0xF1,  // LKA_COMMAND
            0x2FA => 0xC4,  // ACC_BUTTON
            0x447 => 0x10,
            0x4AA => 0x10,
            _ => 0x0A,
        };
        return (uint)(crc ^ xor);
    }

    /// <summary>Tesla (opendbc tesla_checksum): address low + high byte + every byte except the checksum byte, modulo 256.</summary>
    public static uint Tesla(uint address, ReadOnlySpan<byte> data, int checksumByte)
    {
        uint s = (address & 0xFF) + ((address >> 8) & 0xFF);
        for (int i = 0; i < data.Length; i++)
            if (i != checksumByte) s += data[i];
        return s & 0xFF;
    }

    /// <summary>
    /// comma body / pedal (opendbc body_checksum, pedal_checksum): CRC-8 polynomial 0xD5, init 0xFF, fed from the
    /// second-to-last byte down to byte 0 (the last byte holds the checksum).
    /// </summary>
    public static uint CommaBody(ReadOnlySpan<byte> data)
    {
        int crc = 0xFF;
        for (int i = data.Length - 2; i >= 0; i--)
        {
            crc ^= data[i];
            for (int j = 0; j < 8; j++) crc = (crc & 0x80) != 0 ? ((crc << 1) ^ 0xD5) & 0xFF : (crc << 1) & 0xFF;
        }
        return (uint)crc;
    }
}
