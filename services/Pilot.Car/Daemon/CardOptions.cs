using Pilot.Car.Ports;

namespace Pilot.Car.Daemon;

/// <summary>How card runs.</summary>
public sealed record CardOptions
{
    /// <summary>Platform to use without fingerprinting (`--car`), or null to recognize the car from its traffic.</summary>
    public string? Car { get; init; }

    /// <summary>Where the DBC files are (default: beside the binaries).</summary>
    public DbcFolder Dbc { get; init; } = DbcFolder.Default;

    /// <summary>Ports fingerprinting chooses from.</summary>
    public IReadOnlyList<CarPort> Candidates { get; init; } = CarPorts.All;
}
