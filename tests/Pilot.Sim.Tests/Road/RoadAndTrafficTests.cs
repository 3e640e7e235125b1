using Pilot.Sim.Road;
using Pilot.Sim.Scenarios;
using Pilot.Sim.Traffic;

namespace Pilot.Sim.Tests.Road;

public class RoadAndTrafficTests
{
    [Fact]
    public void CurvatureFollowsStraightsClothoidsAndArcs()
    {
        var road = new RoadLayout([RoadSegment.Straight(100), RoadSegment.Clothoid(50, 0, 0.002), RoadSegment.Arc(200, 500, left: true),
            RoadSegment.Clothoid(50, 0.002, -0.004), RoadSegment.Arc(100, 250, left: false)]);
        Assert.Equal(0, road.CurvatureAt(50));
        Assert.Equal(0.001, road.CurvatureAt(125), 1e-12);          // halfway through the entry clothoid
        Assert.Equal(0.002 / 50, road.CurvatureRateAt(125), 1e-12);
        Assert.Equal(0.002, road.CurvatureAt(250), 1e-12);
        Assert.Equal(0, road.CurvatureRateAt(250));
        Assert.Equal(-0.001, road.CurvatureAt(375), 1e-12);         // a reverse clothoid passes through zero
        Assert.Equal(-0.004, road.CurvatureAt(450), 1e-12);
        Assert.Equal(0, road.CurvatureAt(600));                     // straight on past the end
        Assert.Equal(500, road.LengthM);
    }

    [Fact]
    public void LanesAreNumberedFromTheLeftAroundTheEgoLane()
    {
        var road = new RoadLayout([RoadSegment.Straight(10)], laneCount: 3, egoLane: 1);
        Assert.Equal(3.6, road.LaneCenter(0), 1e-12);
        Assert.Equal(0, road.LaneCenter(1));
        Assert.Equal(-3.6, road.LaneCenter(2), 1e-12);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RoadLayout([RoadSegment.Straight(10)], laneCount: 2, egoLane: 2));
        Assert.Throws<ArgumentException>(() => new RoadLayout([RoadSegment.Straight(0)]));
    }

    [Fact]
    public void AlternatingCurvesTurnLeftThenRightWithContinuousCurvature()
    {
        var road = RoadBuilder.AlternatingCurves(lengthM: 3000, radiusM: 500, arcM: 400, transitionM: 100, straightM: 300);
        Assert.True(road.LengthM >= 3000);
        Assert.Equal(1 / 500.0, road.CurvatureAt(300 + 100 + 200), 1e-12);
        Assert.Equal(-1 / 500.0, road.CurvatureAt(900 + 300 + 100 + 200), 1e-12);
        double worstJump = 0;
        for (double s = 1; s < road.LengthM; s += 1) worstJump = Math.Max(worstJump, Math.Abs(road.CurvatureAt(s) - road.CurvatureAt(s - 1)));
        Assert.True(worstJump <= 1 / 500.0 / 100 + 1e-12, $"curvature jumps by {worstJump} 1/m in a metre");
    }

    [Fact]
    public void ALeadBrakesToAStopAtItsDeceleration()
    {
        var lead = new TrafficVehicle(100, 0, 30, [new ChangeSpeed(2, 0, 3)]);
        double s0 = lead.CenterS;
        for (int i = 0; i < 200; i++) lead.Step(i * 0.01, 0.01);
        Assert.Equal(30, lead.Speed);
        for (int i = 200; i < 700; i++) lead.Step(i * 0.01, 0.01);
        Assert.Equal(15, lead.Speed, 1e-9);
        Assert.Equal(-3, lead.Accel, 1e-9);
        for (int i = 700; i < 1400; i++) lead.Step(i * 0.01, 0.01);
        Assert.Equal(0, lead.Speed);
        Assert.Equal(60 + 30 * 30 / (2 * 3.0), lead.CenterS - s0, 1e-6);   // 2 s cruising, then v²/2a
    }

    [Fact]
    public void ACutInMovesSidewaysAtItsLateralSpeedAndStopsInTheTargetLane()
    {
        var car = new TrafficVehicle(50, 3.6, 22, [new ChangeLateral(1, 0, 1.0)]);
        for (int i = 0; i < 200; i++) car.Step(i * 0.01, 0.01);
        Assert.Equal(2.6, car.Lateral, 1e-9);
        Assert.Equal(-1.0, car.LateralSpeed, 1e-9);
        for (int i = 200; i < 600; i++) car.Step(i * 0.01, 0.01);
        Assert.Equal(0, car.Lateral);
    }

    [Fact]
    public void StopAndGoCyclesStopAndPullAway()
    {
        var script = Maneuvers.StopAndGo(startS: 1, cruiseMps: 10, decelMps2: 2, accelMps2: 1, stopS: 3, cruiseS: 4, cycles: 2).ToList();
        Assert.Equal(4, script.Count);
        var car = new TrafficVehicle(0, 0, 10, script);
        var speeds = new List<double>();
        for (int i = 0; i < 5000; i++)
        {
            car.Step(i * 0.01, 0.01);
            speeds.Add(car.Speed);
        }
        Assert.Equal(0, speeds[(int)(7.5 / 0.01)]);        // stopped 5 s after braking began at 1 s, waiting until 9 s
        Assert.Equal(10, speeds[(int)(20.5 / 0.01)], 1e-9); // pulled away at 9 s, back at speed at 19 s
        Assert.Equal(0, speeds[(int)(28 / 0.01)]);          // second stop: braking from 23 s, stopped at 28 s
    }

    [Fact]
    public void EveryNamedScenarioBuildsAndUnknownNamesAreRefused()
    {
        Assert.Equal(["highway", "lead-brake", "stopped-car", "cut-in", "stop-and-go", "curves", "brake-disengage"], ScenarioRegistry.Names);
        foreach (var name in ScenarioRegistry.Names)
        {
            var s = ScenarioRegistry.Get(name);
            Assert.Equal(name, s.Name);
            Assert.True(s.Road.LengthM >= s.EgoSpeedMps * s.DurationS, $"{name}: the road is shorter than the drive");
        }
        Assert.Equal(30, ScenarioRegistry.Get(ScenarioRegistry.Default).EgoSpeedMps);
        var e = Assert.Throws<ArgumentException>(() => ScenarioRegistry.Get("moon"));
        Assert.Contains("highway", e.Message);
    }
}
