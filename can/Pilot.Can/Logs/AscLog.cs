using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Pilot.Can.Logs;

/// <summary>
/// Vector ASCII logs (.asc) as CANoe/CANalyzer write them: classic, remote and error frames and CANFD lines; header
/// lines set the number base (<c>base hex|dec</c>). Lines that are not frames (statistics, status, J1939 transport,
/// comments) are skipped. Follows python-can's ASCReader: channels 0-based, relative timestamps, classic frames carry
/// at most 8 data bytes, CAN FD keeps the raw DLC code.
/// </summary>
public static partial class AscLog
{
    // python-can ASC_MESSAGE_REGEX: a timestamp, then a channel with a Tx/Rx frame or an ErrorFrame, or CANFD.
    [GeneratedRegex(@"^\d+\.\d+\s+(\d+\s+(\w+\s+(Tx|Rx)|ErrorFrame)|CANFD)", RegexOptions.CultureInvariant)]
    private static partial Regex FrameLine();


    public static IEnumerable<CanLogFrame> Read(TextReader reader, string file = "<asc>", CanLogLimits? limits = null)
    {
        var lines = new LineSource(reader, file, limits ?? CanLogLimits.Default);
        int numberBase = 16;
        for (string? raw = lines.Next(); raw is not null; raw = lines.Next())
        {
            string line = raw.Trim();
            if (line.StartsWith("base ", StringComparison.OrdinalIgnoreCase))
            {
                var words = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                numberBase = words.Length > 1 && words[1].Equals("dec", StringComparison.OrdinalIgnoreCase) ? 10 : 16;
                continue;
            }
            if (!FrameLine().IsMatch(line)) continue;
            var frame = ParseFrame(line, numberBase, lines);
            if (frame is not null) yield return frame;
        }
    }

    private static CanLogFrame? ParseFrame(string line, int numberBase, LineSource lines)
    {
        var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        double timestamp = lines.ParseDouble(f[0], "a timestamp");
        if (f[1] == "CANFD") return ParseFd(f, timestamp, numberBase, lines);
        int channel = (int)lines.ParseUInt(f[1], 10, "a channel number") - 1;
        if (f[2].Equals("ErrorFrame", StringComparison.OrdinalIgnoreCase))
            return new CanLogFrame { Timestamp = timestamp, Channel = channel, IsError = true };
        if (f.Length < 5) lines.Fail("expected id, direction and frame type");
        var (id, extended) = ParseId(f[2], numberBase, lines);
        bool rx = f[3] == "Rx";
        if (f[4].StartsWith('r') || f[4].StartsWith('R'))
        {
            int dlc = f.Length > 5 && f[5].All(char.IsAsciiDigit) ? (int)lines.ParseUInt(f[5], numberBase, "a remote frame DLC") : 0;
            return new CanLogFrame { Timestamp = timestamp, Channel = channel, Id = id, IsExtended = extended, IsRx = rx, IsRemote = true, Dlc = dlc };
        }
        if (f.Length < 6) lines.Fail("expected the DLC after 'd'");
        int code = (int)lines.ParseUInt(f[5], numberBase, "a DLC");
        int length = FdDlc.Length(code);
        int count = Math.Min(Math.Min(8, length), f.Length - 6);
        var data = ParseBytes(f, 6, count, numberBase, lines);
        return new CanLogFrame { Timestamp = timestamp, Channel = channel, Id = id, IsExtended = extended, IsRx = rx, Dlc = length, Data = data };
    }

    private static CanLogFrame ParseFd(string[] f, double timestamp, int numberBase, LineSource lines)
    {
        if (f.Length < 4) lines.Fail("expected channel and direction after CANFD");
        int channel = (int)lines.ParseUInt(f[2], 10, "a channel number") - 1;
        bool rx = f[3] == "Rx";
        if (f.Length > 4 && f[4].Equals("ErrorFrame", StringComparison.OrdinalIgnoreCase))
            return new CanLogFrame { Timestamp = timestamp, Channel = channel, IsRx = rx, IsError = true, IsFd = true };
        if (f.Length < 9) lines.Fail("expected id, BRS, ESI, DLC and data length in the CANFD line");
        var (id, extended) = ParseId(f[4], numberBase, lines);
        // An optional symbolic name sits between the id and the BRS flag.
        int i = f[5].All(char.IsAsciiDigit) ? 5 : 6;
        if (f.Length < i + 4) lines.Fail("expected BRS, ESI, DLC and data length in the CANFD line");
        bool brs = f[i] == "1";
        bool esi = f[i + 1] == "1";
        int dlc = (int)lines.ParseUInt(f[i + 2], numberBase, "a DLC");
        int length = (int)lines.ParseUInt(f[i + 3], 10, "a data length");
        if (length > 64) lines.Fail($"data length {length} exceeds 64 bytes");
        if (f.Length < i + 4 + length) lines.Fail($"expected {length} data bytes");
        var data = ParseBytes(f, i + 4, length, numberBase, lines);
        return new CanLogFrame
        {
            Timestamp = timestamp, Channel = channel, Id = id, IsExtended = extended, IsRx = rx, IsFd = true,
            BitrateSwitch = brs, ErrorStateIndicator = esi, IsRemote = length == 0, Dlc = dlc, Data = data,
        };
    }

