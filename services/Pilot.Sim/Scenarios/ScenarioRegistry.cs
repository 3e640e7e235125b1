using Pilot.Sim.Driver;
using Pilot.Sim.Road;
using Pilot.Sim.Traffic;

namespace Pilot.Sim.Scenarios;

/// <summary>The named scenarios (<c>--scenario NAME</c>). <see cref="Default"/> is what <c>./pilot drive</c> drives.</summary>
public static class ScenarioRegistry
{
    public const string Default = "highway";

    private static readonly Dictionary<string, Func<Scenario>> Factories = new(StringComparer.Ordinal)
    {
        ["highway"] = Highway,
        ["lead-brake"] = LeadBrake,
        ["stopped-car"] = StoppedCar,
        ["cut-in"] = CutIn,
        ["stop-and-go"] = StopAndGo,
        ["curves"] = Curves,
        ["brake-disengage"] = BrakeDisengage,
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    /// <summary>The scenario called <paramref name="name"/>, built fresh.</summary>
    public static Scenario Get(string name) => Factories.TryGetValue(name, out var f) ? f()
        : throw new ArgumentException($"unknown scenario '{name}' (known: {string.Join(", ", Factories.Keys)})", nameof(name));

    // Lane indices on the three-lane roads (0 = leftmost): the ego drives in the middle one.
    private const int Left = 0, Ego = 1;
    private static double LaneCenter(int lane) => (Ego - lane) * RoadLayout.DefaultLaneWidthM;

    private static Scenario Highway() => new()
    {
        Name = "highway",
        Description = "30 m/s on a three-lane highway with 500 m radius curves alternating left and right; a lead cruises ahead at 28 m/s",
        Road = RoadBuilder.AlternatingCurves(lengthM: 30 * 200 + 1000, radiusM: 500, arcM: 400, transitionM: 100, straightM: 300),
        EgoSpeedMps = 30,
        SetSpeedMps = 30,
        DurationS = 180,
        Traffic =
        [
            new TrafficSpec(GapM: 70, Ego, SpeedMps: 28, []),
            new TrafficSpec(GapM: 20, Left, SpeedMps: 31, []),
        ],
    };

    private static Scenario LeadBrake() => new()
    {
        Name = "lead-brake",
        Description = "following a lead at 30 m/s; at 20 s it brakes at 3 m/s² to a stop",
        Road = RoadBuilder.Straight(3000),
        EgoSpeedMps = 30,
        SetSpeedMps = 30,
        DurationS = 45,
        Traffic = [new TrafficSpec(GapM: 50, Ego, SpeedMps: 30, [new ChangeSpeed(20, 0, 3)])],
    };

    private static Scenario StoppedCar() => new()
    {
        Name = "stopped-car",
        Description = "approaching a stopped car at 25 m/s from 200 m",
        Road = RoadBuilder.Straight(1000),
        EgoSpeedMps = 25,
        SetSpeedMps = 25,
        DurationS = 30,
        Traffic = [new TrafficSpec(GapM: 200, Ego, SpeedMps: 0, [])],
    };

    private static Scenario CutIn() => new()
    {
        Name = "cut-in",
        Description = "at 25 m/s, a car in the left lane at 22 m/s cuts in at 12 s, moving sideways at 1 m/s",
        Road = RoadBuilder.Straight(2000),
        EgoSpeedMps = 25,
        SetSpeedMps = 25,
        DurationS = 40,
        Traffic = [new TrafficSpec(GapM: 60, Left, SpeedMps: 22, [new ChangeLateral(12, LaneCenter(Ego), 1.0)])],
    };

    private static Scenario StopAndGo() => new()
    {
        Name = "stop-and-go",
        Description = "following a lead at 15 m/s that stops (2 m/s²), waits 5 s and pulls away (1.5 m/s²), three times",
        Road = RoadBuilder.Straight(2500),
        EgoSpeedMps = 15,
        SetSpeedMps = 20,
        DurationS = 100,
        Traffic = [new TrafficSpec(GapM: 30, Ego, SpeedMps: 15, [.. Maneuvers.StopAndGo(10, 15, 2, 1.5, 5, 10, 3)])],
    };

    private static Scenario Curves() => new()
    {
        Name = "curves",
        Description = "25 m/s through 250 m radius curves alternating left and right (2.5 m/s² lateral), no traffic",
        Road = RoadBuilder.AlternatingCurves(lengthM: 25 * 90 + 500, radiusM: 250, arcM: 250, transitionM: 80, straightM: 150),
        EgoSpeedMps = 25,
        SetSpeedMps = 25,
        DurationS = 90,
    };

    private static Scenario BrakeDisengage() => new()
    {
        Name = "brake-disengage",
        Description = "cruising at 30 m/s; at 10 s the driver presses the brake for 1 s",
        Road = RoadBuilder.Straight(1500),
        EgoSpeedMps = 30,
        SetSpeedMps = 30,
        DurationS = 20,
        Driver = [new PressPedals(10, 1.0, Brake: 0.3, Gas: 0)],
    };
}
