using Pilot.Planning.Fusion;

namespace Pilot.Planning.Daemons;

/// <summary>radard settings (command line: <c>pilot radard --help</c>).</summary>
public sealed record RadardOptions
{
    public LeadFusionOptions Fusion { get; init; } = new();
    public double RadarPeriodS { get; init; } = 0.05;   // liveTracks period the Kalman gain is computed for (20 Hz)
    public int MaxTracks { get; init; } = 64;           // radar tracks kept; more are ignored (no radar reports that many)
}
