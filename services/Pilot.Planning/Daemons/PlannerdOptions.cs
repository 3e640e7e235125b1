using Pilot.Planning.Longitudinal;

namespace Pilot.Planning.Daemons;

/// <summary>plannerd settings (command line: <c>pilot plannerd --help</c>). carParams overrides the car's figures when it arrives.</summary>
public sealed record PlannerdOptions
{
    public PlannerOptions Planner { get; init; } = new();
}
