using Pilot.Sim.Driver;
using Pilot.Sim.Road;

namespace Pilot.Sim.Scenarios;

/// <summary>A drive to simulate: the road, the ego car's start, the traffic, and what the driver does.</summary>
public sealed record Scenario
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required RoadLayout Road { get; init; }
    /// <summary>Ego speed at t = 0, m/s.</summary>
    public required double EgoSpeedMps { get; init; }
    /// <summary>The cruise set speed the driver dials in, m/s.</summary>
    public required double SetSpeedMps { get; init; }
    /// <summary>How long the scenario runs, s.</summary>
    public required double DurationS { get; init; }
    public IReadOnlyList<TrafficSpec> Traffic { get; init; } = [];
    public IReadOnlyList<DriverAction> Driver { get; init; } = [];
}
