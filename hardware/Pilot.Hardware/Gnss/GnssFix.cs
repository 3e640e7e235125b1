namespace Pilot.Hardware.Gnss;

/// <summary>Dimension of the solution (gpsd's "mode").</summary>
public enum GnssFixMode : byte { NoFix, Fix2D, Fix3D }

/// <summary>How the solution was obtained (gpsd's "status"; GGA quality indicator, NAV-PVT fixType/flags).</summary>
public enum GnssFixStatus : byte { None, Autonomous, Differential, RtkFloat, RtkFixed, DeadReckoning }

/// <summary>Where a fix came from.</summary>
public enum GnssSource : byte { Nmea, Ubx }

/// <summary>One position/velocity solution, merged from a receiver's epoch (NMEA sentences or one UBX NAV-PVT).</summary>
/// <param name="MonoTimeNs">Monotonic time the epoch completed on this host, ns.</param>
/// <param name="UnixTimeMs">UTC of the solution from the receiver, ms since 1970; 0 when the receiver has no date yet.</param>
/// <param name="LatitudeDeg">WGS-84 latitude, degrees, north positive.</param>
/// <param name="LongitudeDeg">WGS-84 longitude, degrees, east positive.</param>
/// <param name="AltitudeMslM">Height above mean sea level, m; NaN when not reported.</param>
/// <param name="SpeedMps">Speed over ground, m/s; NaN when not reported.</param>
/// <param name="BearingDeg">Course over ground, degrees from true north; NaN when not reported.</param>
/// <param name="HorizontalAccuracyM">Horizontal accuracy, m (UBX hAcc, or estimated from HDOP for NMEA); NaN when unknown.</param>
/// <param name="VerticalAccuracyM">Vertical accuracy, m; NaN when unknown.</param>
/// <param name="SpeedAccuracyMps">Speed accuracy, m/s; NaN when unknown.</param>
/// <param name="SatellitesUsed">Satellites in the solution; -1 when unknown.</param>
/// <param name="SatellitesInView">Satellites in view; -1 when unknown.</param>
/// <param name="Hdop">Horizontal dilution of precision; NaN when unknown (likewise Vdop, Pdop).</param>
public readonly record struct GnssFix(
    long MonoTimeNs, long UnixTimeMs, GnssFixMode Mode, GnssFixStatus Status,
    double LatitudeDeg, double LongitudeDeg, double AltitudeMslM, double SpeedMps, double BearingDeg,
    double HorizontalAccuracyM, double VerticalAccuracyM, double SpeedAccuracyMps,
    int SatellitesUsed, int SatellitesInView, double Hdop, double Vdop, double Pdop, GnssSource Source)
{
    public bool HasFix => Mode != GnssFixMode.NoFix;
}
