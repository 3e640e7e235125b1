using Pilot.Sim.Traffic;

namespace Pilot.Sim.Scenarios;

/// <summary>Another vehicle at the start of a scenario.</summary>
/// <param name="GapM">Ego front bumper to its rear bumper along the road at t = 0, m.</param>
/// <param name="Lane">Its lane (0 = leftmost).</param>
/// <param name="SpeedMps">Initial speed, m/s.</param>
/// <param name="Script">What it does later.</param>
public sealed record TrafficSpec(double GapM, int Lane, double SpeedMps, IReadOnlyList<Maneuver> Script);
