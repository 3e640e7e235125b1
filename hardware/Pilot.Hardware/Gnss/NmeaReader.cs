using System.Buffers.Text;
using System.Text;

namespace Pilot.Hardware.Gnss;

/// <summary>
/// Reads the fields of one checksummed NMEA sentence in order, without allocating. Empty fields are "not reported"
/// (NaN / -1 / 0); malformed fields throw <see cref="NmeaFormatException"/> with the field index and byte offset.
/// </summary>
public ref struct NmeaReader
{
    private readonly ReadOnlySpan<byte> _s;  // '$' .. last byte before '*'
    private int _pos;                        // offset of the next field's first byte; > _s.Length at the end
    private int _field;                      // 1-based index of the next field

    private NmeaReader(ReadOnlySpan<byte> body, ReadOnlySpan<byte> address)
    {
        _s = body;
        Address = address;
        _pos = address.Length + 2;
        _field = 1;
    }

    /// <summary>The address field, e.g. "GPGGA" (talker "GP", formatter "GGA").</summary>
    public ReadOnlySpan<byte> Address { get; }

    /// <summary>The two-letter talker of a standard sentence; empty for proprietary ("P...") sentences.</summary>
    public readonly ReadOnlySpan<byte> Talker => Address.Length == 5 && Address[0] != (byte)'P' ? Address[..2] : default;

    /// <summary>The three-letter formatter of a standard sentence ("GGA"); the whole address otherwise.</summary>
    public readonly ReadOnlySpan<byte> Formatter => Address.Length == 5 && Address[0] != (byte)'P' ? Address[2..] : Address;

    /// <summary>Validates framing and checksum and positions the reader at field 1.</summary>
    public static NmeaReader Create(ReadOnlySpan<byte> sentence)
    {
        NmeaFrameError error = NmeaFrame.Validate(sentence, out int offset);
        if (error != NmeaFrameError.None)
            GnssThrow.Nmea($"invalid sentence: {error}", Printable(sentence), 0, offset);
        ReadOnlySpan<byte> body = sentence[..sentence.LastIndexOf((byte)'*')];
        int comma = body.IndexOf((byte)',');
        ReadOnlySpan<byte> address = comma < 0 ? body[1..] : body[1..comma];
        return new NmeaReader(body, address);
    }

    /// <summary>The next field; false when the sentence has no more fields.</summary>
    public bool TryReadField(out ReadOnlySpan<byte> field)
    {
        if (_pos > _s.Length) { field = default; return false; }
        int end = _s[_pos..].IndexOf((byte)',');
        end = end < 0 ? _s.Length : _pos + end;
        field = _s[_pos..end];
        _pos = end + 1;
        _field++;
        return true;
    }

    /// <summary>The next field; a missing field (short sentence) is treated as empty.</summary>
    public ReadOnlySpan<byte> ReadField() => TryReadField(out var f) ? f : default;

    public void Skip(int fields)
    {
        for (int i = 0; i < fields; i++) ReadField();
    }

    /// <summary>A decimal number; NaN when empty.</summary>
    public double ReadDouble()
    {
        int start = _pos;
        ReadOnlySpan<byte> f = ReadField();
        if (f.IsEmpty) return double.NaN;
        if (!NmeaNumber.TryParse(f, out double value)) Fail("not a number", start);
        return value;
    }

    /// <summary>A non-negative integer; -1 when empty.</summary>
    public int ReadInt()
    {
        int start = _pos;
        ReadOnlySpan<byte> f = ReadField();
        if (f.IsEmpty) return -1;
        if (!Utf8Parser.TryParse(f, out int value, out int used) || used != f.Length || value < 0) Fail("not an integer", start);
        return value;
    }

    /// <summary>One character; 0 when empty.</summary>
    public byte ReadChar()
    {
        int start = _pos;
        ReadOnlySpan<byte> f = ReadField();
        if (f.Length > 1) Fail("expected one character", start);
        return f.IsEmpty ? (byte)0 : f[0];
    }

    /// <summary>
    /// A (d)ddmm.mmmm coordinate and its hemisphere field, as signed degrees; NaN when empty. <paramref name="negative"/>
    /// is 'S' for latitude or 'W' for longitude.
    /// </summary>
    public double ReadCoordinate(byte positive, byte negative, double maxDeg)
    {
        int start = _pos;
        double raw = ReadDouble();
        double value = double.NaN;
        if (!double.IsNaN(raw))
        {
            double degrees = Math.Floor(raw / 100);
            double minutes = raw - degrees * 100;
            value = degrees + minutes / 60;
            if (minutes >= 60 || value > maxDeg) Fail($"coordinate {raw} out of range", start);
        }
        int hemisphereStart = _pos;
        byte hemisphere = ReadChar();
        if (double.IsNaN(value)) return value;
        if (hemisphere == negative) return -value;
        if (hemisphere != positive) Fail($"hemisphere must be {(char)positive} or {(char)negative}", hemisphereStart);
        return value;
    }

    /// <summary>hhmmss(.sss) as ms since midnight; -1 when empty.</summary>
    public int ReadTimeOfDayMs()
    {
        int start = _pos;
        double t = ReadDouble();
        if (double.IsNaN(t)) return -1;
        int hh = (int)(t / 10000), mm = (int)(t / 100) % 100;
        double ss = t - hh * 10000 - mm * 100;
        if (hh > 23 || mm > 59 || ss >= 61) Fail($"time {t} out of range", start);
        return (int)Math.Round(((hh * 60 + mm) * 60 + ss) * 1000);
    }

    /// <summary>ddmmyy as days since 1970-01-01 (years 80..99 are 19xx, as gpsd reads them); -1 when empty.</summary>
    public int ReadDateDays()
    {
        int start = _pos;
        int v = ReadInt();
        if (v < 0) return -1;
        int dd = v / 10000, mo = v / 100 % 100, yy = v % 100;
        int year = yy >= 80 ? 1900 + yy : 2000 + yy;
        if (mo is < 1 or > 12 || dd < 1 || dd > DateTime.DaysInMonth(year, mo)) Fail($"date {v:D6} out of range", start);
        return (int)(new DateOnly(year, mo, dd).DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber);
    }

    private readonly void Fail(string message, int offset) =>
        GnssThrow.Nmea(message, Encoding.ASCII.GetString(Address), _field - 1, offset);

    internal static string Printable(ReadOnlySpan<byte> s)
    {
        s = NmeaFrame.TrimEnd(s);
        var sb = new StringBuilder(Math.Min(s.Length, 40));
        foreach (byte b in s[..Math.Min(s.Length, 40)]) sb.Append(b is >= 0x20 and <= 0x7E ? (char)b : '.');
        return sb.ToString();
    }
}
