using System.Globalization;
using System.Text;

namespace Pilot.Can.Logs;

/// <summary>
/// SocketCAN candump log files (<c>candump -l</c>): <c>(1436509052.249713) can0 123#DEADBEEF</c>. Extended ids have
/// 8 hex digits, CAN FD frames <c>##&lt;flags&gt;</c> (bit 0 BRS, bit 1 ESI), remote frames <c>#R</c> with an optional
/// length, error frames the CAN_ERR_FLAG (0x20000000) in the id. Parsing follows python-can's CanutilsLogReader.
/// </summary>
public static class CandumpLog
{
    private const uint ErrorFlag = 0x2000_0000;   // linux/can.h CAN_ERR_FLAG
    private const uint ErrorBusError = 0x80;       // linux/can/error.h CAN_ERR_BUSERROR
    private const int FdBrs = 0x01;                // linux/can.h CANFD_BRS
    private const int FdEsi = 0x02;                // linux/can.h CANFD_ESI

    public static IEnumerable<CanLogFrame> Read(TextReader reader, string file = "<candump>", CanLogLimits? limits = null)
    {
        var lines = new LineSource(reader, file, limits ?? CanLogLimits.Default);
        for (string? line = lines.Next(); line is not null; line = lines.Next())
        {
            string trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed[0] == '#') continue;
            yield return ParseLine(trimmed, lines);
        }
    }

    private static CanLogFrame ParseLine(string line, LineSource lines)
    {
        var parts = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3) lines.Fail("expected '(timestamp) interface id#data'");
        string ts = parts[0];
        if (ts.Length < 3 || ts[0] != '(' || ts[^1] != ')') lines.Fail($"expected a timestamp in parentheses, found '{LineSource.Short(ts)}'");
        double timestamp = lines.ParseDouble(ts[1..^1], "a timestamp");
        string channel = parts[1];
        string frame = parts[2];
        int hash = frame.IndexOf('#');
        if (hash <= 0) lines.Fail($"expected id#data, found '{LineSource.Short(frame)}'");
        string idText = frame[..hash];
        if (idText.Length > 8) lines.Fail($"id '{LineSource.Short(idText)}' has more than 8 hex digits");
        uint id = lines.ParseUInt(idText, 16, "a hexadecimal id");
        string data = frame[(hash + 1)..];
        bool fd = false, brs = false, esi = false, remote = false;
        if (data.Length > 0 && data[0] == '#')
        {
            if (data.Length < 2 || !char.IsAsciiHexDigit(data[1])) lines.Fail("expected a CAN FD flags digit after '##'");
            int flags = Convert.ToInt32(data[1].ToString(), 16);
            fd = true;
            brs = (flags & FdBrs) != 0;
            esi = (flags & FdEsi) != 0;
            data = data[2..];
        }
        byte[] bytes = [];
        int dlc;
        if (data.Length > 0 && (data[0] == 'R' || data[0] == 'r'))
        {
            remote = true;
            dlc = data.Length > 1 ? (int)lines.ParseUInt(data[1..], 10, "a remote frame length") : 0;
        }
        else
        {
            if (data.Length % 2 != 0 || data.Length > 128) lines.Fail($"expected an even number of hex digits (at most 64 bytes), found {data.Length}");
            bytes = new byte[data.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                if (!byte.TryParse(data.AsSpan(2 * i, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[i]))
                    lines.Fail($"expected hex data, found '{LineSource.Short(data)}'");
            }
            dlc = bytes.Length;
        }
        if ((id & ErrorFlag) != 0 && (id & ErrorBusError) != 0)
            return new CanLogFrame { Timestamp = timestamp, Channel = ChannelNumber(channel), ChannelName = channel, IsError = true, Dlc = dlc, Data = bytes };
        return new CanLogFrame
        {
            Timestamp = timestamp,
            Channel = ChannelNumber(channel),
            ChannelName = channel,
            Id = id & 0x1FFF_FFFF,
            IsExtended = idText.Length > 3,
            IsRemote = remote,
            IsFd = fd,
            BitrateSwitch = brs,
            ErrorStateIndicator = esi,
            Dlc = dlc,
            Data = bytes,
        };
    }

    /// <summary>The interface number: "can0" → 0, "vcan1" → 1, "2" → 2; -1 when the name ends in no digits.</summary>
    private static int ChannelNumber(string name)
    {
        int i = name.Length;
        while (i > 0 && char.IsAsciiDigit(name[i - 1])) i--;
        return i < name.Length && int.TryParse(name.AsSpan(i), out int n) ? n : -1;
    }

    /// <summary>Writes frames as a candump log. Frames without an interface name are written on "can&lt;channel&gt;".</summary>
    public static void Write(TextWriter writer, IEnumerable<CanLogFrame> frames)
    {
        var sb = new StringBuilder(200);
        foreach (var f in frames)
        {
            sb.Clear();
            sb.Append('(').Append(f.Timestamp.ToString("F6", CultureInfo.InvariantCulture)).Append(") ");
            sb.Append(f.ChannelName ?? $"can{Math.Max(f.Channel, 0)}").Append(' ');
            if (f.IsError) sb.Append((ErrorFlag | ErrorBusError).ToString("X8", CultureInfo.InvariantCulture));
            // An id above 0x7FF can only be written as a 29-bit id (8 digits), whatever the source log's flag says.
            else sb.Append(f.IsExtended || f.Id > 0x7FF ? f.Id.ToString("X8", CultureInfo.InvariantCulture) : f.Id.ToString("X3", CultureInfo.InvariantCulture));
            sb.Append('#');
            if (f.IsFd) sb.Append('#').Append(((f.BitrateSwitch ? FdBrs : 0) | (f.ErrorStateIndicator ? FdEsi : 0)).ToString("X", CultureInfo.InvariantCulture));
            if (f.IsRemote)
            {
                sb.Append('R');
                if (f.Dlc > 0) sb.Append(f.Dlc.ToString(CultureInfo.InvariantCulture));
            }
            else sb.Append(Convert.ToHexString(f.Data));
            writer.WriteLine(sb.ToString());
        }
    }
}
