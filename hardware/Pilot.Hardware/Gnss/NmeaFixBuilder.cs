namespace Pilot.Hardware.Gnss;

/// <summary>
/// Merges the sentences of one receiver epoch into a <see cref="GnssFix"/>, the way gpsd does: GGA and RMC carry the
/// epoch's UTC time; the fix is emitted once both have arrived for that time, or when the time moves on. GSA supplies
/// the DOPs and fix dimension, GSV the satellites in view, VTG speed and course when RMC is absent.
/// </summary>
public sealed class NmeaFixBuilder
{
    // Accuracy from DOP × user-equivalent range error, 95 % confidence, as gpsd estimates it (gpsd.h H_UERE_*, V_UERE_*).
    public const double HorizontalUereM = 15.0, VerticalUereM = 23.0;          // m, autonomous
    public const double HorizontalUereDgpsM = 3.75, VerticalUereDgpsM = 5.75;  // m, differential
    private const int Talkers = 7; // GP, GL, GA, GB/BD, GQ, GI, other: GSV counts are per constellation

    private readonly int[] _inViewByTalker = new int[Talkers];
    private int _epochTimeMs = -1;
    private bool _hasGga, _hasRmc, _pending;
    private GgaSentence _gga;
    private RmcSentence _rmc;
    private GsaSentence _gsa = new(-1, 0, double.NaN, double.NaN, double.NaN);
    private VtgSentence _vtg = new(double.NaN, double.NaN, 0);

    /// <summary>Satellites in view summed over constellations, from the latest GSV of each; -1 before any GSV.</summary>
    public int SatellitesInView { get; private set; } = -1;

    /// <summary>Sentences of formatters this builder does not use (GLL, ZDA, TXT, proprietary ...).</summary>
    public long Ignored { get; private set; }

    /// <summary>Consumes one sentence; true when it completed an epoch, with the fix in <paramref name="fix"/>.</summary>
    public bool Accept(ref NmeaReader reader, long monoTimeNs, out GnssFix fix)
    {
        fix = default;
        ReadOnlySpan<byte> f = reader.Formatter;
        if (f.SequenceEqual("GGA"u8))
        {
            var gga = GgaSentence.Read(ref reader);
            bool emitted = NextEpoch(gga.TimeOfDayMs, monoTimeNs, out fix);
            _gga = gga; _hasGga = true; _pending = true;
            return emitted || TryComplete(monoTimeNs, out fix);
        }
        if (f.SequenceEqual("RMC"u8))
        {
            var rmc = RmcSentence.Read(ref reader);
            bool emitted = NextEpoch(rmc.TimeOfDayMs, monoTimeNs, out fix);
            _rmc = rmc; _hasRmc = true; _pending = true;
            return emitted || TryComplete(monoTimeNs, out fix);
        }
        if (f.SequenceEqual("GSA"u8)) _gsa = GsaSentence.Read(ref reader);
        else if (f.SequenceEqual("VTG"u8)) _vtg = VtgSentence.Read(ref reader);
        else if (f.SequenceEqual("GSV"u8))
        {
            var gsv = GsvSentence.Read(ref reader);
            if (gsv.MessageNumber == 1)
            {
                _inViewByTalker[TalkerIndex(reader.Talker)] = Math.Max(gsv.SatellitesInView, 0);
                SatellitesInView = _inViewByTalker.Sum();
            }
        }
        else Ignored++;
        return false;
    }

    private bool NextEpoch(int timeOfDayMs, long monoTimeNs, out GnssFix fix)
    {
        fix = default;
        if (timeOfDayMs == _epochTimeMs) return false;
        bool emitted = _pending;
        if (emitted) fix = Build(monoTimeNs);
        _epochTimeMs = timeOfDayMs;
        _hasGga = _hasRmc = _pending = false;
        return emitted;
    }

    private bool TryComplete(long monoTimeNs, out GnssFix fix)
    {
        fix = default;
        if (!(_hasGga && _hasRmc)) return false;
        fix = Build(monoTimeNs);
        _pending = false;
        return true;
    }

    private GnssFix Build(long monoTimeNs)
    {
        GnssFixStatus status = _hasGga ? StatusFromQuality(_gga.Quality) : _hasRmc ? StatusFromMode(_rmc.Mode) : GnssFixStatus.None;
        bool valid = status != GnssFixStatus.None && (!_hasRmc || _rmc.Valid);
        GnssFixMode mode = !valid ? GnssFixMode.NoFix
            : _gsa.FixType == 2 ? GnssFixMode.Fix2D
            : _gsa.FixType == 3 || (_hasGga && !double.IsNaN(_gga.AltitudeMslM)) ? GnssFixMode.Fix3D : GnssFixMode.Fix2D;
        double hdop = _hasGga && !double.IsNaN(_gga.Hdop) ? _gga.Hdop : _gsa.Hdop;
        bool dgps = status is GnssFixStatus.Differential or GnssFixStatus.RtkFixed or GnssFixStatus.RtkFloat;
        long unixMs = _hasRmc && _rmc.DateDays >= 0 && _epochTimeMs >= 0 ? _rmc.DateDays * 86_400_000L + _epochTimeMs : 0;
        return new GnssFix(monoTimeNs, unixMs, mode, status,
            _hasGga ? _gga.LatitudeDeg : _hasRmc ? _rmc.LatitudeDeg : double.NaN,
            _hasGga ? _gga.LongitudeDeg : _hasRmc ? _rmc.LongitudeDeg : double.NaN,
            _hasGga ? _gga.AltitudeMslM : double.NaN,
            _hasRmc ? _rmc.SpeedMps : _vtg.SpeedMps,
            _hasRmc ? _rmc.CourseDeg : _vtg.CourseTrueDeg,
            hdop * (dgps ? HorizontalUereDgpsM : HorizontalUereM),
            _gsa.Vdop * (dgps ? VerticalUereDgpsM : VerticalUereM),
            double.NaN,
            _hasGga && _gga.SatellitesUsed >= 0 ? _gga.SatellitesUsed : _gsa.SatellitesUsed,
            SatellitesInView, hdop, _gsa.Vdop, _gsa.Pdop, GnssSource.Nmea);
    }

    private static GnssFixStatus StatusFromQuality(int quality) => quality switch
    {
        1 or 3 => GnssFixStatus.Autonomous,
        2 => GnssFixStatus.Differential,
        4 => GnssFixStatus.RtkFixed,
        5 => GnssFixStatus.RtkFloat,
        6 => GnssFixStatus.DeadReckoning,
        _ => GnssFixStatus.None,
    };

    private static GnssFixStatus StatusFromMode(byte mode) => mode switch
    {
        (byte)'A' or 0 => GnssFixStatus.Autonomous, // NMEA < 2.3 has no mode field: validity comes from RMC status
        (byte)'D' => GnssFixStatus.Differential,
        (byte)'R' => GnssFixStatus.RtkFixed,
        (byte)'F' => GnssFixStatus.RtkFloat,
        (byte)'E' => GnssFixStatus.DeadReckoning,
        _ => GnssFixStatus.None,
    };

    private static int TalkerIndex(ReadOnlySpan<byte> talker) =>
        talker.SequenceEqual("GP"u8) ? 0 : talker.SequenceEqual("GL"u8) ? 1 : talker.SequenceEqual("GA"u8) ? 2
        : talker.SequenceEqual("GB"u8) || talker.SequenceEqual("BD"u8) ? 3 : talker.SequenceEqual("GQ"u8) ? 4
        : talker.SequenceEqual("GI"u8) ? 5 : 6;
}
