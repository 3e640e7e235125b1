using Pilot.Car.Ports.Honda;
using Pilot.Car.Ports.Sim;

namespace Pilot.Car.Ports;

/// <summary>Every supported platform, the candidates fingerprinting chooses from.</summary>
public static class CarPorts
{
    public static IReadOnlyList<CarPort> All { get; } = [HondaCivic.Instance, SimCar.Instance];

    /// <summary>The port named <paramref name="name"/> (platform name, case-insensitive); throws listing the names.</summary>
    public static CarPort Get(string name) =>
        All.FirstOrDefault(p => string.Equals(p.Platform, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown car '{name}'; known: {string.Join(", ", All.Select(p => p.Platform.ToLowerInvariant()))}", nameof(name));
}
