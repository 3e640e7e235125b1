namespace Pilot.Car.Model;

/// <summary>One radar track (car.capnp RadarData.RadarPoint); NaN where the radar does not report a quantity.</summary>
public readonly record struct RadarPointData(uint TrackId, double DRel, double YRel, double VRel, double ARel, double YvRel, bool Measured);

/// <summary>Radar faults (car.capnp RadarData.Error).</summary>
[Flags]
public enum RadarErrors
{
    None = 0,
    CanError = 1,
    Fault = 2,
    WrongConfig = 4,
}

/// <summary>The tracks a radar reported in one 20 Hz cycle, and its faults.</summary>
public sealed record RadarTracks(IReadOnlyList<RadarPointData> Points, RadarErrors Errors);
