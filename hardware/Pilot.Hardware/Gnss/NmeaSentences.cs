namespace Pilot.Hardware.Gnss;

/// <summary>GGA, fix data (NMEA 0183 v4.11 §8.3.36). Empty fields are NaN / -1.</summary>
/// <param name="Quality">Quality indicator: 0 invalid, 1 GPS, 2 DGPS, 3 PPS, 4 RTK fixed, 5 RTK float, 6 dead reckoning.</param>
public readonly record struct GgaSentence(int TimeOfDayMs, double LatitudeDeg, double LongitudeDeg, int Quality,
    int SatellitesUsed, double Hdop, double AltitudeMslM, double GeoidSeparationM)
{
    public static GgaSentence Read(ref NmeaReader r)
    {
        int time = r.ReadTimeOfDayMs();
        double lat = r.ReadCoordinate((byte)'N', (byte)'S', 90);
        double lon = r.ReadCoordinate((byte)'E', (byte)'W', 180);
        int quality = r.ReadInt();
        int sats = r.ReadInt();
        double hdop = r.ReadDouble();
        double alt = r.ReadDouble();
        r.Skip(1); // 'M'
        double geoid = r.ReadDouble();
        return new GgaSentence(time, lat, lon, quality, sats, hdop, alt, geoid);
    }
}

/// <summary>RMC, recommended minimum data (§8.3.74). Speed arrives in knots and is stored in m/s.</summary>
/// <param name="Valid">Status 'A' (valid) versus 'V' (warning).</param>
/// <param name="Mode">Mode indicator (NMEA 2.3+): A autonomous, D differential, E estimated, N not valid, R/F RTK; 0 if absent.</param>
public readonly record struct RmcSentence(int TimeOfDayMs, bool Valid, double LatitudeDeg, double LongitudeDeg,
    double SpeedMps, double CourseDeg, int DateDays, byte Mode)
{
    public const double MetersPerSecondPerKnot = 1852.0 / 3600.0; // 1 knot = 1 nautical mile (1852 m) per hour

    public static RmcSentence Read(ref NmeaReader r)
    {
        int time = r.ReadTimeOfDayMs();
        bool valid = r.ReadChar() == (byte)'A';
        double lat = r.ReadCoordinate((byte)'N', (byte)'S', 90);
        double lon = r.ReadCoordinate((byte)'E', (byte)'W', 180);
        double speed = r.ReadDouble() * MetersPerSecondPerKnot;
        double course = r.ReadDouble();
        int date = r.ReadDateDays();
        r.Skip(2); // magnetic variation and its direction
        byte mode = r.ReadChar();
        return new RmcSentence(time, valid, lat, lon, speed, course, date, mode);
    }
}

/// <summary>GSA, DOP and active satellites (§8.3.40).</summary>
/// <param name="FixType">1 no fix, 2 2D, 3 3D.</param>
public readonly record struct GsaSentence(int FixType, int SatellitesUsed, double Pdop, double Hdop, double Vdop)
{
    public const int SatelliteFields = 12;

    public static GsaSentence Read(ref NmeaReader r)
    {
        r.ReadChar(); // selection mode M/A
        int fixType = r.ReadInt();
        int used = 0;
        for (int i = 0; i < SatelliteFields; i++)
            if (!r.ReadField().IsEmpty) used++;
        return new GsaSentence(fixType, used, r.ReadDouble(), r.ReadDouble(), r.ReadDouble());
    }
}

/// <summary>GSV, satellites in view (§8.3.46); one of <see cref="MessageCount"/> messages of up to four satellites.</summary>
/// <param name="MaxSnrDbHz">Strongest carrier-to-noise density in this message, dB-Hz; -1 when none reported.</param>
public readonly record struct GsvSentence(int MessageCount, int MessageNumber, int SatellitesInView, int SatellitesListed, int MaxSnrDbHz)
{
    public static GsvSentence Read(ref NmeaReader r)
    {
        int count = r.ReadInt(), number = r.ReadInt(), inView = r.ReadInt();
        int listed = 0, maxSnr = -1;
        // Blocks of four fields (PRN, elevation, azimuth, SNR); NMEA 4.10 adds one lone trailing signal-ID field.
        for (int block = 0; block < 4; block++)
        {
            if (!r.TryReadField(out var prn) || !r.TryReadField(out _)) break;
            r.Skip(1);
            int snr = r.ReadInt();
            if (!prn.IsEmpty) listed++;
            maxSnr = Math.Max(maxSnr, snr);
        }
        return new GsvSentence(count, number, inView, listed, maxSnr);
    }
}

/// <summary>VTG, course and speed over ground (§8.3.98).</summary>
public readonly record struct VtgSentence(double CourseTrueDeg, double SpeedMps, byte Mode)
{
    public static VtgSentence Read(ref NmeaReader r)
    {
        double course = r.ReadDouble();
        r.Skip(1);                  // 'T'
        r.Skip(2);                  // magnetic course, 'M'
        double knots = r.ReadDouble();
        r.Skip(1);                  // 'N'
        double kph = r.ReadDouble();
        r.Skip(1);                  // 'K'
        byte mode = r.ReadChar();
        double speed = !double.IsNaN(kph) ? kph / 3.6 : knots * RmcSentence.MetersPerSecondPerKnot;
        return new VtgSentence(course, speed, mode);
    }
}
