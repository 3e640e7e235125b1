using System.Globalization;
using Pilot.Bridge.Protocol;

namespace Pilot.Bridge.Adapters;

/// <summary>
/// Lawicel SLCAN ASCII: frame lines ("t1238DEADBEEF…", optional 4-digit millisecond timestamp) and the bitrate table.
/// CAN FD lines follow the CANable 2 extension: d/D (FD), b/B (FD with bitrate switch), DLC as one hex digit 0..F.
/// </summary>
public static class SlcanCodec
{
    /// <summary>S0..S8 bitrates in bit/s.</summary>
    public static ReadOnlySpan<int> Bitrates => [10_000, 20_000, 50_000, 100_000, 125_000, 250_000, 500_000, 800_000, 1_000_000];

    /// <summary>Y-command FD data bitrates in bit/s (index = digit).</summary>
    public static ReadOnlySpan<int> DataBitrates => [0, 1_000_000, 2_000_000, 3_000_000, 4_000_000, 5_000_000];

    public const int TimestampWrapMs = 60_000;  // SLCAN timestamps count milliseconds modulo one minute
    public const int MaxLineLength = 1 + 8 + 1 + 128 + 4;  // 'T', 29-bit id, DLC, 64 data bytes in hex, timestamp

    /// <summary>The S command for a bitrate; throws when SLCAN has no code for it.</summary>
    public static string BitrateCommand(int bitrate)
    {
        int index = Bitrates.IndexOf(bitrate);
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(bitrate), $"SLCAN has no S code for {bitrate} bit/s (S0..S8: 10k 20k 50k 100k 125k 250k 500k 800k 1M)");
        return $"S{index}";
    }

    public static string DataBitrateCommand(int dataBitrate)
    {
        int index = DataBitrates.IndexOf(dataBitrate);
        if (index <= 0) throw new ArgumentOutOfRangeException(nameof(dataBitrate), $"SLCAN has no Y code for a {dataBitrate} bit/s data phase (Y1..Y5: 1M..5M)");
        return $"Y{index}";
    }

    /// <summary>Formats a frame as an SLCAN transmit line (without the trailing CR) into <paramref name="line"/>; returns its length.</summary>
    public static int Format(in CanFrame frame, Span<char> line)
    {
        char kind = frame.Kind == FrameKind.Remote ? 'r' : frame.Fd ? (frame.BitrateSwitch ? 'b' : 'd') : 't';
        if (frame.Extended) kind = char.ToUpperInvariant(kind);
        int n = 0;
        line[n++] = kind;
        int idDigits = frame.Extended ? 8 : 3;
        for (int i = idDigits - 1; i >= 0; i--) line[n++] = Hex((int)(frame.Address >> (4 * i)) & 0xF);
        line[n++] = Hex(Dlc.FromLength(frame.Length));
        if (frame.Kind != FrameKind.Remote)
        {
            var copy = frame;
            foreach (byte b in copy.Data)
            {
                line[n++] = Hex(b >> 4);
                line[n++] = Hex(b & 0xF);
            }
        }
        return n;
    }

    /// <summary>
    /// Parses a received frame line (without CR). Returns null and the frame on success, else what was wrong.
    /// <paramref name="timestampMs"/> is the device's stamp, or -1 when the line had none.
    /// </summary>
    public static string? TryParse(ReadOnlySpan<char> line, out CanFrame frame, out int timestampMs)
    {
        frame = default;
        timestampMs = -1;
        if (line.IsEmpty) return "empty line";
        char kind = line[0];
        bool extended = char.IsUpper(kind);
        bool remote = kind is 'r' or 'R', fd = kind is 'd' or 'D' or 'b' or 'B';
        if (!(remote || fd || kind is 't' or 'T')) return $"'{kind}' is not a frame type";
        int idDigits = extended ? 8 : 3;
        if (line.Length < 1 + idDigits + 1) return $"line of {line.Length} characters is too short for a {(extended ? "29" : "11")}-bit frame header";
        if (!uint.TryParse(line.Slice(1, idDigits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint id))
            return $"identifier '{line.Slice(1, idDigits)}' is not hex";
        if (id > (extended ? 0x1FFF_FFFFu : 0x7FFu)) return $"identifier 0x{id:X} is out of range";
        int dlc = HexValue(line[1 + idDigits]);
        if (dlc < 0 || (!fd && dlc > 8)) return $"DLC '{line[1 + idDigits]}' at column {2 + idDigits} is not valid for this frame type";
        int length = Dlc.ToLength(dlc);
        int dataChars = remote ? 0 : 2 * length;
        int rest = line.Length - (2 + idDigits) - dataChars;
        if (rest is not (0 or 4)) return $"{line.Length} characters do not match DLC {dlc} (expected {2 + idDigits + dataChars}, or 4 more with a timestamp)";
        frame = new CanFrame { Address = id, Extended = extended, Fd = fd, BitrateSwitch = kind is 'b' or 'B', Length = (byte)length, Kind = remote ? FrameKind.Remote : FrameKind.Data };
        var data = frame.Data;
        for (int i = 0; i < dataChars / 2; i++)
        {
            int hi = HexValue(line[2 + idDigits + 2 * i]), lo = HexValue(line[3 + idDigits + 2 * i]);
            if (hi < 0 || lo < 0) return $"data byte {i} at column {3 + idDigits + 2 * i} is not hex";
            if (!remote) data[i] = (byte)(hi << 4 | lo);
        }
        if (rest == 4)
        {
            if (!int.TryParse(line[^4..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out timestampMs) || timestampMs >= TimestampWrapMs)
                return $"timestamp '{line[^4..]}' is not a hex millisecond count below 60000";
        }
        return null;
    }

    private static char Hex(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);

    private static int HexValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'F' => c - 'A' + 10,
        >= 'a' and <= 'f' => c - 'a' + 10,
        _ => -1,
    };
}