    /// <summary>
    /// The CAN FD DLC code ASC writes: from the payload length (other formats keep lengths, not codes, in Dlc), or
    /// for a remote frame from its Dlc.
    /// </summary>
    private static int DlcCode(CanLogFrame f) =>
        FdDlc.Code(f.IsRemote ? (f.Dlc <= 15 ? FdDlc.Length(f.Dlc) : f.Dlc) : f.Data.Length);

    private static (uint Id, bool Extended) ParseId(string text, int numberBase, LineSource lines)
    {
        bool extended = text.EndsWith('x') || text.EndsWith('X');
        uint id = lines.ParseUInt(extended ? text[..^1] : text, numberBase, "an arbitration id");
        if (id > 0x1FFF_FFFF) lines.Fail($"arbitration id {text} exceeds 29 bits");
        return (id, extended);
    }

    private static byte[] ParseBytes(string[] f, int start, int count, int numberBase, LineSource lines)
    {
        var data = new byte[count];
        for (int k = 0; k < count; k++)
        {
            uint b = lines.ParseUInt(f[start + k], numberBase, "a data byte");
            if (b > 255) lines.Fail($"data byte '{f[start + k]}' exceeds 255");
            data[k] = (byte)b;
        }
        return data;
    }

    /// <summary>Writes an ASC log (hex base, absolute timestamps, python-can ASCWriter's line layout; channels written 1-based).</summary>
    public static void Write(TextWriter writer, IEnumerable<CanLogFrame> frames, DateTime? start = null)
    {
        string date = (start ?? DateTime.UnixEpoch).ToString("ddd MMM dd hh:mm:ss.fff tt yyyy", CultureInfo.InvariantCulture);
        writer.WriteLine($"date {date}");
        writer.WriteLine("base hex  timestamps absolute");
        writer.WriteLine("internal events logged");
        writer.WriteLine("// version 9.0.0");
        writer.WriteLine($"Begin Triggerblock {date}");
        writer.WriteLine("   0.000000 Start of measurement");
        var sb = new StringBuilder(300);
        foreach (var f in frames)
        {
            sb.Clear();
            sb.Append(f.Timestamp.ToString("F6", CultureInfo.InvariantCulture).PadLeft(11)).Append(' ');
            int channel = Math.Max(f.Channel, 0) + 1;
            string id = f.Id.ToString("X", CultureInfo.InvariantCulture) + (f.IsExtended ? "x" : "");
            string dir = f.IsRx ? "Rx" : "Tx";
            if (f.IsFd)
            {
                sb.Append("CANFD ").Append(channel.ToString(CultureInfo.InvariantCulture).PadLeft(3)).Append(' ').Append(dir.PadRight(4)).Append(' ');
                if (f.IsError) sb.Append("ErrorFrame");
                else
                {
                    sb.Append(id.PadLeft(8)).Append(' ').Append(f.BitrateSwitch ? '1' : '0').Append(' ').Append(f.ErrorStateIndicator ? '1' : '0');
                    // ASC marks a CAN FD remote frame by a data length of 0.
                    var payload = f.IsRemote ? [] : f.Data;
                    sb.Append(' ').Append(DlcCode(f).ToString("x", CultureInfo.InvariantCulture)).Append(' ').Append(payload.Length.ToString(CultureInfo.InvariantCulture).PadLeft(2));
                    foreach (byte b in payload) sb.Append(' ').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            else if (f.IsError) sb.Append(channel.ToString(CultureInfo.InvariantCulture)).Append("  ErrorFrame");
            else
            {
                sb.Append(channel.ToString(CultureInfo.InvariantCulture)).Append("  ").Append(id.PadRight(15)).Append(' ').Append(dir.PadRight(4)).Append(' ');
                if (f.IsRemote) sb.Append("r ").Append(f.Dlc.ToString("x", CultureInfo.InvariantCulture));
                else
                {
                    sb.Append("d ").Append(f.Dlc.ToString("x", CultureInfo.InvariantCulture));
                    foreach (byte b in f.Data) sb.Append(' ').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
            writer.WriteLine(sb.ToString());
        }
        writer.WriteLine("End TriggerBlock");
    }
}
