using Pilot.Sim.Car;
using Pilot.Sim.Scenarios;

namespace Pilot.Sim.Daemon;

/// <summary>Settings of the simulator daemon.</summary>
public sealed record SimulatorOptions
{
    /// <summary>Scenario name (<see cref="ScenarioRegistry"/>).</summary>
    public string Scenario { get; init; } = ScenarioRegistry.Default;
    /// <summary>Which car it is (<see cref="CarCans"/>).</summary>
    public string Car { get; init; } = CarCans.HondaCivic;
    /// <summary>Real-time factor: simulated seconds per second of the transport's clock.</summary>
    public double Speed { get; init; } = 1.0;
    /// <summary>A symbolic link to the bench device's pseudo-terminal for the bridge to open (null: only the /dev/pts path).</summary>
    public string? Link { get; init; }
    /// <summary>
    /// Services that must be alive before the scenario starts (the car keeps talking on its buses meanwhile): the
    /// driver engages once the stack can see it. For bridgeState, the device must also be in a car's safety mode.
    /// </summary>
    public IReadOnlyList<string> WaitFor { get; init; } = ["bridgeState", "carState", "controlsState"];
    /// <summary>Whether to serve the car on a bench device (false: the world runs and publishes ground truth only).</summary>
    public bool BenchDevice { get; init; } = true;
}
