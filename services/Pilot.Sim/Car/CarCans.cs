using Pilot.Sim.Car.Honda;
using Pilot.Sim.Car.SimCar;

namespace Pilot.Sim.Car;

/// <summary>The cars the simulator can be (<c>--car NAME</c>).</summary>
public static class CarCans
{
    public const string HondaCivic = "honda_civic";
    public const string Sim = "sim";

    public static IReadOnlyList<string> Names { get; } = [HondaCivic, Sim];

    public static ICarCan Create(string name) => name switch
    {
        HondaCivic => new HondaCivicCan(),
        Sim => new SimCarCan(),
        _ => throw new ArgumentException($"unknown car '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };
}
