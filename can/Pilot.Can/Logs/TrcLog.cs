using System.Globalization;

namespace Pilot.Can.Logs;

/// <summary>
/// PEAK PCAN trace files (.trc), versions 1.0, 1.1, 1.3, 2.0 and 2.1 (column layout from <c>$COLUMNS</c> for 2.x).
/// Timestamps are the file's millisecond offsets in seconds. As in python-can's TRCReader, bus/status/warning
/// lines are skipped; unlike it, remote frames (RTR in 1.x, RR in 2.x) are returned as remote frames rather than
/// dropped. Channels are the file's bus numbers (1 where the version has no bus column).
/// </summary>
public static class TrcLog
{

    public static IEnumerable<CanLogFrame> Read(TextReader reader, string file = "<trc>", CanLogLimits? limits = null)
    {
        var lines = new LineSource(reader, file, limits ?? CanLogLimits.Default);
        string version = "1.0";
        Dictionary<char, int>? columns = null;
        for (string? raw = lines.Next(); raw is not null; raw = lines.Next())
        {
            string line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith(";$FILEVERSION=", StringComparison.Ordinal))
            {
                version = line[";$FILEVERSION=".Length..].Trim();
                if (version is not ("1.1" or "1.2" or "1.3" or "2.0" or "2.1")) lines.Fail($"unsupported TRC file version '{LineSource.Short(version)}' (expected 1.0 to 2.1)");
                continue;
            }
            if (line.StartsWith(";$COLUMNS=", StringComparison.Ordinal))
            {
                var names = line[";$COLUMNS=".Length..].Split(',', StringSplitOptions.TrimEntries);
                columns = [];
                for (int i = 0; i < names.Length; i++)
                    if (names[i].Length == 1) columns[names[i][0]] = i;
                continue;
            }
            if (line[0] == ';') continue;
            var f = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var frame = version[0] == '2' ? ParseV2(f, columns ?? DefaultColumns(version), lines) : ParseV1(f, version, lines);
            if (frame is not null) yield return frame;
        }
    }

    private static Dictionary<char, int> DefaultColumns(string version) => version == "2.0"
        ? new() { ['N'] = 0, ['O'] = 1, ['T'] = 2, ['I'] = 3, ['d'] = 4, ['l'] = 5, ['D'] = 6 }
        : new() { ['N'] = 0, ['O'] = 1, ['T'] = 2, ['B'] = 3, ['I'] = 4, ['d'] = 5, ['R'] = 6, ['L'] = 7, ['D'] = 8 };

    private static CanLogFrame? ParseV1(string[] f, string version, LineSource lines)
    {
        // 1.0: N) time id dlc data      1.1: N) time type id dlc data      1.2/1.3: N) time bus type id reserved dlc data
        int t = version switch { "1.0" => -1, "1.1" => 2, _ => 3 };
        int idColumn = version switch { "1.0" => 2, "1.1" => 3, _ => 4 };
        int dlcColumn = version switch { "1.0" => 3, "1.1" => 4, _ => 6 };
        if (f.Length <= dlcColumn) lines.Fail($"expected at least {dlcColumn + 1} columns for TRC {version}");
        string type = t >= 0 ? f[t] : "Rx";
        string idText = f[idColumn];
        if (idText == "FFFFFFFF" || type is not ("Rx" or "Tx")) return null;   // bus state and warning lines
        double timestamp = lines.ParseDouble(f[1], "a time offset") / 1000;
        int channel = version is "1.2" or "1.3" ? (int)lines.ParseUInt(f[2], 10, "a bus number") : 1;
        uint id = lines.ParseUInt(idText, 16, "a hexadecimal id");
        int dlc = (int)lines.ParseUInt(f[dlcColumn], 10, "a data length");
        bool remote = f.Length > dlcColumn + 1 && f[dlcColumn + 1] == "RTR";
        var data = remote ? [] : Bytes(f, dlcColumn + 1, Math.Min(dlc, 8), lines);
        return new CanLogFrame
        {
            Timestamp = timestamp, Channel = channel, Id = id, IsExtended = idText.Length > 4, IsRemote = remote,
            IsRx = version == "1.0" || type == "Rx", Dlc = dlc, Data = data,
        };
    }

    private static CanLogFrame? ParseV2(string[] f, Dictionary<char, int> c, LineSource lines)
    {
        int tCol = c.GetValueOrDefault('T', -1), oCol = c.GetValueOrDefault('O', -1), iCol = c.GetValueOrDefault('I', -1), dCol = c.GetValueOrDefault('D', -1);
        if (tCol < 0 || oCol < 0 || iCol < 0 || dCol < 0) lines.Fail("$COLUMNS lacks one of O, T, I, D");
        if (f.Length <= Math.Max(tCol, Math.Max(oCol, iCol))) lines.Fail("too few columns");
        string type = f[tCol];
        bool fd = type is "FD" or "FB" or "FE" or "BI";
        if (!fd && type is not ("DT" or "RR")) return null;   // ST status, EC error counters, ER, EV events
        int lastField = c.Where(kv => kv.Key != 'D').Max(kv => kv.Value);
        if (f.Length <= lastField) lines.Fail($"expected at least {lastField + 1} columns as $COLUMNS declares");
        double timestamp = lines.ParseDouble(f[oCol], "a time offset") / 1000;
        string idText = f[iCol];
        uint id = lines.ParseUInt(idText, 16, "a hexadecimal id");
        int channel = c.TryGetValue('B', out int bCol) ? (int)lines.ParseUInt(f[bCol], 10, "a bus number") : 1;
        int length;
        int dlc;
        if (c.TryGetValue('l', out int lCol))
        {
            length = (int)lines.ParseUInt(f[lCol], 10, "a data length");
            dlc = length;
        }
        else if (c.TryGetValue('L', out int bigL))
        {
            dlc = (int)lines.ParseUInt(f[bigL], 10, "a DLC");
            length = FdDlc.Length(dlc);
        }
        else
        {
            lines.Fail("$COLUMNS lacks the length column (l or L)");
            return null;
        }
        if (length > 64) lines.Fail($"data length {length} exceeds 64 bytes");
        bool remote = type == "RR";
        bool rx = !c.TryGetValue('d', out int dirCol) || f[dirCol] == "Rx";
        var data = remote ? [] : Bytes(f, dCol, length, lines);
        return new CanLogFrame
        {
            Timestamp = timestamp, Channel = channel, Id = id, IsExtended = idText.Length > 4, IsRemote = remote, IsRx = rx,
            IsFd = fd, BitrateSwitch = type is "FB" or "BI", ErrorStateIndicator = type is "FE" or "BI", Dlc = dlc, Data = data,
        };
    }

    private static byte[] Bytes(string[] f, int start, int count, LineSource lines)
    {
        if (f.Length < start + count) lines.Fail($"expected {count} data bytes");
        var data = new byte[count];
        for (int i = 0; i < count; i++)
            if (!byte.TryParse(f[start + i], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out data[i]))
                lines.Fail($"expected a hex data byte, found '{LineSource.Short(f[start + i])}'");
        return data;
    }
}
